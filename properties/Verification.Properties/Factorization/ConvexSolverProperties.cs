using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Generators;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reference;
using Verification.Topics.Factorization;
using Xunit;

namespace Verification.Properties.Factorization;

/// <summary>The convex solver, its SVDs and its losses against independent computations (what the catalog's checks rely on).</summary>
public class ConvexSolverProperties
{
    private static Gen<Matrix<double>> Shaped(int maxRows, int maxColumns) =>
        from m in Gen.Choose(1, maxRows)
        from n in Gen.Choose(1, maxColumns)
        from a in Matrices.Any(m, n)
        select a;

    /// <summary>One-sided Jacobi against MathNet: the same singular values, U·diag(S)·VT = A, orthonormal U and VT, for tall, wide and rank-deficient matrices.</summary>
    [SeededProperty]
    public Property Jacobi_svd_agrees_with_MathNet() => Prop.ForAll(Shaped(9, 9).ToArbitrary(), a =>
    {
        var jacobi = ThinSvd.Jacobi(a);
        var managed = ThinSvd.Managed(a);
        var k = Math.Min(a.RowCount, a.ColumnCount);
        var scale = Math.Max(managed.Spectral, 1e-300);
        var bound = 8.0 * a.RowCount * a.ColumnCount * Rounding.UnitRoundoff * scale + 1e-300;
        var values = jacobi.S.Zip(managed.S, (x, y) => Math.Abs(x - y)).Max() <= bound;
        var reconstruction = (jacobi.U * Matrix<double>.Build.DenseOfDiagonalArray(jacobi.S) * jacobi.VT - a).FrobeniusNorm() <= 8 * k * bound;
        var identity = Matrix<double>.Build.DenseIdentity(k);
        var orthonormal = (jacobi.U.TransposeThisAndMultiply(jacobi.U) - identity).FrobeniusNorm() <= 1e-12 * k
                          && (jacobi.VT * jacobi.VT.Transpose() - identity).FrobeniusNorm() <= 1e-12 * k;
        return (values && reconstruction && orthonormal).Label($"values {values}, reconstruction {reconstruction}, orthonormal {orthonormal}");
    });

    [OpenBlasFact]
    public void The_LAPACK_svd_agrees_with_MathNet_on_a_40_by_30_matrix()
    {
        var previous = Backend.Requested;
        try
        {
            Backend.Use(BackendKind.OpenBlas);
            var rng = new SplitMix64(3);
            var a = Matrix<double>.Build.Dense(40, 30, (_, _) => rng.NextGaussian());
            var native = ThinSvd.Of(a);
            var managed = ThinSvd.Managed(a);
            Assert.True(native.S.Zip(managed.S, (x, y) => Math.Abs(x - y)).Max() < 1e-12 * managed.Spectral);
            Assert.True((native.U * Matrix<double>.Build.DenseOfDiagonalArray(native.S) * native.VT - a).FrobeniusNorm() < 1e-11 * managed.Spectral);
        }
        finally
        {
            Backend.Use(previous);
        }
    }

    /// <summary>Squared loss: the solver's X is S_λ(Y) computed with MathNet's SVD, and its gap is certified (matrices up to 30×30, beyond the Jacobi sizes).</summary>
    [SeededProperty(4)]
    public Property Squared_loss_solution_is_singular_value_thresholding() => Prop.ForAll(Shaped(30, 30).ToArbitrary(), Gen.Choose(1, 12).ToArbitrary(), (y, c) =>
    {
        var lambda = c / 8.0 * Math.Max(ThinSvd.Managed(y, vectors: false).Spectral, 1e-3);
        var s = NuclearNormSolver.Solve(ConvexLoss.Squared, y, lambda);
        var closed = Thresholding.Svt(y, lambda);
        var distance = (s.X - closed).FrobeniusNorm();
        return (s.Converged && distance <= Math.Sqrt(2 * s.CertifiedGap) + 1e-12 * (1 + y.FrobeniusNorm())).Label($"distance {distance}, gap {s.Gap}");
    });

    /// <summary>
    /// Logistic and Huber losses: the certified interval [Dual − rounding, Primal + rounding] contains the value the numpy-style
    /// reference solver (FISTA with full MathNet SVDs, its own loss code) reaches, and the KKT conditions hold at the solver's X:
    /// ‖∇ℓ(X)‖₂ ≤ λ(1 + 10⁻⁴) and ⟨−∇ℓ(X), X⟩ = λ‖X‖_* to 10⁻⁴ relative (the gap 10⁻¹⁰ bounds both far more tightly).
    /// </summary>
    [SeededProperty(4)]
    public Property Nonquadratic_losses_agree_with_the_numpy_style_reference() =>
        Prop.ForAll(Gen.Elements(ConvexLoss.Logistic, ConvexLoss.Huber).SelectMany(loss => Gen.Choose(1, 5).SelectMany(m => Gen.Choose(1, 5).SelectMany(n => Problems.OfShape(loss, m, n)))).ToArbitrary(), p =>
        {
            var s = NuclearNormSolver.Solve(p.Loss, p.Y, p.Lambda);
            var reference = NumpyStyleSolver.Solve(p.Y, p.Lambda, p.Loss.Name, 1e-12);
            var referenceGap = reference.Primal - reference.Dual;
            var inside = reference.Primal >= s.LowerBound - 1e-12 && reference.Dual <= s.UpperBound + 1e-12
                         && s.Primal >= reference.Dual - 1e-12 && s.Dual <= reference.Primal + 1e-12;
            var g = -p.Loss.Gradient(p.Y, s.X);
            var spectral = ThinSvd.Managed(g, vectors: false).Spectral;
            var nuclear = ThinSvd.Managed(s.X, vectors: false).Nuclear;
            var scale = 1 + p.Lambda * nuclear;
            var kkt = spectral <= p.Lambda * (1 + 1e-4) && Math.Abs(g.PointwiseMultiply(s.X).Enumerate().Sum() - p.Lambda * nuclear) <= 1e-4 * scale;
            return (s.Converged && inside && kkt).Label($"{p.Loss}: solver [{s.Dual}, {s.Primal}], reference [{reference.Dual}, {reference.Primal}] (gap {referenceGap}), ‖G‖₂ = {spectral} vs λ = {p.Lambda}");
        });

    public static TheoryData<string> LossNames() => ["squared", "logistic", "huber"];

    /// <summary>∇ℓ against central differences, and Fenchel–Young: −ℓ*(−G) = ℓ(X) + ⟨G, X⟩ at G = −∇ℓ(X) and ≤ ℓ(X') + ⟨G, X'⟩ elsewhere.</summary>
    [Theory]
    [MemberData(nameof(LossNames))]
    public void Loss_gradients_and_conjugates_are_consistent(string name)
    {
        var loss = ConvexLoss.Named(name);
        var rng = new SplitMix64(9);
        for (var trial = 0; trial < 20; trial++)
        {
            var y = Matrix<double>.Build.Dense(3, 2, (_, _) => name == "logistic" ? (rng.NextDouble() < 0.5 ? -1 : 1) : 2 * rng.NextGaussian());
            var x = Matrix<double>.Build.Dense(3, 2, (_, _) => 2 * rng.NextGaussian());
            var gradient = loss.Gradient(y, x);
            for (var i = 0; i < 3; i++)
                for (var j = 0; j < 2; j++)
                {
                    var (plus, minus) = (x.Clone(), x.Clone());
                    plus[i, j] += 1e-6;
                    minus[i, j] -= 1e-6;
                    Assert.Equal(gradient[i, j], (loss.Value(y, plus) - loss.Value(y, minus)) / 2e-6, 6);
                }
            var g = -gradient;
            Assert.Equal(loss.Value(y, x) + g.PointwiseMultiply(x).Enumerate().Sum(), loss.Dual(y, g), 10);
            var other = Matrix<double>.Build.Dense(3, 2, (_, _) => 3 * rng.NextGaussian());
            Assert.True(loss.Dual(y, g) <= loss.Value(y, other) + g.PointwiseMultiply(other).Enumerate().Sum() + 1e-12);
        }
    }

    [Fact]
    public void Unknown_losses_and_bad_targets_are_argument_errors()
    {
        Assert.Contains("known: squared, logistic, huber", Assert.Throws<ArgumentException>(() => ConvexLoss.Named("hinge")).Message);
        Assert.Contains("±1", Assert.Throws<ArgumentException>(() => ConvexProblem.Create(Matrix<double>.Build.Dense(1, 1, 0.5), 1, ConvexLoss.Logistic)).Message);
        Assert.Contains("lambda must be > 0", Assert.Throws<ArgumentException>(() => ConvexProblem.Create(Matrix<double>.Build.Dense(1, 1, 1), 0, ConvexLoss.Squared)).Message);
    }

    /// <summary>Local descent keeps frozen columns exactly zero and ends balanced (‖u_i‖ = ‖v_i‖), so h = f at its end point.</summary>
    [Fact]
    public void Local_descent_keeps_frozen_columns_at_zero_and_ends_balanced()
    {
        var rng = new SplitMix64(5);
        var p = ConvexProblem.Create(Matrix<double>.Build.Dense(4, 3, (_, _) => rng.NextGaussian()), 0.3, ConvexLoss.Squared);
        var start = FactorizationClaims.RandomStart(p, 4, rng);
        start.U.ClearColumn(2);
        start.V.ClearColumn(2);
        var d = LocalDescent.Run(p.Loss, p.Y, p.Lambda, start, 7, frozen: [2]);
        Assert.True(d.Point.U.Column(2).All(e => e == 0) && d.Point.V.Column(2).All(e => e == 0));
        for (var i = 0; i < 4; i++) Assert.Equal(d.Point.U.Column(i).L2Norm(), d.Point.V.Column(i).L2Norm(), 12);
        Assert.Equal(p.Factorized(d.Point), d.Value, 12);
    }

    /// <summary>The meta-algorithm's exact step for the squared loss: t = σ₁ − λ minimizes f along the appended column.</summary>
    [Fact]
    public void The_squared_loss_step_minimizes_f_along_the_new_column()
    {
        var y = Matrix<double>.Build.DenseOfDiagonalArray([3.0, 2.0, 1.0]);
        var p = ConvexProblem.Create(y, 0.5, ConvexLoss.Squared);
        var f = new Factors(Matrix<double>.Build.Dense(3, 1), Matrix<double>.Build.Dense(3, 1));
        var certificate = FactorizedObjective.Certify(p.Loss, p.Y, f.U, f.V, p.Lambda);
        var t = MetaAlgorithm.StepLength(p.Loss, p.Y, f.Product, p.Lambda, certificate);
        Assert.Equal(2.5, t, 12);
        double Along(double s) => p.Factorized(MetaAlgorithm.Append(f, Math.Sqrt(s) * certificate.A, Math.Sqrt(s) * certificate.B));
        Assert.True(Along(t) < Along(t * 0.99) && Along(t) < Along(t * 1.01));
        // The logistic step is found by bisection; it agrees with a fine scan.
        var logistic = ConvexProblem.Create(Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, -1 }, { 1, 1 } }), 0.2, ConvexLoss.Logistic);
        var zero = new Factors(Matrix<double>.Build.Dense(2, 1), Matrix<double>.Build.Dense(2, 1));
        var c = FactorizedObjective.Certify(logistic.Loss, logistic.Y, zero.U, zero.V, logistic.Lambda);
        var tl = MetaAlgorithm.StepLength(logistic.Loss, logistic.Y, zero.Product, logistic.Lambda, c);
        double AlongLogistic(double s) => logistic.Factorized(MetaAlgorithm.Append(zero, Math.Sqrt(s) * c.A, Math.Sqrt(s) * c.B));
        var scan = Enumerable.Range(1, 4000).Select(i => i * 0.005).MinBy(AlongLogistic);
        Assert.True(Math.Abs(tl - scan) <= 0.005, $"bisection {tl}, scan {scan}");
    }
}

/// <summary>The convex solver's benchmark input (200×200, squared loss): the certified gap reaches 1e-10 relative and X is S_λ(Y).</summary>
public class ConvexBenchmarkInputs
{
    [Fact]
    public void The_200_by_200_squared_loss_problem_is_solved_to_the_target_gap()
    {
        var (y, lambda, loss) = ConvexInstances.Problem("squared");
        var s = NuclearNormSolver.Solve(loss, y, lambda);
        Assert.True(s.Converged);
        Assert.True(s.Gap <= 1e-10 * s.Primal, $"gap {s.Gap} at primal {s.Primal}");
        var closed = Thresholding.Svt(y, lambda);
        Assert.True((s.X - closed).FrobeniusNorm() <= Math.Sqrt(2 * s.CertifiedGap) + 1e-10, $"distance {(s.X - closed).FrobeniusNorm()}");
        var reference = NumpyStyleSolver.Solve(y, lambda, "squared");
        Assert.InRange(reference.Primal, s.LowerBound - 1e-9, s.UpperBound + 1e-9);
    }
}
