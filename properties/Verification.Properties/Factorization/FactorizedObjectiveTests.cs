using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Topics.Factorization;
using Xunit;

namespace Verification.Properties.Factorization;

/// <summary>
/// The convex problem and the factorized objective of Haeffele and Vidal against hand computation: f = ℓ(Y, UVᵀ) + λΣ‖u_i‖‖v_i‖
/// and its smooth form h summed by hand, ∇h entry by entry, the certificate (G = Y − UVᵀ, its spectral norm, the column
/// residuals), balancing (UVᵀ and f kept, h lowered), the excess bound against the true excess, the rounding magnitude, and
/// the problem's refusals, shape, critical λ and closed-form minimum.
/// </summary>
public class FactorizedObjectiveTests
{
    private static Matrix<double> M(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    private static Vector<double> V(params double[] a) => Vector<double>.Build.DenseOfArray(a);

    private static readonly ConvexLoss Squared = ConvexLoss.Squared;

    // Y = [1 2; 3 4], U = [1 0; 0 2], V = [1 1; 0 1]: X = UVᵀ = [1 0; 2 2], Y − X = [0 2; 1 2].
    private static readonly Matrix<double> Y = M(new double[,] { { 1, 2 }, { 3, 4 } });
    private static readonly Matrix<double> U0 = M(new double[,] { { 1, 0 }, { 0, 2 } });
    private static readonly Matrix<double> V0 = M(new double[,] { { 1, 1 }, { 0, 1 } });

    /// <summary>ℓ = ½(0 + 4 + 1 + 4) = 9/2; Σ‖u_i‖‖v_i‖ = 1·1 + 2·√2; ½(‖U‖² + ‖V‖²) = ½(5 + 3) = 4.</summary>
    [Fact]
    public void The_objective_and_its_smooth_form_summed_by_hand()
    {
        Assert.Equal(4.5 + 1 + 2 * Math.Sqrt(2), FactorizedObjective.Value(Squared, Y, U0, V0, 1), 1e-14);
        Assert.Equal(4.5 + 2 * (1 + 2 * Math.Sqrt(2)), FactorizedObjective.Value(Squared, Y, new Factors(U0, V0), 2), 1e-14);
        Assert.Equal(8.5, FactorizedObjective.Smooth(Squared, Y, U0, V0, 1), 1e-14);
        Assert.Equal(4.5 + 0.5 * 3 * 8, FactorizedObjective.Smooth(Squared, Y, U0, V0, 3), 1e-14);
        // h ≥ f, by ‖u‖‖v‖ ≤ ½(‖u‖² + ‖v‖²).
        Assert.True(FactorizedObjective.Smooth(Squared, Y, U0, V0, 1) >= FactorizedObjective.Value(Squared, Y, U0, V0, 1));
    }

    /// <summary>
    /// ∇ℓ = X − Y = [0 −2; −1 −2]. ∇_U = ∇ℓ·V + λU = [0 −2; −1 −3] + [1 0; 0 2] = [1 −2; −1 −1];
    /// ∇_V = ∇ℓᵀ·U + λV = [0 −2; −2 −4] + [1 1; 0 1] = [1 −1; −2 −3].
    /// </summary>
    [Fact]
    public void The_smooth_gradient_entry_by_entry()
    {
        var (gu, gv) = FactorizedObjective.SmoothGradient(Squared, Y, U0, V0, 1);
        Assert.Equal(M(new double[,] { { 1, -2 }, { -1, -1 } }), gu);
        Assert.Equal(M(new double[,] { { 1, -1 }, { -2, -3 } }), gv);
        // Against central differences of h in every coordinate (h is quadratic in each entry: the difference is exact up to rounding).
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 2; j++)
            {
                Matrix<double> Bump(Matrix<double> a, double e)
                {
                    var b = a.Clone();
                    b[i, j] += e;
                    return b;
                }
                var du = (FactorizedObjective.Smooth(Squared, Y, Bump(U0, 1e-4), V0, 1) - FactorizedObjective.Smooth(Squared, Y, Bump(U0, -1e-4), V0, 1)) / 2e-4;
                var dv = (FactorizedObjective.Smooth(Squared, Y, U0, Bump(V0, 1e-4), 1) - FactorizedObjective.Smooth(Squared, Y, U0, Bump(V0, -1e-4), 1)) / 2e-4;
                Assert.Equal(gu[i, j], du, 1e-6);
                Assert.Equal(gv[i, j], dv, 1e-6);
            }
    }

    /// <summary>
    /// G = Y − X = [0 2; 1 2], GᵀG = [1 2; 2 8] with eigenvalues (9 ± √65)/2, so ‖G‖₂ = √((9 + √65)/2). Column residuals
    /// u_iᵀGv_i − λ‖u_i‖‖v_i‖: (1, 0)·G(1, 0) − 1 = −1 and (0, 2)·G(1, 1) − 2√2 = 6 − 2√2.
    /// </summary>
    [Fact]
    public void The_certificate_of_a_pair_by_hand()
    {
        var c = FactorizedObjective.Certify(Squared, Y, U0, V0, 1);
        Assert.Equal(M(new double[,] { { 0, 2 }, { 1, 2 } }), c.G);
        Assert.Equal(Math.Sqrt((9 + Math.Sqrt(65)) / 2), c.SpectralNorm, 1e-13);
        Assert.Equal(2, c.ColumnResiduals.Count);
        Assert.Equal(-1, c.ColumnResiduals[0], 1e-14);
        Assert.Equal(6 - 2 * Math.Sqrt(2), c.ColumnResiduals[1], 1e-14);
        Assert.Equal(6 - 2 * Math.Sqrt(2), c.WorstColumnResidual, 1e-14);
        // (A, B) is a unit top singular pair: AᵀGB = ‖G‖₂.
        Assert.Equal(1, c.A.L2Norm(), 1e-14);
        Assert.Equal(1, c.B.L2Norm(), 1e-14);
        Assert.Equal(c.SpectralNorm, c.A.DotProduct(c.G * c.B), 1e-13);
    }

    [Fact]
    public void The_certificate_at_zero_is_Y_itself()
    {
        // U = V = 0 (one column): G = Y = diag(3, 1), ‖G‖₂ = 3 with the pair ±(e₁, e₁), residual 0 − λ·0 = 0.
        var y = M(new double[,] { { 3, 0 }, { 0, 1 } });
        var zero = Matrix<double>.Build.Dense(2, 1);
        var c = FactorizedObjective.Certify(Squared, y, zero, zero, 0.5);
        Assert.Equal(3, c.SpectralNorm, 1e-14);
        Assert.Equal(new[] { 0.0 }, c.ColumnResiduals);
        Assert.Equal(1, Math.Abs(c.A[0]), 1e-14);
        Assert.Equal(1, Math.Abs(c.B[0]), 1e-14);
        Assert.Equal(3, c.A.DotProduct(c.G * c.B), 1e-14);
        // With no columns at all there are no residuals, and the worst one is 0.
        var empty = FactorizedObjective.Certify(Squared, y, Matrix<double>.Build.Dense(2, 0), Matrix<double>.Build.Dense(2, 0), 0.5);
        Assert.Empty(empty.ColumnResiduals);
        Assert.Equal(0, empty.WorstColumnResidual);
        // The worst residual is the largest in absolute value, negative ones included.
        Assert.Equal(5, new Certificate(1, [-5, 2], V(1), V(1), M(new double[,] { { 1 } })).WorstColumnResidual);
        Assert.Equal(5, new Certificate(1, [2, -5], V(1), V(1), M(new double[,] { { 1 } })).WorstColumnResidual);
    }

    /// <summary>
    /// Columns (u, v) = ((3, 4), (0, 12, 16)) with norms 5 and 20: c = √(20/5) = 2 gives (6, 8) and (0, 6, 8), both of norm 10.
    /// A column with a zero side becomes (0, 0). With Y = 0 and λ = 1: ℓ = ½‖uvᵀ‖² = ½·100² = 5000, f = 5000 + 5·20 both before
    /// and after, h = 5000 + ½(25 + 1 + 400 + 14) = 5220 before and 5000 + ½(100 + 100) = 5100 after.
    /// </summary>
    [Fact]
    public void Balancing_keeps_the_product_and_f_and_lowers_h()
    {
        var u = M(new double[,] { { 3, 1, 0 }, { 4, 0, 0 } });
        var v = M(new double[,] { { 0, 0, 1 }, { 12, 0, 2 }, { 16, 0, 3 } });
        var b = FactorizedObjective.Balance(u, v);
        Assert.Equal(M(new double[,] { { 6, 0, 0 }, { 8, 0, 0 } }), b.U);
        Assert.Equal(M(new double[,] { { 0, 0, 0 }, { 6, 0, 0 }, { 8, 0, 0 } }), b.V);
        // The inputs are not changed.
        Assert.Equal(3, u[0, 0]);
        Assert.Equal(1, u[0, 1]);
        Assert.Equal(3, v[2, 2]);
        var y = Matrix<double>.Build.Dense(2, 3);
        Assert.Equal(5100, FactorizedObjective.Value(Squared, y, u, v, 1), 1e-9);
        Assert.Equal(5100, FactorizedObjective.Value(Squared, y, b.U, b.V, 1), 1e-9);
        Assert.Equal(5220, FactorizedObjective.Smooth(Squared, y, u, v, 1), 1e-9);
        Assert.Equal(5100, FactorizedObjective.Smooth(Squared, y, b.U, b.V, 1), 1e-9);
        Assert.Equal(u * v.Transpose(), b.U * b.V.Transpose());
    }

    /// <summary>
    /// Y = [3], λ = 1: min F = min ½(3 − x)² + |x| = ½ + 2 at x = 2. At (u, v) = (1, 1): G = 2 ≤ λ(1 + η) for η = 1,
    /// E = ∇h = (−2·1 + 1, −2·1 + 1) = (−1, −1), stationarity ½(−1 − 1) &lt; 0 counts 0, ℓ + ⟨G, X⟩ = 2 + 2 = 4, bound ½·4 = 2 ≥ the
    /// true excess 3 − 2.5. At (2, 2): G = −1, E = (4, 4), stationarity ½(8 + 8) = 8, ℓ + ⟨G, X⟩ = ½ − 4 &lt; 0 counts 0: bound 8 ≥ 2.
    /// At the minimum (√2, √2) with η = 0 the bound is 0.
    /// </summary>
    [Fact]
    public void The_excess_bound_by_hand_and_against_the_true_excess()
    {
        var y = M(new double[,] { { 3 } });
        Matrix<double> S(double a) => M(new double[,] { { a } });
        Assert.Equal(2, FactorizedObjective.ExcessBound(Squared, y, S(1), S(1), 1, 1), 1e-14);
        Assert.Equal(4.0 / 3, FactorizedObjective.ExcessBound(Squared, y, S(1), S(1), 1, 0.5), 1e-14); // (0.5/1.5)·4
        Assert.Equal(8, FactorizedObjective.ExcessBound(Squared, y, S(2), S(2), 1, 1), 1e-14);
        Assert.Equal(0, FactorizedObjective.ExcessBound(Squared, y, S(1), S(1), 1, 0), 1e-14);
        var r = Math.Sqrt(2);
        Assert.Equal(0, FactorizedObjective.ExcessBound(Squared, y, S(r), S(r), 1, 0), 1e-12);
        Assert.Equal(1.25, FactorizedObjective.ExcessBound(Squared, y, S(r), S(r), 1, 1), 1e-12); // ½·(½ + 1·2)
        foreach (var a in new[] { 1.0, 2.0 })
            Assert.True(FactorizedObjective.Value(Squared, y, S(a), S(a), 1) - 2.5 <= FactorizedObjective.ExcessBound(Squared, y, S(a), S(a), 1, 1));
    }

    /// <summary>
    /// The bound's inner products are sums over every entry. Y = diag(3, 1), λ = ½, η = 1 (min F = 7/4 by thresholding).
    /// At U = I, V = diag(2, ½): G = diag(1, ½), E_U = −GV + λU = diag(−3/2, ¼), E_V = −GᵀU + λV = diag(0, −¼);
    /// stationarity ½(−5/4 − 1/8) &lt; 0 counts 0, ℓ + ⟨G, X⟩ = 5/8 + 9/4 = 23/8, bound ½·23/8 = 23/16 ≥ f − min F = 15/8 − 7/4.
    /// At U = V = diag(2, 1): G = diag(−1, 0), E_U = E_V = diag(3, ½), stationarity ½(13/2 + 13/2) = 13/2,
    /// ℓ + ⟨G, X⟩ = ½ − 4 &lt; 0 counts 0: bound 13/2 ≥ 3 − 7/4.
    /// </summary>
    [Fact]
    public void The_excess_bound_sums_every_entry_of_its_inner_products()
    {
        var y = M(new double[,] { { 3, 0 }, { 0, 1 } });
        Matrix<double> D(double a, double b) => M(new double[,] { { a, 0 }, { 0, b } });
        Assert.Equal(23.0 / 16, FactorizedObjective.ExcessBound(Squared, y, D(1, 1), D(2, 0.5), 0.5, 1), 1e-14);
        Assert.Equal(6.5, FactorizedObjective.ExcessBound(Squared, y, D(2, 1), D(2, 1), 0.5, 1), 1e-14);
        // f at the two points: ½(1 + ¼) + ½(2 + ½) and ½·1 + ½(4 + 1); both excesses over 7/4 are within their bounds.
        Assert.Equal(1.875, FactorizedObjective.Value(Squared, y, D(1, 1), D(2, 0.5), 0.5), 1e-14);
        Assert.Equal(3, FactorizedObjective.Value(Squared, y, D(2, 1), D(2, 1), 0.5), 1e-14);
        foreach (var (u, v) in new[] { (D(1, 1), D(2, 0.5)), (D(2, 1), D(2, 1)) })
            Assert.True(FactorizedObjective.Value(Squared, y, u, v, 0.5) - 1.75 <= FactorizedObjective.ExcessBound(Squared, y, u, v, 0.5, 1));
    }

    /// <summary>An empty Y (0×2): G is empty, its norm 0, and the top singular pair is the zero vector of each side.</summary>
    [Fact]
    public void The_certificate_of_an_empty_matrix_is_zero()
    {
        var c = FactorizedObjective.Certify(Squared, Matrix<double>.Build.Dense(0, 2), Matrix<double>.Build.Dense(0, 1), Matrix<double>.Build.Dense(2, 1), 0.5);
        Assert.Equal(0, c.SpectralNorm);
        Assert.Equal((0, 2), (c.A.Count, c.B.Count));
        Assert.True(c.B.All(e => e == 0));
        Assert.Equal(new[] { 0.0 }, c.ColumnResiduals);
    }

    /// <summary>|U||V|ᵀ, not UVᵀ: U = [1 −1], V = [1 1] have UVᵀ = 0 but |U||V|ᵀ = 2, so (|0| + 2)² + λ(2 + 2).</summary>
    [Fact]
    public void The_rounding_magnitude_uses_absolute_values()
    {
        var y = M(new double[,] { { 0 } });
        var u = M(new double[,] { { 1, -1 } });
        var v = M(new double[,] { { 1, 1 } });
        Assert.Equal(8, FactorizedObjective.Magnitude(Squared, y, u, v, 1));
        Assert.Equal(12, FactorizedObjective.Magnitude(Squared, y, u, v, 2));
        Assert.Equal(25 + 5, FactorizedObjective.Magnitude(Squared, M(new double[,] { { -3 } }), M(new double[,] { { -1 } }), M(new double[,] { { 2 } }), 1));
    }

    [Fact]
    public void A_problem_is_validated_and_knows_its_shape()
    {
        var y = M(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var p = ConvexProblem.Create(y, 0.5, Squared);
        Assert.Equal((2, 3, 2), (p.Rows, p.Columns, p.Smaller));
        Assert.Equal(2, ConvexProblem.Create(y.Transpose(), 0.5, Squared).Smaller);
        Assert.Equal(0.5, p.Lambda);
        Assert.Same(Squared, p.Loss);
        Assert.Equal("lambda must be > 0, got 0", Assert.Throws<ArgumentException>(() => ConvexProblem.Create(y, 0, Squared)).Message);
        Assert.Equal("lambda must be > 0, got -1", Assert.Throws<ArgumentException>(() => ConvexProblem.Create(y, -1, Squared)).Message);
        Assert.Equal("lambda must be > 0, got NaN", Assert.Throws<ArgumentException>(() => ConvexProblem.Create(y, double.NaN, Squared)).Message);
        Assert.StartsWith("lambda must be > 0, got ", Assert.Throws<ArgumentException>(() => ConvexProblem.Create(y, double.PositiveInfinity, Squared)).Message);
        Assert.Equal("Y must not be empty", Assert.Throws<ArgumentException>(() => ConvexProblem.Create(Matrix<double>.Build.Dense(0, 2), 1, Squared)).Message);
        Assert.Equal("Y must not be empty", Assert.Throws<ArgumentException>(() => ConvexProblem.Create(Matrix<double>.Build.Dense(2, 0), 1, Squared)).Message);
        Assert.Equal("Y has a non-finite entry", Assert.Throws<ArgumentException>(() => ConvexProblem.Create(M(new double[,] { { 1, double.NaN } }), 1, Squared)).Message);
        Assert.Equal("the logistic loss needs targets ±1, but Y[0][1] = 0.5",
            Assert.Throws<ArgumentException>(() => ConvexProblem.Create(M(new double[,] { { 1, 0.5 } }), 1, ConvexLoss.Logistic)).Message);
    }

    /// <summary>‖∇ℓ(Y, 0)‖₂: ‖−Y‖₂ for the squared loss, ‖−Y/2‖₂ for the logistic (σ(0) = ½), ‖clip(−Y)‖₂ for Huber.</summary>
    [Fact]
    public void The_critical_lambda_is_the_gradient_norm_at_zero()
    {
        Assert.Equal(3, ConvexProblem.CriticalLambda(M(new double[,] { { 3, 0 }, { 0, 2 } }), Squared), 1e-14);
        Assert.Equal(1, ConvexProblem.CriticalLambda(M(new double[,] { { 1, 1 }, { 1, 1 } }), ConvexLoss.Logistic), 1e-14); // ‖½·𝟙𝟙ᵀ‖ = ½·2
        Assert.Equal(Math.Sqrt(2) / 2, ConvexProblem.CriticalLambda(M(new double[,] { { 1, -1 }, { 1, 1 } }), ConvexLoss.Logistic), 1e-14);
        Assert.Equal(1, ConvexProblem.CriticalLambda(M(new double[,] { { 3, 0 }, { 0, 0.5 } }), ConvexLoss.Huber), 1e-14);
    }

    /// <summary>
    /// Y = [2 0; 0 1], λ = ½. f at u = v = e₁ (X = e₁e₁ᵀ): ½(1 + 1) + ½·1 = 3/2, and F(X) is the same; F at the swap matrix
    /// [0 1; 1 0]: ½(4 + 1 + 1 + 1) + ½·2 = 9/2. The minimum of F for Y = diag(3, 1), λ = 2 is at S_λ(Y) = diag(1, 0): ½(4 + 1) + 2 = 9/2.
    /// </summary>
    [Fact]
    public void The_problem_evaluates_f_and_F_by_their_definitions()
    {
        var p = ConvexProblem.Create(M(new double[,] { { 2, 0 }, { 0, 1 } }), 0.5, Squared);
        var e1 = M(new double[,] { { 1 }, { 0 } });
        Assert.Equal(1.5, p.Factorized(new Factors(e1, e1)), 1e-15);
        Assert.Equal(1.5, p.Factorized(new Factors(2 * e1, 0.5 * e1)), 1e-15); // rescaling keeps f
        Assert.Equal(1.5, p.Convex(e1 * e1.Transpose()), 1e-14);
        Assert.Equal(4.5, p.Convex(M(new double[,] { { 0, 1 }, { 1, 0 } })), 1e-14);
        var q = ConvexProblem.Create(M(new double[,] { { 3, 0 }, { 0, 1 } }), 2, Squared);
        var s = q.Solve();
        Assert.True(s.Converged);
        Assert.Equal(4.5, s.Primal, 1e-8);
        Assert.True((s.X - M(new double[,] { { 1, 0 }, { 0, 0 } })).FrobeniusNorm() <= 1e-6);
    }
}
