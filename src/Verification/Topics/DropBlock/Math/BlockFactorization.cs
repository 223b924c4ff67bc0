using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.DropBlock;

/// <summary>The lowest value local descent evaluated, where, and how much work it took.</summary>
public sealed record BlockDescent(double LowestValue, Factors LowestPoint, int Starts, int Evaluations, double LowestMagnitude, IReadOnlyList<double> FinalValues);

/// <summary>
/// The deterministic DropBlock objective at a fixed number r of blocks of b units: f(U, V) = ‖Y − UVᵀ‖_F² + λ Σ_g ‖U_gV_gᵀ‖_F²,
/// its gradient, and local descent from random starts (L-BFGS of MathNet.Numerics) as independent numerical evidence.
/// </summary>
public static class BlockFactorization
{
    public static double Objective(Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda, int b) =>
        Norms.FrobeniusSquared(y - u * v.Transpose()) + lambda * DropBlockObjective.Regularizer(u, v, b);

    /// <summary>∇_U f = −2(Y − UVᵀ)V + 2λ[U_gV_gᵀV_g]_g and ∇_V f = −2(Y − UVᵀ)ᵀU + 2λ[V_gU_gᵀU_g]_g.</summary>
    public static (Matrix<double> U, Matrix<double> V) Gradient(Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda, int b)
    {
        var residual = y - u * v.Transpose();
        var gu = -2 * residual * v;
        var gv = -2 * residual.TransposeThisAndMultiply(u);
        for (var g = 0; g < u.ColumnCount / b; g++)
        {
            var ug = DropBlockObjective.Block(u, g, b);
            var vg = DropBlockObjective.Block(v, g, b);
            var product = ug * vg.Transpose();
            gu.SetSubMatrix(0, g * b, DropBlockObjective.Block(gu, g, b) + 2 * lambda * product * vg);
            gv.SetSubMatrix(0, g * b, DropBlockObjective.Block(gv, g, b) + 2 * lambda * product.TransposeThisAndMultiply(ug));
        }
        return (gu, gv);
    }

    public static double GradientNorm(Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda, int b)
    {
        var (gu, gv) = Gradient(y, u, v, lambda, b);
        return Math.Sqrt(Norms.FrobeniusSquared(gu) + Norms.FrobeniusSquared(gv));
    }

    /// <summary>
    /// Σ_ij (|Y_ij| + (|U||V|ᵀ)_ij)² + λ Σ_g ‖|U_g||V_g|ᵀ‖_F²: the magnitude of every term summed in f (for tolerances).
    /// </summary>
    public static double Magnitude(Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda, int b) =>
        Norms.FrobeniusSquared(y.PointwiseAbs() + u.PointwiseAbs() * v.PointwiseAbs().Transpose())
        + lambda * DropBlockObjective.Regularizer(u.PointwiseAbs(), v.PointwiseAbs(), b);

    /// <summary>
    /// A bound on the magnitude of the terms summed in ∇f: (|Y| + |U||V|ᵀ)|V| and λ|U_g||V_g|ᵀ|V_g|, and the same for V, in Frobenius norm.
    /// </summary>
    public static double GradientMagnitude(Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda, int b)
    {
        var (au, av) = (u.PointwiseAbs(), v.PointwiseAbs());
        var residual = y.PointwiseAbs() + au * av.Transpose();
        var s = 2 * (residual * av).FrobeniusNorm() + 2 * residual.TransposeThisAndMultiply(au).FrobeniusNorm();
        for (var g = 0; g < u.ColumnCount / b; g++)
        {
            var (ug, vg) = (DropBlockObjective.Block(au, g, b), DropBlockObjective.Block(av, g, b));
            var product = ug * vg.Transpose();
            s += 2 * lambda * ((product * vg).FrobeniusNorm() + product.TransposeThisAndMultiply(ug).FrobeniusNorm());
        }
        return s;
    }

    /// <summary>
    /// Local descent on f from <paramref name="starts"/> random starts (Gaussian entries of scale √(‖Y‖_F / d), seeded), each by
    /// L-BFGS with the analytic gradient until the gradient norm is below 1e-10·(1 + ‖Y‖_F²) or 3000 iterations. Every point
    /// the optimizer evaluates is recorded, so the result is the lowest f seen anywhere.
    /// </summary>
    public static BlockDescent LocalDescent(Matrix<double> y, double lambda, int r, int b, int starts, ulong seed)
    {
        int m = y.RowCount, n = y.ColumnCount, d = r * b;
        var rng = new SplitMix64(seed);
        var scale = Math.Sqrt(Math.Max(y.FrobeniusNorm(), 1e-3) / d);
        var lowest = double.PositiveInfinity;
        var lowestMagnitude = 0.0;
        Factors? lowestPoint = null;
        var evaluations = 0;
        var finals = new List<double>();

        (Matrix<double> U, Matrix<double> V) Split(Vector<double> x) =>
            (Matrix<double>.Build.Dense(m, d, x.SubVector(0, m * d).ToArray()), Matrix<double>.Build.Dense(n, d, x.SubVector(m * d, n * d).ToArray()));

        var objective = ObjectiveFunction.Gradient(x =>
        {
            var (u, v) = Split(x);
            var value = Objective(y, u, v, lambda, b);
            evaluations++;
            if (value < lowest)
            {
                lowest = value;
                lowestPoint = new Factors(u, v);
                lowestMagnitude = Magnitude(y, u, v, lambda, b);
            }
            var (gu, gv) = Gradient(y, u, v, lambda, b);
            var gradient = Vector<double>.Build.Dense(m * d + n * d);
            gradient.SetSubVector(0, m * d, Vector<double>.Build.Dense(gu.ToColumnMajorArray()));
            gradient.SetSubVector(m * d, n * d, Vector<double>.Build.Dense(gv.ToColumnMajorArray()));
            return (value, gradient);
        });

        var tolerance = 1e-10 * (1 + Norms.FrobeniusSquared(y));
        for (var s = 0; s < starts; s++)
        {
            var start = Vector<double>.Build.Dense(m * d + n * d, _ => scale * rng.NextGaussian());
            try
            {
                var minimizer = new LimitedMemoryBfgsMinimizer(tolerance, 1e-15, 1e-15, 10, 3000);
                finals.Add(minimizer.FindMinimum(objective, start).FunctionInfoAtMinimum.Value);
            }
            catch (Exception e) when (e is MaximumIterationsException or OptimizationException or ArithmeticException)
            {
                finals.Add(double.NaN); // the lowest point evaluated so far still counts
            }
        }
        return new BlockDescent(lowest, lowestPoint!, starts, evaluations, lowestMagnitude, finals);
    }
}
