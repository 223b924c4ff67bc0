using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Topics.Factorization;
using Xunit;

namespace Verification.Properties.Factorization;

/// <summary>
/// Local descent and the meta-algorithm on problems whose minima are known in closed form: Y = [3] (min f = 5/2 at u = v = √2),
/// Y = diag(3, 1) (min F = S_λ(Y)); the stopping threshold; a saddle at 0 that descent alone cannot leave and perturbations
/// do; a strict minimum at 0 that perturbations cannot leave; the step length t = argmin φ for the squared, logistic (t = ln(1/λ − 1))
/// and Huber losses; appending a column; one appended column taking width 1 to the certified minimum; and the refusals.
/// </summary>
public class DescentAndMetaAlgorithmTests
{
    private static Matrix<double> M(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    private static Vector<double> V(params double[] a) => Vector<double>.Build.DenseOfArray(a);

    private static readonly ConvexLoss Squared = ConvexLoss.Squared;

    private static readonly Matrix<double> Three = M(new double[,] { { 3 } });

    private static readonly Matrix<double> Diag31 = M(new double[,] { { 3, 0 }, { 0, 1 } });

    private static Factors Zero(int m, int n, int r) => new(Matrix<double>.Build.Dense(m, r), Matrix<double>.Build.Dense(n, r));

    [Fact]
    public void A_start_of_the_wrong_shape_is_refused()
    {
        var y = Matrix<double>.Build.Dense(2, 3, 1);
        Assert.Equal("the start is (2×1, 2×1) but Y is 2×3", Assert.Throws<ArgumentException>(() => LocalDescent.Run(Squared, y, 1, Zero(2, 2, 1), 1)).Message);
        Assert.Equal("the start is (3×1, 3×1) but Y is 2×3", Assert.Throws<ArgumentException>(() => LocalDescent.Run(Squared, y, 1, Zero(3, 3, 1), 1)).Message);
        var widths = new Factors(Matrix<double>.Build.Dense(2, 1), Matrix<double>.Build.Dense(3, 2));
        Assert.Equal("the start is (2×1, 3×2) but Y is 2×3", Assert.Throws<ArgumentException>(() => LocalDescent.Run(Squared, y, 1, widths, 1)).Message);
    }

    /// <summary>
    /// h(u, v) = ½(3 − uv)² + ½(u² + v²) from (1, 1) (h = 2 + 1 = 3): the minimum is at u = v = √2 (uv = 3 − λ = 2), h = ½ + 2 = 5/2.
    /// The threshold is 10⁻¹⁰·(1 + ‖Y‖_F)^{3/2} = 10⁻¹⁰·4^{3/2} = 8·10⁻¹⁰.
    /// </summary>
    [Fact]
    public void Descent_on_a_scalar_problem_reaches_the_closed_form_minimum()
    {
        var start = new Factors(M(new double[,] { { 1 } }), M(new double[,] { { 1 } }));
        var d = LocalDescent.Run(Squared, Three, 1, start, 7);
        Assert.Equal(2.5, d.Value, 1e-10);
        Assert.Equal(8e-10, d.Threshold, 1e-24);
        Assert.True(d.Converged);
        Assert.True(d.GradientNorm <= d.Threshold);
        Assert.Equal(Math.Sqrt(2), Math.Abs(d.Point.U[0, 0]), 1e-6);
        Assert.Equal(Math.Sqrt(2), Math.Abs(d.Point.V[0, 0]), 1e-6);
        Assert.Equal(2, d.Point.U[0, 0] * d.Point.V[0, 0], 1e-9);
        // The reported value is h at the (balanced) end point, where h = f.
        Assert.Equal(FactorizedObjective.Smooth(Squared, Three, d.Point.U, d.Point.V, 1), d.Value);
        Assert.Equal(FactorizedObjective.Value(Squared, Three, d.Point, 1), d.Value, 1e-12);
        Assert.True(d.Iterations >= 1);
        Assert.True(d.Trace.Count <= d.Iterations);
        Assert.True(d.Trace[0] < 3); // the first accepted step lowers h below h(1, 1) = 3
        // Another stationarity scale moves the threshold: 10⁻⁶·8.
        Assert.Equal(8e-6, LocalDescent.Run(Squared, Three, 1, start, 7, new DescentOptions(Stationarity: 1e-6)).Threshold, 1e-20);
    }

    [Fact]
    public void Without_escapes_the_trace_is_every_iteration_and_never_increases()
    {
        var start = new Factors(M(new double[,] { { 0.1, 1 }, { 2, -0.5 } }), M(new double[,] { { 1, 0.3 }, { -1, 0.2 } }));
        var d = LocalDescent.Run(Squared, Diag31, 0.5, start, 3, new DescentOptions(EscapeAttempts: 0));
        Assert.Equal(0, d.EscapeAttempts);
        Assert.Equal(0, d.Escapes);
        Assert.Equal(d.Iterations, d.Trace.Count);
        var h0 = FactorizedObjective.Smooth(Squared, Diag31, start.U, start.V, 0.5);
        Assert.True(d.Trace[0] < h0);
        for (var i = 1; i < d.Trace.Count; i++) Assert.True(d.Trace[i] <= d.Trace[i - 1], $"iteration {i}: {d.Trace[i - 1]} → {d.Trace[i]}");
        Assert.True(d.Value <= d.Trace[^1] + 1e-15); // balancing can only lower h
        // Width 2 = min(m, n): every local minimum is global, F* = ½(½² + ½²) + ½(5/2 + 1/2) = 7/4.
        Assert.Equal(1.75, d.Value, 1e-9);
        // One iteration at most.
        var one = LocalDescent.Run(Squared, Diag31, 0.5, start, 3, new DescentOptions(MaxIterations: 1, EscapeAttempts: 0));
        Assert.Equal(1, one.Iterations);
        Assert.Single(one.Trace);
        Assert.False(one.Converged);
    }

    /// <summary>
    /// U = V = 0 is a critical point of h (∇h = −G·0 + λ·0 = 0). For Y = diag(3, 1) and λ = 1 it is a saddle (σ₁ = 3 &gt; λ):
    /// without perturbations descent stops there at h = ½(9 + 1) = 5; with them it escapes to the width-1 minimum
    /// X = diag(2, 0), f = ½(1 + 1) + 2 = 3. Every run ends after EscapeAttempts consecutive failures.
    /// </summary>
    [Fact]
    public void A_saddle_at_zero_is_left_only_through_perturbations()
    {
        var stuck = LocalDescent.Run(Squared, Diag31, 1, Zero(2, 2, 1), 11, new DescentOptions(EscapeAttempts: 0));
        Assert.Equal(5, stuck.Value);
        Assert.Equal(0, stuck.Iterations);
        Assert.Equal(0, stuck.GradientNorm);
        Assert.True(stuck.Converged);
        Assert.Empty(stuck.Trace);

        var d = LocalDescent.Run(Squared, Diag31, 1, Zero(2, 2, 1), 11);
        Assert.True(d.Escapes >= 1);
        Assert.Equal(d.Escapes + DescentOptions.Default.EscapeAttempts, d.EscapeAttempts);
        Assert.Equal(3, d.Value, 1e-9);
        Assert.Equal(2, Math.Abs(d.Point.Product[0, 0]), 1e-8);
        Assert.Equal(0, d.Point.Product[1, 1], 1e-8);
        // The trace goes on through the accepted escape: it ends at the minimum it reached, not at the saddle's 5.
        Assert.NotEmpty(d.Trace);
        Assert.Equal(3, d.Trace[^1], 1e-9);
    }

    /// <summary>F* = Σ_i ½min(σ_i, λ)² + λ(σ_i − λ)₊ for the squared loss (singular value thresholding).</summary>
    private static double ThresholdingMinimum(Matrix<double> y, double lambda) =>
        Thresholding.SingularValues(y).Sum(s => 0.5 * Math.Min(s, lambda) * Math.Min(s, lambda) + lambda * Math.Max(0, s - lambda));

    /// <summary>
    /// At width min(m, n) every local minimum of h is global, so descent from a random start (no perturbations) ends at
    /// F* of singular value thresholding. Not asserted: that it stops below the stationarity threshold. It often stops on
    /// the stall rule instead, with ‖∇h‖ a few times the threshold, because h no longer changes above its rounding
    /// (measured: 40 of 80 random 6×5 and 4×3 instances).
    /// </summary>
    [Theory]
    [InlineData(6, 5, 0.1)]
    [InlineData(4, 3, 0.3)]
    public void Descent_at_full_width_reaches_the_thresholding_minimum(int m, int n, double lambda)
    {
        var rng = new Verification.Numerics.SplitMix64((ulong)(m * 10 + n));
        var y = Matrix<double>.Build.Dense(m, n, (_, _) => rng.NextGaussian());
        var start = new Factors(Matrix<double>.Build.Dense(m, n, (_, _) => rng.NextGaussian()), Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextGaussian()));
        var d = LocalDescent.Run(Squared, y, lambda, start, 3, new DescentOptions(EscapeAttempts: 0));
        Assert.Equal(ThresholdingMinimum(y, lambda), d.Value, 1e-9);
    }

    /// <summary>The reported gradient norm is ‖∇h‖_F at the returned point: central differences of h (step 1, exact for a coordinate-wise quadratic) after one iteration.</summary>
    [Fact]
    public void The_reported_gradient_norm_is_that_of_h_at_the_returned_point()
    {
        var start = new Factors(M(new double[,] { { 0.1, 1 }, { 2, -0.5 } }), M(new double[,] { { 1, 0.3 }, { -1, 0.2 } }));
        var d = LocalDescent.Run(Squared, Diag31, 0.5, start, 3, new DescentOptions(MaxIterations: 1, EscapeAttempts: 0));
        // h is quadratic along each entry of U or V (UVᵀ is affine in it), so central differences with step 1 are exact up to rounding.
        var differences = Verification.Topics.Dropout.DropoutGradients.CentralDifferences(d.Point.U, d.Point.V,
            (a, b) => FactorizedObjective.Smooth(Squared, Diag31, a, b, 0.5));
        var norm = Math.Sqrt(differences.U.Enumerate().Sum(e => e * e) + differences.V.Enumerate().Sum(e => e * e));
        Assert.True(d.GradientNorm > 1e-3);
        Assert.Equal(norm, d.GradientNorm, 1e-12);
    }

    /// <summary>
    /// A frozen column is zeroed even when the start has something in it, and stays zero: descent at width 2 with column 1
    /// frozen ends at the width-1 minimum of Y = diag(3, 1), λ = ½, which is f = 15/8 (X = diag(5/2, 0)).
    /// </summary>
    [Fact]
    public void A_frozen_column_is_zeroed_and_the_rest_reaches_the_narrower_minimum()
    {
        var start = new Factors(M(new double[,] { { 1, 0.4 }, { 0.1, 0.7 } }), M(new double[,] { { 1, -0.3 }, { 0.1, 0.9 } }));
        var d = LocalDescent.Run(Squared, Diag31, 0.5, start, 3, frozen: [1]);
        Assert.True(d.Point.U.Column(1).All(e => e == 0) && d.Point.V.Column(1).All(e => e == 0));
        Assert.Equal(1.875, d.Value, 1e-9);
        Assert.Equal(0.7, start.U[1, 1]); // the caller's start is not modified
    }

    /// <summary>For λ = 4 ≥ σ₁ = 3, h ≥ 5 − 3‖u‖‖v‖ + 2(‖u‖² + ‖v‖²) &gt; 5 near 0: a strict minimum, every perturbation fails.</summary>
    [Fact]
    public void A_strict_minimum_at_zero_rejects_every_perturbation()
    {
        var d = LocalDescent.Run(Squared, Diag31, 4, Zero(2, 2, 1), 5);
        Assert.Equal(0, d.Escapes);
        Assert.Equal(2, d.EscapeAttempts);
        Assert.Equal(5, d.Value);
        Assert.True(d.Point.U.Enumerate().All(e => e == 0) && d.Point.V.Enumerate().All(e => e == 0));
        var three = LocalDescent.Run(Squared, Diag31, 4, Zero(2, 2, 1), 5, new DescentOptions(EscapeAttempts: 3));
        Assert.Equal(3, three.EscapeAttempts);
    }

    [Fact]
    public void Appending_a_column_adds_its_outer_product()
    {
        var f = new Factors(M(new double[,] { { 1 }, { 2 } }), M(new double[,] { { 3 }, { 4 }, { 5 } }));
        var g = MetaAlgorithm.Append(f, V(7, 8), V(9, 10, 11));
        Assert.Equal(M(new double[,] { { 1, 7 }, { 2, 8 } }), g.U);
        Assert.Equal(M(new double[,] { { 3, 9 }, { 4, 10 }, { 5, 11 } }), g.V);
        Assert.Equal(2, g.Width);
        Assert.Equal(f.Product + V(7, 8).OuterProduct(V(9, 10, 11)), g.Product);
        Assert.Equal(1, f.Width); // the input is kept
    }

    private static Certificate Scalar(double sigma) => new(sigma, [], V(1), V(1), M(new double[,] { { sigma } }));

    /// <summary>
    /// φ(t) = ℓ(X + t·abᵀ) + λt. Squared loss: t = σ₁ − λ. Logistic, Y = [1], X = 0 (G = σ(0) = ½): φ′(t) = λ − σ(−t) = 0 at
    /// t = ln(1/λ − 1), ln 4 for λ = ⅕ and ln 3 for λ = ¼. Huber, Y = [5], X = 0 (G = 1): φ′(t) = clip(t − 5) + ½ = 0 at t = 4.5
    /// (the squared formula would give σ₁ − λ = ½). No step when σ₁ ≤ λ.
    /// </summary>
    [Fact]
    public void The_step_length_minimizes_f_along_the_new_column()
    {
        var zero = M(new double[,] { { 0 } });
        var squaredCertificate = FactorizedObjective.Certify(Squared, Diag31, Zero(2, 2, 1).U, Zero(2, 2, 1).V, 1);
        Assert.Equal(2, MetaAlgorithm.StepLength(Squared, Diag31, Matrix<double>.Build.Dense(2, 2), 1, squaredCertificate), 1e-14);
        Assert.Equal(0, MetaAlgorithm.StepLength(Squared, Three, zero, 3, Scalar(3)));
        Assert.Equal(0, MetaAlgorithm.StepLength(Squared, Three, zero, 4, Scalar(3)));
        var one = M(new double[,] { { 1 } });
        Assert.Equal(Math.Log(4), MetaAlgorithm.StepLength(ConvexLoss.Logistic, one, zero, 0.2, Scalar(0.5)), 1e-9);
        Assert.Equal(Math.Log(3), MetaAlgorithm.StepLength(ConvexLoss.Logistic, one, zero, 0.25, Scalar(0.5)), 1e-9);
        Assert.Equal(0, MetaAlgorithm.StepLength(ConvexLoss.Logistic, one, zero, 0.5, Scalar(0.5)));
        Assert.Equal(4.5, MetaAlgorithm.StepLength(ConvexLoss.Huber, M(new double[,] { { 5 } }), zero, 0.5, Scalar(1)), 1e-9);
        // Huber within its quadratic zone agrees with the squared loss: Y = [3], λ = ½ gives t = 3 − ½.
        Assert.Equal(2.5, MetaAlgorithm.StepLength(ConvexLoss.Huber, Three, zero, 0.5, Scalar(1)), 1e-9);
    }

    [Fact]
    public void The_meta_algorithm_refuses_a_nonpositive_lambda()
    {
        Assert.Equal("lambda must be > 0, got 0", Assert.Throws<ArgumentException>(() => MetaAlgorithm.Run(Squared, Three, 0, Zero(1, 1, 1), 1, 3)).Message);
        Assert.Equal("lambda must be > 0, got -2", Assert.Throws<ArgumentException>(() => MetaAlgorithm.Run(Squared, Three, -2, Zero(1, 1, 1), 1, 3)).Message);
        Assert.Equal("lambda must be > 0, got NaN", Assert.Throws<ArgumentException>(() => MetaAlgorithm.Run(Squared, Three, double.NaN, Zero(1, 1, 1), 1, 3)).Message);
    }

    private static readonly Factors Near1 = new(M(new double[,] { { 1 }, { 0.1 } }), M(new double[,] { { 1 }, { 0.1 } }));

    /// <summary>
    /// Y = diag(3, 1), λ = ½, width 1: descent ends at X = diag(5/2, 0), f = ½(¼ + 1) + ½·5/2 = 15/8, where G = diag(½, 1) and
    /// ‖G‖₂ = 1 &gt; λ. The meta-algorithm appends √t·(e₂, e₂) with t = 1 − ½, which is the global minimum X = S_λ(Y) =
    /// diag(5/2, ½), F* = ½(¼ + ¼) + ½·3 = 7/4, certified at width 2.
    /// </summary>
    [Fact]
    public void One_appended_column_reaches_the_certified_minimum()
    {
        var r = MetaAlgorithm.Run(Squared, Diag31, 0.5, Near1, 1, 10);
        Assert.True(r.Certified);
        Assert.Equal(2, r.Rounds.Count);
        Assert.Equal((1, 2, 1), (r.StartWidth, r.FinalWidth, r.Appended));
        Assert.Equal(1, r.Rounds[0].Width);
        Assert.Equal(1.875, r.Rounds[0].Value, 1e-9);
        Assert.Equal(1, r.Rounds[0].SpectralNorm, 1e-6);
        Assert.Equal(0.5, r.Rounds[0].AppendedT, 1e-6);
        Assert.Equal(2, r.Rounds[1].Width);
        Assert.Equal(0, r.Rounds[1].AppendedT);
        Assert.Equal(0.5, r.Rounds[1].SpectralNorm, 1e-6);
        Assert.Equal(1.75, r.Value, 1e-9);
        Assert.Equal(1.75, r.Rounds[1].Value, 1e-9);
        Assert.True(r.Certificate.SpectralNorm <= 0.5 * (1 + MetaAlgorithm.Resolution));
        Assert.Equal(FactorizedObjective.Value(Squared, Diag31, r.Point, 0.5), r.Value);
        Assert.Equal(r.Rounds.Sum(x => x.DescentIterations), r.DescentIterations);
        // The trace: numbered 0, 1, …; width 1 then 2; the first point at width 2 is f right after appending, already 7/4.
        Assert.Equal(Enumerable.Range(0, r.Trace.Count), r.Trace.Select(p => p.Iteration));
        Assert.Equal(1, r.Trace[0].Width);
        var firstWide = r.Trace.First(p => p.Width == 2);
        Assert.Equal(1.75, firstWide.Value, 1e-8);
        Assert.True(r.Trace.SkipWhile(p => p.Width == 1).All(p => p.Width == 2));
    }

    [Fact]
    public void The_round_cap_stops_uncertified()
    {
        var r = MetaAlgorithm.Run(Squared, Diag31, 0.5, Near1, 1, 1);
        Assert.False(r.Certified);
        Assert.Single(r.Rounds);
        Assert.Equal(0, r.Rounds[0].AppendedT);
        Assert.Equal(1, r.FinalWidth);
        Assert.Equal(0, r.Appended);
        Assert.Equal(1.875, r.Value, 1e-9);
        Assert.Equal(1, r.Certificate.SpectralNorm, 1e-6);
        // Y = diag(3, 2, 1), λ = ½ from width 1 needs two appended columns (S_λ(Y) has rank 3): a cap of two rounds stops
        // after one, at width 2, uncertified (‖G‖₂ = 1 > ½ from the third direction); three rounds certify F* = ½·¾ + ½·4.5.
        var y = Matrix<double>.Build.DenseOfDiagonalArray([3.0, 2, 1]);
        var near = new Factors(M(new double[,] { { 1 }, { 0.1 }, { 0.1 } }), M(new double[,] { { 1 }, { 0.1 }, { 0.1 } }));
        var two = MetaAlgorithm.Run(Squared, y, 0.5, near, 1, 2);
        Assert.False(two.Certified);
        Assert.Equal((2, 2), (two.Rounds.Count, two.FinalWidth));
        Assert.Equal(1, two.Certificate.SpectralNorm, 1e-6);
        var three = MetaAlgorithm.Run(Squared, y, 0.5, near, 1, 3);
        Assert.True(three.Certified);
        Assert.Equal((3, 3), (three.Rounds.Count, three.FinalWidth));
        Assert.Equal(0.375 + 2.25, three.Value, 1e-9);
        // λ = 4 ≥ σ₁: X* = 0, certified at once with f = ℓ(0) = 5.
        var zero = MetaAlgorithm.Run(Squared, Diag31, 4, Near1, 1, 10);
        Assert.True(zero.Certified);
        Assert.Single(zero.Rounds);
        Assert.Equal(5, zero.Value, 1e-9);
    }
}
