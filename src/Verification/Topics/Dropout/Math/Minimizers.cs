using Fractions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.Dropout;

/// <summary>The outcome of local descent from several random starts: the lowest value evaluated anywhere, and where.</summary>
public sealed record DescentResult(double LowestValue, Factors LowestPoint, int Starts, int Evaluations, double LowestMagnitude, IReadOnlyList<double> FinalValues);

/// <summary>
/// The minimizers of the dropout objective f(U, V) = ‖Y − UVᵀ‖_F² + λ Σ_i ‖u_i‖²‖v_i‖² (Cavazza et al. 2018; Mianjy et al. 2018):
/// the closed forms live in <see cref="Thresholding"/>; here the variable rate θ_r, the construction of an optimal pair,
/// and local descent (L-BFGS of MathNet.Numerics) as independent evidence.
/// </summary>
public static class Minimizers
{
    /// <summary>θ_r = θ₁ / (r − (r − 1)θ₁), so that (1 − θ_r)/θ_r = r·λ₁.</summary>
    public static double VariableRetainRate(double theta1, int r) => theta1 / (r - (r - 1) * theta1);

    public static Fraction VariableRetainRate(Fraction theta1, int r) => theta1 / (new Fraction(r) - new Fraction(r - 1) * theta1);

    /// <summary>f(U, V) = ‖Y − UVᵀ‖_F² + λ Σ_i ‖u_i‖²‖v_i‖².</summary>
    public static double Objective(Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda) =>
        Norms.FrobeniusSquared(y - u * v.Transpose()) + lambda * DropoutObjective.Regularizer(u, v);

    /// <summary>Σ_ij (|Y_ij| + (|U||V|ᵀ)_ij)² + λ Σ‖u_i‖²‖v_i‖²: the magnitude of the terms summed in f, for tolerances.</summary>
    public static double ObjectiveMagnitude(Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda) =>
        Norms.FrobeniusSquared(y.PointwiseAbs() + u.PointwiseAbs() * v.PointwiseAbs().Transpose()) + lambda * DropoutObjective.Regularizer(u, v);

    /// <summary>
    /// The construction of dropout.optimum-construction: the balanced SVD factors W Σ^{1/2}, Z Σ^{1/2} of X (padded with zero
    /// columns to r), rotated by the Q of the Gram-based balancing so that every column product equals ‖X‖_*/r.
    /// </summary>
    public static Factors BalancedFactors(Matrix<double> x, int r)
    {
        // Singular values at the rounding level of X are zeros: their square roots (~1e-8) would otherwise enter the factors.
        var rank = Thresholding.Rank(Thresholding.SingularValues(x), x.RowCount, x.ColumnCount);
        var svd = Factorizations.BalancedSvd(x, r, rank);
        var q = Balancing.GramRotation(svd.U.TransposeThisAndMultiply(svd.U));
        return new Factors(svd.U * q, svd.V * q);
    }

    /// <summary>The optimal pair for f at width r: <see cref="BalancedFactors"/> of the fixed-width minimizer.</summary>
    public static Factors OptimalFactors(Matrix<double> y, double lambda, int r) =>
        BalancedFactors(Thresholding.FixedWidth(y, lambda, r).Minimizer, r);

    /// <summary>
    /// Local descent on f from <paramref name="starts"/> random starts (Gaussian entries of scale √(‖Y‖_F / r), seeded), each run
    /// by MathNet's L-BFGS with the analytic gradient until the gradient norm is below 1e-10·(1 + ‖Y‖_F²) or 2000 iterations.
    /// Every point the optimizer evaluates is recorded, so the result is the lowest f seen anywhere, not only at the end.
    /// </summary>
    public static DescentResult LocalDescent(Matrix<double> y, double lambda, int r, int starts, ulong seed)
    {
        int m = y.RowCount, n = y.ColumnCount;
        var rng = new SplitMix64(seed);
        var scale = Math.Sqrt(Math.Max(y.FrobeniusNorm(), 1e-3) / r);
        var lowest = double.PositiveInfinity;
        var lowestMagnitude = 0.0;
        Factors? lowestPoint = null;
        var evaluations = 0;
        var finals = new List<double>();

        (Matrix<double> U, Matrix<double> V) Split(Vector<double> x) =>
            (Matrix<double>.Build.Dense(m, r, x.SubVector(0, m * r).ToArray()), Matrix<double>.Build.Dense(n, r, x.SubVector(m * r, n * r).ToArray()));

        var objective = ObjectiveFunction.Gradient(x =>
        {
            var (u, v) = Split(x);
            var value = Objective(y, u, v, lambda);
            evaluations++;
            if (value < lowest)
            {
                lowest = value;
                lowestPoint = new Factors(u, v);
                lowestMagnitude = ObjectiveMagnitude(y, u, v, lambda);
            }
            var g = DropoutGradients.Objective(y, u, v, lambda);
            var gradient = Vector<double>.Build.Dense(m * r + n * r);
            gradient.SetSubVector(0, m * r, Vector<double>.Build.Dense(g.U.AsColumnMajorArray() ?? g.U.ToColumnMajorArray()));
            gradient.SetSubVector(m * r, n * r, Vector<double>.Build.Dense(g.V.AsColumnMajorArray() ?? g.V.ToColumnMajorArray()));
            return (value, gradient);
        });

        var tolerance = 1e-10 * (1 + Norms.FrobeniusSquared(y));
        for (var s = 0; s < starts; s++)
        {
            var start = Vector<double>.Build.Dense(m * r + n * r, _ => scale * rng.NextGaussian());
            try
            {
                var minimizer = new LimitedMemoryBfgsMinimizer(tolerance, 1e-15, 1e-15, 10, 2000);
                var result = minimizer.FindMinimum(objective, start);
                finals.Add(result.FunctionInfoAtMinimum.Value);
            }
            catch (Exception e) when (e is MaximumIterationsException or OptimizationException or ArithmeticException)
            {
                // A stalled line search or the iteration cap: the lowest point evaluated so far still counts.
                finals.Add(double.NaN);
            }
        }
        return new DescentResult(lowest, lowestPoint!, starts, evaluations, lowestMagnitude, finals);
    }
}
