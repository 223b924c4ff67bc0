using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.LinearAlgebra;

/// <summary>
/// The convex losses and the nuclear-norm solver (issue 9, item 13): values and gradients from hand computation, the
/// constants as the inequalities they claim, Fenchel duality −ℓ*(−G) = inf_X ℓ(Y, X) + ⟨G, X⟩ (so Dual(Y, G) ≤ Value(Y, X) +
/// ⟨G, X⟩ for every X, with equality at G = −∇ℓ(X)), the domains, and the solver against the closed form of the squared
/// loss (singular value soft-thresholding) and against its own certificate.
/// </summary>
public class ConvexSolverTests
{
    private const double U = Rounding.UnitRoundoff;

    private static Matrix<double> M(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    private static double Inner(Matrix<double> a, Matrix<double> b) => a.PointwiseMultiply(b).Enumerate().Sum();

    private static Matrix<double> Sample(int m, int n, ulong seed, double scale = 1)
    {
        var rng = new SplitMix64(seed);
        return Matrix<double>.Build.Dense(m, n, (_, _) => scale * (2 * rng.NextDouble() - 1));
    }

    private static Matrix<double> Signs(int m, int n, ulong seed)
    {
        var rng = new SplitMix64(seed);
        return Matrix<double>.Build.Dense(m, n, (_, _) => rng.NextDouble() < 0.5 ? -1 : 1);
    }

    /// <summary>S_λ(Y) from MathNet's SVD directly: Σ (σ_i − λ)_+ w_i z_iᵀ.</summary>
    private static Matrix<double> SoftThreshold(Matrix<double> y, double lambda)
    {
        var svd = y.Svd();
        var x = Matrix<double>.Build.Dense(y.RowCount, y.ColumnCount);
        for (var i = 0; i < svd.S.Count; i++)
            if (svd.S[i] > lambda) x += (svd.S[i] - lambda) * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
        return x;
    }

    private static double NuclearOf(Matrix<double> x) => x.Svd(false).S.Sum();

    private static double SpectralOf(Matrix<double> x) => x.RowCount == 0 || x.ColumnCount == 0 ? 0 : x.Svd(false).S[0];

    // ---------------------------------------------------------------- names

    [Fact]
    public void Losses_are_found_by_name_whatever_the_case_and_spaces()
    {
        Assert.Same(ConvexLoss.Squared, ConvexLoss.Named("squared"));
        Assert.Same(ConvexLoss.Logistic, ConvexLoss.Named("  LOGISTIC "));
        Assert.Same(ConvexLoss.Huber, ConvexLoss.Named("Huber"));
        var e = Assert.Throws<ArgumentException>(() => ConvexLoss.Named("hinge"));
        Assert.Contains("unknown loss \"hinge\"", e.Message);
        Assert.Contains("(known: squared, logistic, huber)", e.Message);
        Assert.Equal(["squared", "logistic", "huber"], ConvexLoss.All.Select(l => l.Name));
        Assert.Equal(["squared", "logistic", "huber"], ConvexLoss.All.Select(l => l.ToString()));
        Assert.Equal("½‖Y − X‖_F²", ConvexLoss.Squared.Formula);
        Assert.Contains("log(1 + exp(−Y_ij X_ij))", ConvexLoss.Logistic.Formula);
        Assert.Contains("h(r) = r²/2 (|r| ≤ 1)", ConvexLoss.Huber.Formula);
        Assert.All(ConvexLoss.All, l => Assert.Equal(0, l.Infimum));
    }

    [Fact]
    public void Targets_outside_the_domain_are_refused()
    {
        var good = M(new double[,] { { 1, -1 }, { -1, 1 } });
        foreach (var loss in ConvexLoss.All) loss.Validate(good);
        ConvexLoss.Squared.Validate(M(new double[,] { { 0.5, -3e300 } }));
        ConvexLoss.Huber.Validate(M(new double[,] { { 0.5, 7 } }));
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var y = M(new double[,] { { 1, bad } });
            Assert.Contains("Y has a non-finite entry", Assert.Throws<ArgumentException>(() => ConvexLoss.Squared.Validate(y)).Message);
            Assert.Contains("Y has a non-finite entry", Assert.Throws<ArgumentException>(() => ConvexLoss.Huber.Validate(y)).Message);
        }
        foreach (var bad in new[] { 0.0, 0.5, 2.0, double.NaN })
        {
            var y = M(new double[,] { { 1, -1 }, { 1, bad } });
            var e = Assert.Throws<ArgumentException>(() => ConvexLoss.Logistic.Validate(y));
            Assert.Contains("the logistic loss needs targets ±1", e.Message);
            Assert.Contains("Y[1][1] = ", e.Message);
        }
        Assert.Contains("Y[0][1] = 0", Assert.Throws<ArgumentException>(() => ConvexLoss.Logistic.Validate(M(new double[,] { { 1, 0 } }))).Message);
    }

    // ---------------------------------------------------------------- squared

    [Fact]
    public void Squared_loss_hand_values()
    {
        var loss = ConvexLoss.Squared;
        var y = M(new double[,] { { 1, 2 } });
        var x = M(new double[,] { { 0, -4 } });
        Assert.Equal(18.5, loss.Value(y, x)); // ½(1 + 36)
        Assert.Equal(M(new double[,] { { -1, -6 } }), loss.Gradient(y, x)); // X − Y
        Assert.Equal((1.0, 1.0), (loss.Lipschitz, loss.StrongConvexity));
        // ⟨G, Y⟩ − ½‖G‖²: G = (1, 1): 3 − 1 = 2.
        Assert.Equal(2, loss.Dual(y, M(new double[,] { { 1, 1 } })));
        // Magnitude ‖|Y| + |X|‖_F² = 1 + 36 = 37 covers the terms (Y − X)² of 2ℓ.
        Assert.Equal(37, loss.Magnitude(y, x));
        Assert.True(loss.Magnitude(y, x) >= 2 * loss.Value(y, x));
    }

    // ---------------------------------------------------------------- logistic

    [Fact]
    public void Logistic_loss_hand_values_without_overflow()
    {
        Assert.Equal(Math.Log(2), LogisticLoss.Softplus(0), 15);
        Assert.Equal(Math.Log(1 + Math.Exp(-2)), LogisticLoss.Softplus(2), 15);
        Assert.Equal(Math.Log(1 + Math.Exp(2)), LogisticLoss.Softplus(-2), 14);
        Assert.Equal(1000, LogisticLoss.Softplus(-1000));   // log(1 + e^1000) = 1000 + log(1 + e^−1000)
        Assert.Equal(0, LogisticLoss.Softplus(1000));
        Assert.Equal(0.5, LogisticLoss.SigmoidOfNegative(0));
        Assert.Equal(1 / (1 + Math.Exp(2)), LogisticLoss.SigmoidOfNegative(2), 15);
        Assert.Equal(1 / (1 + Math.Exp(-2)), LogisticLoss.SigmoidOfNegative(-2), 15);
        Assert.Equal(1, LogisticLoss.SigmoidOfNegative(-1000));
        Assert.Equal(0, LogisticLoss.SigmoidOfNegative(1000));
        Assert.Equal(1, LogisticLoss.SigmoidOfNegative(700) / Math.Exp(-700), 14);

        var loss = ConvexLoss.Logistic;
        var y = M(new double[,] { { 1, -1 } });
        Assert.Equal(2 * Math.Log(2), loss.Value(y, M(new double[,] { { 0, 0 } })), 15);
        var x = M(new double[,] { { -2, 3 } }); // Y∘X = (−2, −3)
        Assert.Equal(Math.Log(1 + Math.Exp(2)) + Math.Log(1 + Math.Exp(3)), loss.Value(y, x), 13);
        // ∇ = −Y∘σ(−Y∘X) = (−σ(2), σ(3)).
        var g = loss.Gradient(y, x);
        Assert.Equal(-1 / (1 + Math.Exp(-2)), g[0, 0], 15);
        Assert.Equal(1 / (1 + Math.Exp(-3)), g[0, 1], 15);
        Assert.Equal((0.25, 0.0), (loss.Lipschitz, loss.StrongConvexity));
        // Magnitude Σ |X_ij| + log 2 = 5 + 2 log 2, and it covers the value (softplus(t) ≤ |t| + log 2).
        Assert.Equal(5 + 2 * Math.Log(2), loss.Magnitude(y, x), 14);
        Assert.True(loss.Magnitude(y, x) >= loss.Value(y, x));
    }

    [Fact]
    public void Binary_entropy_and_the_logistic_dual_domain()
    {
        Assert.Equal(0, LogisticLoss.Entropy(0));
        Assert.Equal(0, LogisticLoss.Entropy(1));
        Assert.Equal(Math.Log(2), LogisticLoss.Entropy(0.5), 15);
        Assert.Equal(-0.25 * Math.Log(0.25) - 0.75 * Math.Log(0.75), LogisticLoss.Entropy(0.25), 15);
        var loss = ConvexLoss.Logistic;
        var y = M(new double[,] { { 1, -1 } });
        // p = Y∘G = (½, ½): 2 log 2; p = (0, 1) at the boundary: 0, finite; p outside [0, 1]: −∞.
        Assert.Equal(2 * Math.Log(2), loss.Dual(y, M(new double[,] { { 0.5, -0.5 } })), 15);
        Assert.Equal(0, loss.Dual(y, M(new double[,] { { 0, -1 } })));
        Assert.Equal(0, loss.Dual(y, M(new double[,] { { 1, 0 } })));
        Assert.Equal(double.NegativeInfinity, loss.Dual(y, M(new double[,] { { -0.1, -0.5 } })));
        Assert.Equal(double.NegativeInfinity, loss.Dual(y, M(new double[,] { { 0.5, 0.1 } })));
        Assert.Equal(double.NegativeInfinity, loss.Dual(y, M(new double[,] { { 1.1, -0.5 } })));
        Assert.Equal(double.NegativeInfinity, loss.Dual(y, M(new double[,] { { 0.5, -1.5 } })));
    }

    // ---------------------------------------------------------------- huber

    [Fact]
    public void Huber_loss_hand_values()
    {
        Assert.Equal(0.125, HuberLoss.H(0.5));
        Assert.Equal(0.125, HuberLoss.H(-0.5));
        Assert.Equal(0.5, HuberLoss.H(1));
        Assert.Equal(0.5, HuberLoss.H(-1));
        Assert.Equal(2.5, HuberLoss.H(3));
        Assert.Equal(2.5, HuberLoss.H(-3));
        var loss = ConvexLoss.Huber;
        var y = M(new double[,] { { 2, 0, 1 } });
        var x = M(new double[,] { { 4, -0.3, -4 } }); // residuals X − Y = (2, −0.3, −5)
        Assert.Equal(1.5 + 0.045 + 4.5, loss.Value(y, x), 14);
        Assert.Equal(M(new double[,] { { 1, -0.3, -1 } }), loss.Gradient(y, x));
        Assert.Equal((1.0, 0.0), (loss.Lipschitz, loss.StrongConvexity));
        // ⟨G, Y⟩ − ½‖G‖²: G = (1, −0.5, 0): 2 − ½(1 + 0.25) = 1.375; |G_ij| = 1 is inside the domain, beyond it −∞.
        Assert.Equal(1.375, loss.Dual(y, M(new double[,] { { 1, -0.5, 0 } })));
        Assert.Equal(-4.5, loss.Dual(y, M(new double[,] { { -1, -1, -1 } }))); // ⟨G, Y⟩ = −3, ½‖G‖² = 3/2
        Assert.Equal(double.NegativeInfinity, loss.Dual(y, M(new double[,] { { 1.01, 0, 0 } })));
        Assert.Equal(double.NegativeInfinity, loss.Dual(y, M(new double[,] { { 0, 0, -1.01 } })));
        // Magnitude ‖|Y| + |X|‖_F² + Σ(|Y| + |X|) with |Y| + |X| = (6, 0.3, 5): 61.09 + 11.3.
        Assert.Equal(61.09 + 11.3, loss.Magnitude(y, x), 12);
        Assert.True(loss.Magnitude(y, x) >= loss.Value(y, x));
    }

    /// <summary>
    /// For each loss: the gradient against central differences, the Lipschitz constant of the gradient and the strong
    /// convexity as inequalities on sample pairs, and Fenchel–Young (Dual(Y, G) ≤ ℓ(Y, X) + ⟨G, X⟩, equality at G = −∇ℓ(X)).
    /// </summary>
    [Theory]
    [InlineData("squared")]
    [InlineData("logistic")]
    [InlineData("huber")]
    public void Gradient_constants_and_fenchel_young(string name)
    {
        var loss = ConvexLoss.Named(name);
        for (ulong trial = 0; trial < 8; trial++)
        {
            var y = name == "logistic" ? Signs(3, 2, 100 + trial) : Sample(3, 2, 100 + trial, 2);
            var x = Sample(3, 2, 200 + trial, 3);
            var other = Sample(3, 2, 300 + trial, 3);
            var gradient = loss.Gradient(y, x);
            for (var i = 0; i < 3; i++)
                for (var j = 0; j < 2; j++)
                {
                    var (plus, minus) = (x.Clone(), x.Clone());
                    plus[i, j] += 1e-6;
                    minus[i, j] -= 1e-6;
                    Assert.True(Math.Abs(gradient[i, j] - (loss.Value(y, plus) - loss.Value(y, minus)) / 2e-6) <= 1e-6);
                }
            var difference = (loss.Gradient(y, other) - gradient).FrobeniusNorm();
            Assert.True(difference <= loss.Lipschitz * (other - x).FrobeniusNorm() + 1e-14);
            var d = other - x;
            Assert.True(loss.Value(y, other) >= loss.Value(y, x) + Inner(gradient, d) + loss.StrongConvexity / 2 * Inner(d, d) - 1e-12);
            var g = -gradient;
            Assert.Equal(loss.Value(y, x) + Inner(g, x), loss.Dual(y, g), 11);
            Assert.True(loss.Dual(y, g) <= loss.Value(y, other) + Inner(g, other) + 1e-12);
        }
        // The Lipschitz constant is attained (squared, Huber inside |r| ≤ 1) or approached (logistic near 0: σ'(0) = ¼).
        var y0 = name == "logistic" ? M(new double[,] { { 1 } }) : M(new double[,] { { 0 } });
        var (a, b) = (M(new double[,] { { -1e-4 } }), M(new double[,] { { 1e-4 } }));
        var ratio = (loss.Gradient(y0, b) - loss.Gradient(y0, a)).FrobeniusNorm() / 2e-4;
        Assert.Equal(loss.Lipschitz, ratio, 6);
    }

    // ---------------------------------------------------------------- solver

    [Fact]
    public void Solver_options_defaults()
    {
        var o = SolverOptions.Default;
        Assert.Equal((1e-10, 50_000, 0), (o.RelativeGap, o.MaxIterations, o.GapEvery));
        Assert.Equal(o, new SolverOptions());
    }

    [Fact]
    public void The_objective_is_the_loss_plus_lambda_times_the_nuclear_norm()
    {
        // Y = 0, X = [[2, 1], [1, 2]] (σ = 3, 1): ½‖X‖_F² = 5, ‖X‖_* = 4, so F = 5 + 0.5·4 = 7.
        var x = M(new double[,] { { 2, 1 }, { 1, 2 } });
        Assert.Equal(7, NuclearNormSolver.Objective(ConvexLoss.Squared, Matrix<double>.Build.Dense(2, 2), x, 0.5), 13);
    }

    /// <summary>
    /// Squared loss: min ½‖Y − X‖_F² + λ‖X‖_* is attained at S_λ(Y), so the solver's first proximal step from 0 is the answer
    /// and its free dual point W = Y − S_λ(Y) closes the gap at once (one iteration, converged, no restart).
    /// </summary>
    [Fact]
    public void Squared_loss_solution_is_singular_value_soft_thresholding()
    {
        // Y = [[2, 1], [1, 2]] (σ = 3, 1), λ = 1.5: X = 1.5·(1, 1)(1, 1)ᵀ/2, F* = ½(1.5² + 1²) + 1.5·1.5 = 3.875.
        var y = M(new double[,] { { 2, 1 }, { 1, 2 } });
        var s = NuclearNormSolver.Solve(ConvexLoss.Squared, y, 1.5);
        Assert.True((s.X - M(new double[,] { { 0.75, 0.75 }, { 0.75, 0.75 } })).FrobeniusNorm() <= 1e-14);
        Assert.Equal(3.875, s.Primal, 13);
        Assert.Equal(3.875, s.Dual, 12);
        Assert.True(s.Converged);
        Assert.Equal(1, s.Iterations);
        Assert.Equal(0, s.Restarts);
        Assert.Equal(1, s.Rank);
        Assert.Equal(2, s.SingularValues.Count);
        Assert.Equal(1.5, s.SingularValues[0], 14);
        Assert.Equal(0, s.SingularValues[1]);
        AssertCertificate(ConvexLoss.Squared, y, 1.5, s, 3.875);

        // A 6×4 matrix: the same closed form against MathNet's SVD.
        var z = Sample(6, 4, 401, 3);
        var lambda = 0.8;
        var t = NuclearNormSolver.Solve(ConvexLoss.Squared, z, lambda);
        var expected = SoftThreshold(z, lambda);
        Assert.True((t.X - expected).FrobeniusNorm() <= 1e-12);
        var best = 0.5 * (z - expected).FrobeniusNorm() * (z - expected).FrobeniusNorm() + lambda * NuclearOf(expected);
        AssertCertificate(ConvexLoss.Squared, z, lambda, t, best);
        Assert.Equal(z.Svd(false).S.Count(v => v > lambda), t.Rank);
        Assert.True(t.Converged);
        // λ above ‖Y‖₂: X = 0, rank 0.
        var zero = NuclearNormSolver.Solve(ConvexLoss.Squared, z, 2 * SpectralOf(z));
        Assert.Equal(0, zero.X.FrobeniusNorm());
        Assert.Equal(0, zero.Rank);
        Assert.Equal(0.5 * z.FrobeniusNorm() * z.FrobeniusNorm(), zero.Primal, 12);
    }

    /// <summary>The certificate's fields: Gap = max(0, P − D), CertifiedGap = Gap + Rounding, LowerBound ≤ min F ≤ UpperBound.</summary>
    private static void AssertCertificate(ConvexLoss loss, Matrix<double> y, double lambda, ConvexSolution s, double minimum)
    {
        Assert.Equal(Math.Max(0, s.Primal - s.Dual), s.Gap);
        Assert.Equal(s.Gap + s.Rounding, s.CertifiedGap);
        Assert.Equal(s.Dual - s.Rounding, s.LowerBound);
        Assert.Equal(s.Primal + s.Rounding, s.UpperBound);
        Assert.True(s.Rounding > 0);
        Assert.True(s.LowerBound <= minimum && minimum <= s.UpperBound, $"[{s.LowerBound}, {s.UpperBound}] misses {minimum}");
        Assert.Equal(NuclearNormSolver.Objective(loss, y, s.X, lambda), s.Primal, 10);
        var nuclear = NuclearOf(s.X);
        Assert.Equal(nuclear, s.SingularValues.Sum(), 10);
        if (s.Converged)
            Assert.True(s.Primal - s.Dual <= 1e-10 * Math.Max(Math.Abs(s.Primal), Math.Abs(s.Dual)) || s.Primal - s.Dual <= s.Rounding);
    }

    /// <summary>
    /// Logistic and Huber losses: the solution satisfies the optimality conditions of min ℓ + λ‖·‖_*: ‖∇ℓ(X)‖₂ ≤ λ and
    /// ⟨−∇ℓ(X), X⟩ = λ‖X‖_*, and no perturbation does better than the certified lower bound.
    /// </summary>
    [Theory]
    [InlineData("logistic", 0.9)]
    [InlineData("huber", 0.7)]
    [InlineData("squared", 0.6)]
    public void The_solution_satisfies_the_optimality_conditions(string name, double lambda)
    {
        var loss = ConvexLoss.Named(name);
        var y = name == "logistic" ? Signs(5, 4, 501) : Sample(5, 4, 501, 3);
        var s = NuclearNormSolver.Solve(loss, y, lambda);
        Assert.True(s.Converged);
        Assert.True(s.Iterations < SolverOptions.Default.MaxIterations);
        AssertCertificate(loss, y, lambda, s, s.Primal - s.Gap / 2);
        var g = -loss.Gradient(y, s.X);
        var nuclear = NuclearOf(s.X);
        Assert.True(SpectralOf(g) <= lambda * (1 + 1e-3));
        Assert.Equal(lambda * nuclear, Inner(g, s.X), 3);
        for (ulong trial = 0; trial < 5; trial++)
        {
            var other = s.X + Sample(5, 4, 600 + trial, 0.1);
            Assert.True(NuclearNormSolver.Objective(loss, y, other, lambda) >= s.LowerBound);
        }
        Assert.True(s.LowerBound <= s.UpperBound);
        Assert.Equal(s.SingularValues.Count(v => v > 0), s.Rank);
        Assert.True(s.Rank >= 1 && s.Rank <= 4);
    }

    /// <summary>
    /// The free dual point of the proximal step alone (the gradient's dual point only at the first and last iteration) closes
    /// the logistic gap: GapEvery larger than the iteration count still converges, to the same certificate.
    /// </summary>
    [Fact]
    public void The_proximal_dual_point_alone_certifies_the_logistic_solution()
    {
        var y = Signs(4, 4, 701);
        var lambda = 0.9;
        var every = NuclearNormSolver.Solve(ConvexLoss.Logistic, y, lambda);
        var rare = NuclearNormSolver.Solve(ConvexLoss.Logistic, y, lambda, new SolverOptions(GapEvery: 1_000_000));
        Assert.True(rare.Converged);
        Assert.True(rare.Iterations > 1);
        Assert.True(rare.Iterations <= 2 * every.Iterations, $"{rare.Iterations} iterations against {every.Iterations}");
        // Accelerated steps of length 1/L (4 for the logistic loss) reach the relative gap 1e-10 on this 4×4 problem within
        // 10 iterations (5 at the time of writing); restarts of the momentum are the exception, not the rule.
        Assert.True(every.Iterations <= 10, $"{every.Iterations} iterations");
        Assert.InRange(every.Restarts, 0, every.Iterations / 2);
        Assert.True(rare.LowerBound <= every.UpperBound && every.LowerBound <= rare.UpperBound);
        Assert.True(rare.Dual > double.NegativeInfinity);
    }

    /// <summary>
    /// Huber with λ = 3 from a far start: the proximal step's dual point W has entries beyond 1 (outside the domain of ℓ*,
    /// dual −∞), so the certificate of a single iteration must come from the gradient's dual point, which the clamp keeps in
    /// the domain: finite, and below min F = 0 (Y = 0).
    /// </summary>
    [Fact]
    public void When_the_proximal_dual_point_is_infeasible_the_gradient_dual_point_certifies()
    {
        var y = Matrix<double>.Build.Dense(2, 2);
        var start = Matrix<double>.Build.Dense(2, 2, 10);
        var s = NuclearNormSolver.Solve(ConvexLoss.Huber, y, 3, new SolverOptions(MaxIterations: 1), start);
        Assert.False(s.Converged);
        Assert.Equal(1, s.Iterations);
        Assert.True(double.IsFinite(s.Dual), $"dual {s.Dual}");
        Assert.True(s.LowerBound <= 0);
        Assert.True(s.Primal >= 0);
        var full = NuclearNormSolver.Solve(ConvexLoss.Huber, y, 3, start: start);
        Assert.True(full.Converged);
        Assert.True(full.X.FrobeniusNorm() <= 1e-9);
    }

    [Fact]
    public void Iteration_limits_leave_the_solution_unconverged_with_a_valid_certificate()
    {
        var y = Signs(4, 3, 801);
        var lambda = 0.5;
        var one = NuclearNormSolver.Solve(ConvexLoss.Logistic, y, lambda, new SolverOptions(MaxIterations: 1));
        Assert.False(one.Converged);
        Assert.Equal(1, one.Iterations);
        Assert.True(one.Dual <= one.Primal);
        Assert.True(one.Gap > 0);
        // GapEvery = 3 with 7 iterations: the last record is the 7th iteration (the limit), not the 6th.
        var seven = NuclearNormSolver.Solve(ConvexLoss.Logistic, y, lambda, new SolverOptions(MaxIterations: 7, GapEvery: 3));
        Assert.False(seven.Converged);
        Assert.Equal(7, seven.Iterations);
        var full = NuclearNormSolver.Solve(ConvexLoss.Logistic, y, lambda);
        Assert.True(full.Converged);
        Assert.True(full.Iterations > 7);
        // Every certificate brackets the optimum: the converged one's bounds lie within the others'.
        Assert.True(one.LowerBound <= full.UpperBound && full.LowerBound <= one.UpperBound);
        Assert.True(seven.LowerBound <= full.UpperBound && full.LowerBound <= seven.UpperBound);
        Assert.True(seven.Primal >= full.LowerBound);
        // A loose relative gap stops earlier than the default.
        var loose = NuclearNormSolver.Solve(ConvexLoss.Logistic, y, lambda, new SolverOptions(RelativeGap: 1e-3));
        Assert.True(loose.Converged);
        Assert.True(loose.Iterations < full.Iterations);
        Assert.True(loose.Primal - loose.Dual <= 1e-3 * Math.Abs(loose.Primal));
    }

    /// <summary>A start is where the iteration begins (and is not modified): started at the solution, Huber converges at once.</summary>
    [Fact]
    public void A_start_at_the_optimum_converges_at_once_and_is_not_modified()
    {
        var y = Sample(3, 4, 901, 3);
        var lambda = 0.5;
        var cold = NuclearNormSolver.Solve(ConvexLoss.Huber, y, lambda);
        Assert.True(cold.Converged);
        Assert.True(cold.Iterations > 2);
        var start = cold.X.Clone();
        var warm = NuclearNormSolver.Solve(ConvexLoss.Huber, y, lambda, start: start);
        Assert.Equal(cold.X, start);
        Assert.True(warm.Converged);
        Assert.True(warm.Iterations <= 2);
        Assert.True(Math.Abs(warm.Primal - cold.Primal) <= warm.CertifiedGap + cold.CertifiedGap);
        var squared = NuclearNormSolver.Solve(ConvexLoss.Squared, y, lambda, start: SoftThreshold(y, lambda));
        Assert.True(squared.Converged);
        Assert.Equal(1, squared.Iterations);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var y = M(new double[,] { { 1, -1, 1 }, { -1, 1, 1 } });
        foreach (var lambda in new[] { 0.0, -1.0, double.NaN, double.PositiveInfinity })
            Assert.Contains("lambda must be > 0, got", Assert.Throws<ArgumentException>(() => NuclearNormSolver.Solve(ConvexLoss.Squared, y, lambda)).Message);
        var e = Assert.Throws<ArgumentException>(() => NuclearNormSolver.Solve(ConvexLoss.Squared, y, 1, start: Matrix<double>.Build.Dense(3, 2)));
        Assert.Contains("the start is 3×2 but Y is 2×3", e.Message);
        Assert.Throws<ArgumentException>(() => NuclearNormSolver.Solve(ConvexLoss.Squared, y, 1, start: Matrix<double>.Build.Dense(2, 2)));
        Assert.Contains("targets ±1", Assert.Throws<ArgumentException>(() => NuclearNormSolver.Solve(ConvexLoss.Logistic, y * 0.5, 1)).Message);
        var nan = y.Clone();
        nan[0, 0] = double.NaN;
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => NuclearNormSolver.Solve(ConvexLoss.Huber, nan, 1)).Message);
        // The smallest positive λ and a start of the right shape are accepted.
        Assert.True(NuclearNormSolver.Solve(ConvexLoss.Squared, y, double.Epsilon, start: Matrix<double>.Build.Dense(2, 3)).Converged);
    }

    /// <summary>
    /// DualPoint: G = c·(−∇ℓ(X)) with ‖G‖₂ ≤ λ, c = 1 when ‖∇ℓ‖₂ is below λ by more than the SVD's error, and its dual value
    /// a lower bound on min F (weak duality, against the closed-form minimum of the squared loss).
    /// </summary>
    [Fact]
    public void The_dual_point_is_feasible_and_gives_a_lower_bound()
    {
        // Y = diag(3, 1), X = 0, squared loss: −∇ℓ = Y, ‖Y‖₂ = 3.
        var y = M(new double[,] { { 3, 0 }, { 0, 1 } });
        var x = Matrix<double>.Build.Dense(2, 2);
        var (g, dual, norm) = NuclearNormSolver.DualPoint(ConvexLoss.Squared, y, x, 10);
        Assert.Equal(3, norm);
        Assert.Equal(y, g); // c = 1
        Assert.Equal(10 - 5, dual); // ⟨Y, Y⟩ − ½‖Y‖² = 5
        // λ = 1 < 3: G = Y/(3(1 + 8u)), ‖G‖₂ ≤ 1 and close to 1.
        var (g1, dual1, norm1) = NuclearNormSolver.DualPoint(ConvexLoss.Squared, y, x, 1);
        Assert.Equal(3, norm1);
        Assert.True(SpectralOf(g1) <= 1);
        Assert.Equal(1, SpectralOf(g1), 14);
        var c = g1[0, 0] / 3;
        Assert.Equal(10 * c - 5 * c * c, dual1, 14);
        // min F for Y = diag(3, 1), λ = 1: X = diag(2, 0), F = ½(1 + 1) + 2 = 3 ≥ both duals.
        Assert.True(dual1 <= 3);
        // λ exactly ‖Y‖₂ = 3: the inflation by (1 + 2mn·u) scales G into the ball.
        var (g3, _, _) = NuclearNormSolver.DualPoint(ConvexLoss.Squared, y, x, 3);
        Assert.True(SpectralOf(g3) <= 3);
        Assert.True(g3[0, 0] < 3);
        // Just above the inflated norm: c = 1.
        var (g4, _, _) = NuclearNormSolver.DualPoint(ConvexLoss.Squared, y, x, 3 * (1 + 16 * U));
        Assert.Equal(y, g4);
        // Logistic: p = Y∘G stays in [0, 1] (c ≤ 1 keeps it there), so the dual is finite and below the objective anywhere.
        var ys = Signs(3, 3, 1001);
        var xs = Sample(3, 3, 1002, 2);
        var (gl, dl, nl) = NuclearNormSolver.DualPoint(ConvexLoss.Logistic, ys, xs, 0.3);
        Assert.Equal(SpectralOf(ConvexLoss.Logistic.Gradient(ys, xs)), nl, 13);
        Assert.True(SpectralOf(gl) <= 0.3);
        Assert.True(double.IsFinite(dl));
        Assert.True(dl <= NuclearNormSolver.Objective(ConvexLoss.Logistic, ys, xs, 0.3));
        Assert.True(dl <= NuclearNormSolver.Objective(ConvexLoss.Logistic, ys, Matrix<double>.Build.Dense(3, 3), 0.3));
    }

    /// <summary>
    /// RoundingBound is sound where the error is known and of the documented size: about 2(mn + k + 16)·u times the
    /// magnitude of the summed terms, plus 2λ·k·mn·u·‖X‖₂ for the SVD (within 5 % of the hand value for the summation term, a factor-of-two window for the rest).
    /// </summary>
    [Fact]
    public void The_rounding_bound_covers_the_error_and_has_the_documented_size()
    {
        // Y = 0.1·ones(2, 3), X = 0 under the squared loss: F = ½·6·0.01 = 0.03 in exact arithmetic; the computed F
        // differs from 0.03 only by the rounding of 0.1 and of the sums.
        var y = Matrix<double>.Build.Dense(2, 3, 0.1);
        var x = Matrix<double>.Build.Dense(2, 3);
        var computed = NuclearNormSolver.Objective(ConvexLoss.Squared, y, x, 1);
        var bound = NuclearNormSolver.RoundingBound(ConvexLoss.Squared, y, x, 1, 0, 0);
        Assert.True(Math.Abs(computed - 0.03) <= bound + 0.03 * 4 * U); // + the representation error of 0.1 squared
        // Hand size: mn = 6, k = 2: 2·(6 + 2 + 16)·u·Magnitude = 48u·0.06 ≈ 2.88u.
        var hand = 48 * U * 0.06;
        Assert.InRange(bound, hand * 0.95, hand * 1.05);
        // The nuclear and spectral terms: λ = 2, ‖X‖_* = 3, ‖X‖₂ = 2 add 2·24u·2·3 and 2·2·2·6·u·2: 288u + 96u.
        var withX = NuclearNormSolver.RoundingBound(ConvexLoss.Squared, y, x, 2, 3, 2);
        var handX = hand + 288 * U + 96 * U;
        Assert.InRange(withX, handX / 2, handX * 2);
        // The spectral term alone grows with ‖X‖₂: λ·k·mn·u·‖X‖₂ = 2·2·6·u·1e6, doubled.
        var spectral = NuclearNormSolver.RoundingBound(ConvexLoss.Squared, y, x, 2, 0, 1e6) - NuclearNormSolver.RoundingBound(ConvexLoss.Squared, y, x, 2, 0, 0);
        Assert.InRange(spectral, 24e6 * U, 96e6 * U);
        // An empty Y: no terms and no SVD, only the constant 16 terms of nothing: 0.
        Assert.Equal(0, NuclearNormSolver.RoundingBound(ConvexLoss.Squared, Matrix<double>.Build.Dense(0, 3), Matrix<double>.Build.Dense(0, 3), 1, 0, 0));
    }
}
