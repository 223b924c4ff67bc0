using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Topics.Dropout;
using Xunit;

namespace Verification.Properties.Dropout;

/// <summary>
/// The dropout topic's mathematics on hand instances: the tied 1-2-1 autoencoder's values, gradients, Hessians and
/// critical points; the objective, its magnitude and its gradients (analytic against exact central differences, the
/// expected stochastic gradient against the objective's); the variable retain rate; balanced factors; local descent's
/// bookkeeping; the shape, θ and Monte Carlo budget refusals.
/// </summary>
public class DropoutMathTests
{
    private static Fraction F(long p, long q = 1) => new(p, q);
    private static Matrix<double> D(double[,] a) => Matrix<double>.Build.DenseOfArray(a);
    private static ExactMatrix E(long[,] a) => ExactMatrix.Create(a.GetLength(0), a.GetLength(1), (i, j) => F(a[i, j]));

    [Fact]
    public void The_autoencoder_takes_its_hand_values_and_gradients()
    {
        // f(w) = (1 − ‖w‖²)² + λ(w₁⁴ + w₂⁴).
        Assert.Equal(1.0, Autoencoder.Value(1, 0, 1)); // t = 0, λ·1
        Assert.Equal(0.5, Autoencoder.Value(0.5, 0.5, 2)); // t = 1/2: 1/4 + 2·(1/16 + 1/16)
        Assert.Equal(1.0, Autoencoder.Value(0, 0, 7));
        Assert.Equal(16.0 + 3 * 17, Autoencoder.Value(1, -2, 3)); // t = 1 − 5 = −4: 16 + 3·(1 + 16)
        // ∇f = 4w_i(‖w‖² − 1 + λw_i²): at (1, 2), λ = 1: s = 4, (4·1·5, 4·2·8) = (20, 64).
        Assert.Equal((20.0, 64.0), Autoencoder.Gradient(1, 2, 1));
        Assert.Equal((-20.0, 64.0), Autoencoder.Gradient(-1, 2, 1));
        // Against central differences (the value is quartic: a small step, a loose bound).
        foreach (var (w1, w2, l) in new[] { (0.3, -0.7, 0.5), (1.2, 0.4, 2.0) })
        {
            var (g1, g2) = Autoencoder.Gradient(w1, w2, l);
            const double h = 1e-5;
            Assert.Equal((Autoencoder.Value(w1 + h, w2, l) - Autoencoder.Value(w1 - h, w2, l)) / (2 * h), g1, 6);
            Assert.Equal((Autoencoder.Value(w1, w2 + h, l) - Autoencoder.Value(w1, w2 - h, l)) / (2 * h), g2, 6);
        }
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    public void The_critical_points_have_zero_gradient_and_the_stated_values(long p, long q)
    {
        var lambda = F(p, q);
        var points = Autoencoder.CriticalPoints(lambda);
        Assert.Equal(new[] { "origin", "unbalanced (w1 axis)", "unbalanced (w2 axis)", "balanced (w1 = w2)", "balanced (w1 = -w2)" }, points.Select(c => c.Kind));
        Assert.All(points, c => Assert.Equal(Fraction.Zero, Autoencoder.GradientNormSquared(c, lambda)));
        Assert.Equal(Fraction.One, Autoencoder.Value(points[0], lambda));
        // Unbalanced: w² = 1/(1+λ), t = λ/(1+λ): t² + λ/(1+λ)² = λ/(1+λ).
        Assert.Equal(Autoencoder.SaddleValue(lambda), Autoencoder.Value(points[1], lambda));
        Assert.Equal(Autoencoder.SaddleValue(lambda), Autoencoder.Value(points[2], lambda));
        Assert.Equal(lambda / (1 + lambda), Autoencoder.SaddleValue(lambda));
        // Balanced: w_i² = 1/(2+λ), t = λ/(2+λ): t² + 2λ/(2+λ)² = λ/(2+λ).
        Assert.Equal(Autoencoder.MinimumValue(lambda), Autoencoder.Value(points[3], lambda));
        Assert.Equal(Autoencoder.MinimumValue(lambda), Autoencoder.Value(points[4], lambda));
        Assert.Equal(lambda / (2 + lambda), Autoencoder.MinimumValue(lambda));
        // The floating gradient vanishes at the coordinates too.
        foreach (var c in points)
        {
            var (w1, w2) = c.Coordinates;
            var (g1, g2) = Autoencoder.Gradient(w1, w2, lambda.ToDoubleAnyScale());
            Assert.True(Math.Abs(g1) < 1e-14 && Math.Abs(g2) < 1e-14, $"{c.Kind}: ({g1}, {g2})");
        }
        // Coordinates are nonnegative unless w₁w₂ < 0 makes w₂ negative: the w₂-axis point is (0, +√(1/(1+λ))).
        Assert.Equal((0.0, Math.Sqrt((1 / (1 + lambda)).ToDoubleAnyScale())), points[2].Coordinates);
        var balancedMinus = points[4].Coordinates;
        Assert.True(balancedMinus.W1 > 0 && balancedMinus.W2 < 0);
        Assert.Equal(balancedMinus.W1, -balancedMinus.W2);
        Assert.Equal(Math.Sqrt((Fraction.One / (2 + lambda)).ToDoubleAnyScale()), points[3].Coordinates.W2);
    }

    [Fact]
    public void A_non_critical_point_has_the_hand_gradient_norm()
    {
        // w = (1, 0), λ = 1: s = 0, 16·1·(0 + 1)² = 16.
        Assert.Equal(F(16), Autoencoder.GradientNormSquared(new AutoencoderPoint("p", 1, 0, 0), 1));
        // w₁² = w₂² = 1, λ = 1/2: s = 1, a = b = 3/2: 16·(9/4 + 9/4) = 72.
        Assert.Equal(F(72), Autoencoder.GradientNormSquared(new AutoencoderPoint("p", 1, 1, 1), F(1, 2)));
        Assert.Equal(F(2), Autoencoder.Value(new AutoencoderPoint("p", 1, 1, 1), F(1, 2))); // t = −1: 1 + (1/2)·(1 + 1)
    }

    [Fact]
    public void The_hessian_and_its_eigenvalues_classify_the_critical_points()
    {
        var lambda = F(1);
        var points = Autoencoder.CriticalPoints(lambda);
        // Origin: s = −1 → diag(−4, −4): a local maximum.
        Assert.Equal((F(-4), F(0), F(-4)), Autoencoder.Hessian(points[0], lambda));
        Assert.Equal((-4.0, -4.0), Autoencoder.HessianEigenvalues(points[0], lambda));
        // Unbalanced, w₁² = 1/2: s = −1/2, c = 5: (4·2, 0, 4·(−1/2)) = (8, 0, −2): a saddle.
        Assert.Equal((F(8), F(0), F(-2)), Autoencoder.Hessian(points[1], lambda));
        Assert.Equal((-2.0, 8.0), Autoencoder.HessianEigenvalues(points[1], lambda));
        Assert.Equal((-2.0, 8.0), Autoencoder.HessianEigenvalues(points[2], lambda));
        // Balanced, w_i² = 1/3: s = −1/3: h11 = h22 = 4(−1/3 + 5/3) = 16/3, h12 = ±8/3: eigenvalues 8/3 and 8, a minimum.
        Assert.Equal((F(16, 3), F(8, 3), F(16, 3)), Autoencoder.Hessian(points[3], lambda));
        Assert.Equal((F(16, 3), F(-8, 3), F(16, 3)), Autoencoder.Hessian(points[4], lambda));
        var (low, high) = Autoencoder.HessianEigenvalues(points[4], lambda);
        Assert.Equal(8.0 / 3, low, 14);
        Assert.Equal(8.0, high, 14);
        // The Hessian is the derivative of the floating gradient (central differences at a generic point).
        var p = new AutoencoderPoint("p", F(4, 9), F(1, 4), F(-1, 3)); // w = (2/3, −1/2)
        var (h11, h12, h22) = Autoencoder.Hessian(p, F(1, 2));
        const double h = 1e-6;
        Assert.Equal((Autoencoder.Gradient(2.0 / 3 + h, -0.5, 0.5).G1 - Autoencoder.Gradient(2.0 / 3 - h, -0.5, 0.5).G1) / (2 * h), h11.ToDoubleAnyScale(), 6);
        Assert.Equal((Autoencoder.Gradient(2.0 / 3, -0.5 + h, 0.5).G1 - Autoencoder.Gradient(2.0 / 3, -0.5 - h, 0.5).G1) / (2 * h), h12.ToDoubleAnyScale(), 6);
        Assert.Equal((Autoencoder.Gradient(2.0 / 3, -0.5 + h, 0.5).G2 - Autoencoder.Gradient(2.0 / 3, -0.5 - h, 0.5).G2) / (2 * h), h22.ToDoubleAnyScale(), 6);
    }

    [Fact]
    public void The_variable_retain_rate_makes_the_weight_r_times_lambda_one()
    {
        // θ₁ = 1/2 (λ₁ = 1), r = 3: θ_r = (1/2)/(3 − 1) = 1/4, λ_r = 3.
        Assert.Equal(0.25, Minimizers.VariableRetainRate(0.5, 3));
        Assert.Equal(F(1, 4), Minimizers.VariableRetainRate(F(1, 2), 3));
        Assert.Equal(F(2, 3), Minimizers.VariableRetainRate(F(2, 3), 1));
        foreach (var (t, r) in new[] { (F(1, 3), 2), (F(3, 4), 5), (F(1), 4) })
        {
            var tr = Minimizers.VariableRetainRate(t, r);
            Assert.Equal(r * DropoutObjective.Lambda(t), DropoutObjective.Lambda(tr));
            Assert.Equal(tr.ToDoubleAnyScale(), Minimizers.VariableRetainRate(t.ToDoubleAnyScale(), r), 15);
        }
    }

    [Fact]
    public void The_objective_its_magnitude_and_gradient_take_their_hand_values()
    {
        var (y, u, v) = (D(new double[,] { { 1 } }), D(new double[,] { { 2 } }), D(new double[,] { { 3 } }));
        // (1 − 6)² + ½·4·9 = 43; magnitude (1 + 6)² + 18 = 67.
        Assert.Equal(43.0, Minimizers.Objective(y, u, v, 0.5));
        Assert.Equal(67.0, Minimizers.ObjectiveMagnitude(y, u, v, 0.5));
        // E = −5: ∇U = −2·(−5)·3 + 2·½·2·9 = 48, ∇V = −2·(−5)·2 + 2·½·3·4 = 32.
        var g = DropoutGradients.Objective(y, u, v, 0.5);
        Assert.Equal((48.0, 32.0), (g.U[0, 0], g.V[0, 0]));
        Assert.Equal(Math.Sqrt(48 * 48 + 32 * 32), g.Norm, 14);
        // Magnitude: e = 7, 2·7·3 + 2·½·2·9 = 60 and 2·7·2 + 2·½·3·4 = 40.
        Assert.Equal(Math.Sqrt(60 * 60 + 40 * 40), DropoutGradients.ObjectiveGradientMagnitude(y, u, v, 0.5), 14);
    }

    private static readonly ExactDropoutCase Small = new(
        E(new long[,] { { 1, -2, 0 }, { 3, 1, -1 } }),
        E(new long[,] { { 1, 2 }, { -1, 0 } }),
        E(new long[,] { { 2, -1 }, { 0, 1 }, { 1, 1 } }),
        F(2, 3));

    [Fact]
    public void Analytic_gradients_equal_exact_central_differences()
    {
        var lambda = F(1, 2);
        var analytic = DropoutGradients.Objective(Small.Y, Small.U, Small.V, lambda);
        var fd = DropoutGradients.CentralDifferences(Small.U, Small.V, (u, v) =>
            Small.Y.Subtract(u.Multiply(v.Transpose())).FrobeniusNormSquared() + lambda * Regularizer(u, v));
        Assert.True(DropoutGradients.AreEqual(analytic, fd), $"distance {DropoutGradients.Distance(analytic, fd)}");
        var floating = DropoutGradients.Objective(Small.Y.ToDouble(), Small.U.ToDouble(), Small.V.ToDouble(), 0.5);
        Assert.True(Max(floating.U - analytic.U.ToDouble()) < 1e-12 && Max(floating.V - analytic.V.ToDouble()) < 1e-12);
        var floatingFd = DropoutGradients.CentralDifferences(Small.U.ToDouble(), Small.V.ToDouble(), (u, v) => Minimizers.Objective(Small.Y.ToDouble(), u, v, 0.5));
        Assert.True(Max(floatingFd.U - floating.U) < 1e-12 && Max(floatingFd.V - floating.V) < 1e-12);
        foreach (var mask in new[] { new[] { true, false }, new[] { false, true }, new[] { true, true } })
        {
            var stochastic = DropoutGradients.Stochastic(Small, mask);
            var sfd = DropoutGradients.CentralDifferences(Small.U, Small.V, (u, v) => DropoutGradients.StochasticLoss(Small with { U = u, V = v }, mask));
            Assert.True(DropoutGradients.AreEqual(stochastic, sfd), string.Join("", mask.Select(b => b ? 1 : 0)));
            var fs = DropoutGradients.Stochastic(Small.ToDoubles(), mask);
            Assert.True(Max(fs.U - stochastic.U.ToDouble()) < 1e-12 && Max(fs.V - stochastic.V.ToDouble()) < 1e-12);
        }
    }

    private static Fraction Regularizer(ExactMatrix u, ExactMatrix v)
    {
        var s = Fraction.Zero;
        for (var k = 0; k < u.ColumnCount; k++) s += u.ColumnNormSquared(k) * v.ColumnNormSquared(k);
        return s;
    }

    private static double Max(Matrix<double> m) => m.Enumerate().Select(Math.Abs).Max();

    [Fact]
    public void The_expected_stochastic_gradient_is_the_gradient_of_the_regularized_objective()
    {
        // E_z L_z = f with λ = (1 − θ)/θ, so E_z ∇L_z = ∇f.
        var lambda = DropoutObjective.Lambda(Small.Theta);
        Assert.Equal(F(1, 2), lambda);
        var expected = DropoutGradients.ExpectedStochastic(Small);
        var objective = DropoutGradients.Objective(Small.Y, Small.U, Small.V, lambda);
        Assert.True(DropoutGradients.AreEqual(expected, objective), $"distance {DropoutGradients.Distance(expected, objective)}");
        var floating = DropoutGradients.ExpectedStochastic(Small.ToDoubles());
        Assert.True(Max(floating.U - objective.U.ToDouble()) < 1e-12 && Max(floating.V - objective.V.ToDouble()) < 1e-12);
        // θ = 1: only the full mask has weight; the expectation is the plain loss's gradient.
        var one = Small with { Theta = Fraction.One };
        Assert.True(DropoutGradients.AreEqual(DropoutGradients.ExpectedStochastic(one), DropoutGradients.Objective(one.Y, one.U, one.V, Fraction.Zero)));
        var oneFloating = DropoutGradients.ExpectedStochastic(one.ToDoubles());
        Assert.True(Max(oneFloating.U - DropoutGradients.Objective(one.Y, one.U, one.V, Fraction.Zero).U.ToDouble()) < 1e-12);
        // Beyond the floating enumeration limit the expectation is refused, not attempted.
        var wide = new DropoutCase(Matrix<double>.Build.Dense(1, 1), Matrix<double>.Build.Dense(1, 29), Matrix<double>.Build.Dense(1, 29), 0.5);
        Assert.Throws<EnumerationLimitException>(() => DropoutGradients.ExpectedStochastic(wide));
        Assert.Throws<EnumerationLimitException>(() => DropoutGradients.ExpectedStochastic(wide.ToExact()));
        // A wrong weight is told apart.
        Assert.False(DropoutGradients.AreEqual(expected, DropoutGradients.Objective(Small.Y, Small.U, Small.V, F(1))));
    }

    [Fact]
    public void Exact_gradient_comparison_measures_the_largest_entry_difference()
    {
        var a = new ExactFactorGradient(E(new long[,] { { 1, 2 } }), E(new long[,] { { 3 } }));
        var b = new ExactFactorGradient(E(new long[,] { { 1, 2 } }), DropoutGradients.Scale(E(new long[,] { { 7 } }), F(1, 2)));
        Assert.Equal(0.5, DropoutGradients.Distance(a, b));
        Assert.Equal(0.0, DropoutGradients.Distance(a, a));
        Assert.False(DropoutGradients.AreEqual(a, b));
        Assert.True(DropoutGradients.AreEqual(a, new ExactFactorGradient(E(new long[,] { { 1, 2 } }), E(new long[,] { { 3 } }))));
        Assert.False(DropoutGradients.Equal(E(new long[,] { { 1, 2 } }), E(new long[,] { { 1 }, { 2 } })));
        Assert.False(DropoutGradients.Equal(E(new long[,] { { 1, 2 } }), E(new long[,] { { 1, 2, 3 } })));
        Assert.False(DropoutGradients.Equal(E(new long[,] { { 1, 2 } }), E(new long[,] { { 1, 3 } })));
        Assert.Equal(F(4), DropoutGradients.Add(E(new long[,] { { 1 } }), E(new long[,] { { 3 } }))[0, 0]);
    }

    [Fact]
    public void Balanced_factors_reproduce_X_with_equal_column_products()
    {
        // X = diag(3, 1, 0) padded: rank 2, r = 3: every product ‖u_i‖‖v_i‖ = ‖X‖_*/r = 4/3.
        var x = D(new double[,] { { 3, 0, 0 }, { 0, 1, 0 }, { 0, 0, 0 } });
        var f = Minimizers.BalancedFactors(x, 3);
        Assert.True(Max(f.U * f.V.Transpose() - x) < 1e-12);
        for (var i = 0; i < 3; i++)
            Assert.Equal(4.0 / 3, f.U.Column(i).L2Norm() * f.V.Column(i).L2Norm(), 12);
        // Rank 1 into r = 2: both products 3/2 for X = 3e₁e₁ᵀ.
        var g = Minimizers.BalancedFactors(D(new double[,] { { 3, 0 }, { 0, 0 } }), 2);
        Assert.Equal(1.5, g.U.Column(1).L2Norm() * g.V.Column(1).L2Norm(), 12);
        Assert.Equal(1.5, g.U.Column(0).L2Norm() * g.V.Column(0).L2Norm(), 12);
    }

    [Fact]
    public void Local_descent_reports_the_lowest_point_it_evaluated()
    {
        var y = D(new double[,] { { 2, 0 }, { 0, 1 } });
        var first = Minimizers.LocalDescent(y, 0.5, 2, 3, 11);
        var again = Minimizers.LocalDescent(y, 0.5, 2, 3, 11);
        Assert.Equal(first.LowestValue, again.LowestValue);
        Assert.Equal(first.Evaluations, again.Evaluations);
        Assert.Equal(3, first.Starts);
        Assert.Equal(3, first.FinalValues.Count);
        Assert.True(first.Evaluations >= 3);
        Assert.All(first.FinalValues.Where(double.IsFinite), v => Assert.True(first.LowestValue <= v));
        Assert.Equal(first.LowestValue, Minimizers.Objective(y, first.LowestPoint.U, first.LowestPoint.V, 0.5));
        Assert.Equal(Minimizers.ObjectiveMagnitude(y, first.LowestPoint.U, first.LowestPoint.V, 0.5), first.LowestMagnitude);
        // The global minimum at width 2 (weight λ/r = 1/4 per singular value): the closed form, reached by descent.
        var optimal = Minimizers.OptimalFactors(y, 0.5, 2);
        var optimum = Minimizers.Objective(y, optimal.U, optimal.V, 0.5);
        Assert.Equal(Thresholding.FixedWidth(y, 0.5, 2).Value, optimum, 12);
        Assert.True(first.LowestValue >= optimum - 1e-9 && first.LowestValue <= optimum + 1e-6, $"{first.LowestValue} vs {optimum}");
    }

    [Fact]
    public void Shapes_theta_and_the_sampling_budget_are_checked()
    {
        var (y, u, v) = (D(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }), D(new double[,] { { 1 }, { 2 } }), D(new double[,] { { 1 }, { 0 }, { 1 } }));
        string Refusal(Matrix<double> yy, Matrix<double> uu, Matrix<double> vv, double theta) =>
            Assert.Throws<ArgumentException>(() => DropoutCase.Create(yy, uu, vv, theta)).Message;
        Assert.Equal("mismatched shapes: U has 1 rows but Y has 2", Refusal(y, u.SubMatrix(0, 1, 0, 1), v, 0.5));
        Assert.Equal("mismatched shapes: V has 2 rows but Y has 3 columns", Refusal(y, u, v.SubMatrix(0, 2, 0, 1), 0.5));
        Assert.Equal("mismatched shapes: U has 2 columns but V has 1", Refusal(y, D(new double[,] { { 1, 1 }, { 2, 2 } }), v, 0.5));
        foreach (var theta in new[] { 0.0, 1.0000001, double.NaN, double.NegativeInfinity })
            Assert.Equal($"theta must lie in (0,1], got {theta}", Refusal(y, u, v, theta));
        Assert.Equal(1.0, DropoutCase.Create(y, u, v, 1).Theta);
        var e = ExactDropoutCase.FromDoubles(DropoutCase.Create(y, u, v, 0.5));
        Assert.Equal("theta must lie in (0,1], got 0", Assert.Throws<ArgumentException>(() => ExactDropoutCase.Create(e.Y, e.U, e.V, 0)).Message);
        Assert.Equal("theta must lie in (0,1], got 5/4", Assert.Throws<ArgumentException>(() => ExactDropoutCase.Create(e.Y, e.U, e.V, F(5, 4))).Message);
        Assert.Equal(Fraction.One, ExactDropoutCase.Create(e.Y, e.U, e.V, 1).Theta);
        Assert.Throws<ArgumentException>(() => ExactDropoutCase.Create(e.Y, e.V, e.V, 1));
        // With data: X is n×N; the checks name the first mismatch.
        var x = D(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });
        string InputRefusal(Matrix<double> yy, Matrix<double> uu, Matrix<double> vv, Matrix<double> xx, double theta) =>
            Assert.Throws<ArgumentException>(() => InputCase.Create(yy, uu, vv, xx, theta)).Message;
        Assert.Equal("mismatched shapes: X has 2 rows but V has 3", InputRefusal(y, u, v, x.SubMatrix(0, 2, 0, 3), 0.5));
        Assert.Equal("mismatched shapes: X has 2 columns but Y has 3", InputRefusal(y, u, v, x.SubMatrix(0, 3, 0, 2), 0.5));
        Assert.Equal("mismatched shapes: U has 1 rows but Y has 2", InputRefusal(y, u.SubMatrix(0, 1, 0, 1), v, x, 0.5));
        Assert.Equal("mismatched shapes: U has 2 columns but V has 1", InputRefusal(y, D(new double[,] { { 1, 1 }, { 2, 2 } }), v, x, 0.5));
        Assert.Equal("theta must lie in (0,1], got 0", InputRefusal(y, u, v, x, 0));
        Assert.Equal("theta must lie in (0,1], got 2", InputRefusal(y, u, v, x, 2));
        var input = InputCase.Create(y, u, v, 2 * x, 1);
        Assert.Equal(1, input.Width);
        Assert.True(Max(input.Reduced.V - 2 * v) == 0 && input.Reduced.Theta == 1);
        Assert.Same(y, input.Reduced.Y);
        // The Monte Carlo budget: samples·r² against 10¹¹ by default.
        new MaskSampling(1 << 20, 1).CheckWork(300); // 9.4e10
        Assert.Equal("Monte Carlo at r = 400 with 1048576 samples needs about 1.7E+11 multiply-adds, above the budget of 1E+11; lower --samples or raise --max-work",
            Assert.Throws<EnumerationLimitException>(() => new MaskSampling(1 << 20, 1).CheckWork(400)).Message);
        new MaskSampling(100, 1) { MaxWork = 100 * 5 * 5 }.CheckWork(5);
        Assert.Throws<EnumerationLimitException>(() => new MaskSampling(100, 1) { MaxWork = 100 * 5 * 5 - 1 }.CheckWork(5));
    }

    [Fact]
    public void Random_cases_are_reproducible_and_scaled_by_the_width()
    {
        var a = DropoutCase.Random(3, 4, 9, 0.5, 5);
        Assert.Equal((3, 4, 3, 9, 4, 9), (a.Y.RowCount, a.Y.ColumnCount, a.U.RowCount, a.U.ColumnCount, a.V.RowCount, a.V.ColumnCount));
        Assert.Equal(a.Y, DropoutCase.Random(3, 4, 9, 0.5, 5).Y);
        Assert.NotEqual(a.Y, DropoutCase.Random(3, 4, 9, 0.5, 6).Y);
        Assert.True(a.Y.Enumerate().All(e => Math.Abs(e) <= 1) && a.Y.Enumerate().Any(e => Math.Abs(e) > 1.0 / 3));
        Assert.True(a.U.Enumerate().All(e => Math.Abs(e) <= 1.0 / 3) && a.V.Enumerate().All(e => Math.Abs(e) <= 1.0 / 3));
        // Uniform on [−1, 1]: both signs occur among 12 + 27 + 36 entries.
        Assert.True(new[] { a.Y, a.U, a.V }.All(m => m.Enumerate().Any(e => e < 0) && m.Enumerate().Any(e => e > 0)));
        Assert.Equal((1L << 20, 1UL), (MaskSampling.Default.Samples, MaskSampling.Default.Seed));
        Assert.Equal((9, 1.0), (a.Width, a.Lambda));
        var twin = a.ToExact();
        Assert.Same(twin, twin.ToDoubles().ToExact());
        Assert.Equal(a.U, twin.ToDoubles().U);
    }
}
