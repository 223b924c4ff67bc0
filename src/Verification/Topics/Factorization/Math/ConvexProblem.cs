using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;

namespace Verification.Topics.Factorization;

/// <summary>
/// The data of F(X) = ℓ(Y, X) + λ‖X‖_* and of its factorized form f(U, V) = ℓ(Y, UVᵀ) + λΣ‖u_i‖‖v_i‖: a target Y, a weight
/// λ &gt; 0 and a convex loss ℓ. Build it with <see cref="Create"/>, which validates.
/// </summary>
public sealed record ConvexProblem(Matrix<double> Y, double Lambda, ConvexLoss Loss)
{
    public int Rows => Y.RowCount;
    public int Columns => Y.ColumnCount;

    /// <summary>min(m, n).</summary>
    public int Smaller => Math.Min(Y.RowCount, Y.ColumnCount);

    /// <summary>λ, Y's shape and the loss's domain checked: λ &gt; 0 and finite, Y non-empty, logistic targets ±1.</summary>
    public static ConvexProblem Create(Matrix<double> y, double lambda, ConvexLoss loss)
    {
        if (!(lambda > 0) || !double.IsFinite(lambda)) throw new ArgumentException($"lambda must be > 0, got {lambda}");
        if (y.RowCount == 0 || y.ColumnCount == 0) throw new ArgumentException("Y must not be empty");
        loss.Validate(y);
        return new ConvexProblem(y, lambda, loss);
    }

    /// <summary>‖∇ℓ(Y, 0)‖₂: X* = 0 exactly when λ is at least this (the certificate at 0).</summary>
    public static double CriticalLambda(Matrix<double> y, ConvexLoss loss) =>
        ThinSvd.Of(loss.Gradient(y, Matrix<double>.Build.Dense(y.RowCount, y.ColumnCount)), vectors: false).Spectral;

    /// <summary>The certified convex minimum (accelerated proximal gradient with SVT, duality gap 1e-10 relative).</summary>
    public ConvexSolution Solve(SolverOptions? options = null) => NuclearNormSolver.Solve(Loss, Y, Lambda, options);

    /// <summary>f(U, V).</summary>
    public double Factorized(Factors f) => FactorizedObjective.Value(Loss, Y, f, Lambda);

    /// <summary>F(X).</summary>
    public double Convex(Matrix<double> x) => NuclearNormSolver.Objective(Loss, Y, x, Lambda);
}
