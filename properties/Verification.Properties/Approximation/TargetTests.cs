using Verification.Numerics;
using Verification.Topics.Approximation;
using Xunit;

namespace Verification.Properties.Approximation;

/// <summary>
/// The targets of the approximation claims against hand computation: polynomial values, names, degrees, exact Lipschitz
/// constants, ‖f″‖ and moduli of continuity (with the interior vertex or kink that attains them), the critical-point
/// candidates of f − ℓ (rational, surd, double and missing roots, roots on the ends excluded), the piecewise-linear target,
/// √x and sin(2πνx), and the rounding-up factors their floating-point bounds carry.
/// </summary>
public class TargetTests
{
    private static Rational R(long p, long q = 1) => Rational.Of(p, q);

    private static PolynomialTarget P(params Rational[] c) => new(c);

    private const double U = Rounding.UnitRoundoff;

    private static QuadraticSurd S(long p, long q = 1) => QuadraticSurd.Of(R(p, q));

    // f(x) = 1 − 2x + 3x² − x³.
    private static readonly PolynomialTarget Cubic = P(1, -2, 3, -1);

    [Fact]
    public void A_polynomial_is_evaluated_exactly_and_by_Horner()
    {
        Assert.Equal(R(1), Cubic.Value(2)); // 1 − 4 + 12 − 8
        Assert.Equal(R(5, 8), Cubic.Value(R(1, 2))); // 1 − 1 + 3/4 − 1/8
        Assert.Equal(R(7), Cubic.Value(-1)); // 1 + 2 + 3 + 1
        Assert.Equal(1.0, Cubic.Evaluate(2.0));
        Assert.Equal(0.625, Cubic.Evaluate(0.5));
        Assert.Equal(7.0, Cubic.Evaluate(-1.0));
        // Σ|c_j||x|^j at |x| = 2: 1 + 4 + 12 + 8 = 25, times γ₈ and the rounding-up factor 1 + 4u.
        Assert.Equal(Rounding.Gamma(8) * 25 * (1 + 4 * U), Cubic.EvaluationError(-2.0));
        Assert.Equal(Rounding.Gamma(8) * 25 * (1 + 4 * U), Cubic.EvaluationError(2.0));
        Assert.Equal(0.0, P(0, 1).EvaluationError(0.0));
    }

    [Fact]
    public void Degrees_coefficients_and_the_cubic_limit()
    {
        Assert.Equal(3, Cubic.Degree);
        Assert.Equal(2, P(0, 0, 5).Degree);
        Assert.Equal(0, P(7).Degree);
        Assert.Equal(-1, P().Degree);
        Assert.Equal(new[] { R(5), R(0), R(0), R(0) }, P(5).Coefficients);
        // Trailing zeros beyond degree 3 are accepted; a nonzero x⁴ is refused.
        Assert.Equal(3, P(1, 2, 3, 4, 0).Degree);
        Assert.Equal(new[] { R(1), R(2), R(3), R(4) }, P(1, 2, 3, 4, 0, 0).Coefficients);
        Assert.Equal("the polynomial has degree above 3: exact critical points are implemented up to cubics",
            Assert.Throws<ArgumentException>(() => P(1, 2, 3, 4, 1)).Message);
        Assert.Throws<ArgumentException>(() => P(0, 0, 0, 0, 0, 2));
    }

    [Theory]
    [InlineData(new long[] { 1, -2, 3, -1 }, "-x^3 + 3*x^2 - 2*x + 1")]
    [InlineData(new long[] { }, "0")]
    [InlineData(new long[] { 0, 0, 0 }, "0")]
    [InlineData(new long[] { 0, 1 }, "x")]
    [InlineData(new long[] { 0, -1 }, "-x")]
    [InlineData(new long[] { -1, 0, 3 }, "3*x^2 - 1")]
    [InlineData(new long[] { 0, 0, -1 }, "-x^2")]
    [InlineData(new long[] { -3 }, "-3")]
    [InlineData(new long[] { 1 }, "1")]
    [InlineData(new long[] { 2, 1, 0, 1 }, "x^3 + x + 2")]
    public void Polynomial_names_read_as_formulas(long[] coefficients, string name)
    {
        var f = P(coefficients.Select(c => R(c)).ToArray());
        Assert.Equal(name, f.Name);
        Assert.Equal(name, f.ToString());
    }

    [Fact]
    public void Rational_coefficients_are_named_as_fractions()
    {
        Assert.Equal("x^3 + 1/2", P(R(1, 2), 0, 0, 1).Name);
        Assert.Equal("-1/2*x", P(0, R(-1, 2)).Name);
    }

    /// <summary>
    /// f = x³ − 3x²: f′ = 3x² − 6x has its vertex at x = 1 (−c₂/(3c₃)), where |f′| = 3. On [0, 3/2] the ends give |0| and
    /// |27/4 − 9| = 9/4, so the vertex decides; on [2, 3] the vertex is outside and f′(3) = 9.
    /// </summary>
    [Fact]
    public void The_Lipschitz_constant_includes_the_vertex_of_f_prime()
    {
        var f = P(0, 0, -3, 1);
        Assert.Equal(R(3), f.Lipschitz(0, R(3, 2)));
        Assert.Equal(R(9), f.Lipschitz(2, 3));
        Assert.Equal(R(9), f.Lipschitz(-1, R(1, 2))); // f′(−1) = 9
        Assert.Equal(R(1), P(0, -1, 1).Lipschitz(0, 1)); // x² − x: |f′| = 1 at both ends
        Assert.Equal(R(1, 2), P(0, 0, 1).Lipschitz(0, R(1, 4)));
        // ‖f″‖ with f″ = 6x − 6: |−6| and |12| on [0, 3]; |−3| and |3| on [½, 3/2].
        Assert.Equal(R(12), f.SecondDerivativeSup(0, 3));
        Assert.Equal(R(3), f.SecondDerivativeSup(R(1, 2), R(3, 2)));
        Assert.Equal(R(2), P(0, 0, 1).SecondDerivativeSup(0, 1));
        // Variation over a radius r: L·r on [0, 1] (L = 2 for x²) rounded up; by default the same on a cell.
        Assert.Equal(0.5 * (1 + 4 * U), P(0, 0, 1).Variation(0.25));
        Assert.Equal(0.5 * (1 + 4 * U), P(0, 0, 1).Variation(0.25, 0.5, 0.25));
    }

    /// <summary>x² on [0, 1]: g(x) = (x + δ)² − x² = 2δx + δ² is largest at x = 1 − δ, so ω(δ) = 2δ − δ².</summary>
    [Fact]
    public void The_modulus_of_x_squared_is_two_delta_minus_delta_squared()
    {
        var f = P(0, 0, 1);
        Assert.Equal(R(7, 16), f.ExactModulus(R(1, 4), 0, 1));
        Assert.Equal(R(5, 9), f.ExactModulus(R(1, 3), 0, 1));
        Assert.Equal(R(1), f.ExactModulus(1, 0, 1));
        Assert.Equal(R(1), f.ExactModulus(2, 0, 1)); // δ beyond b − a is b − a
        Assert.Equal(R(0), f.ExactModulus(0, 0, 1));
        Assert.Equal(R(0), f.ExactModulus(-1, 0, 1));
        Assert.Equal(R(3), f.ExactModulus(1, 1, 2)); // 2² − 1²
        Assert.Equal(R(1), f.ExactModulus(1, -1, 1)); // g(x) = 2x + 1 on [−1, 0]: |−1| and |1|
        Assert.Equal(R(0), f.ExactModulus(2, -1, 1)); // only x = −1: f(1) − f(−1) = 0
    }

    /// <summary>
    /// f = x³ − x on [−1, 1], δ = ½: g(x) = (3/2)x² + (3/4)x − 3/8 on [−1, ½] is 3/8 at both ends and −15/32 at its vertex
    /// x = −(2c₂ + 3c₃δ)/(6c₃) = −¼ (f(¼) − f(−¼) = −15/32), so ω(½) = 15/32; on [0, 1] the vertex is outside and ω = 3/8.
    /// </summary>
    [Fact]
    public void The_modulus_of_a_cubic_includes_the_vertex_of_the_difference()
    {
        var f = P(0, -1, 0, 1);
        Assert.Equal(R(15, 32), f.ExactModulus(R(1, 2), -1, 1));
        Assert.Equal(R(3, 8), f.ExactModulus(R(1, 2), 0, 1));
        Assert.Equal(0.375, f.Modulus(R(1, 2)));
    }

    [Fact]
    public void The_floating_modulus_is_the_exact_one_rounded_up()
    {
        var f = P(0, 0, 1);
        Assert.Equal(0.4375, f.Modulus(R(1, 4)));
        var m = f.Modulus(R(1, 3)); // 5/9 is not a double: the double just above it
        Assert.True(Rational.FromDouble(m) > R(5, 9));
        Assert.True(Rational.FromDouble(Math.BitDecrement(m)) < R(5, 9));
    }

    /// <summary>e(x) = x³ − x (ℓ = x): e′ = 3x² − 1 has the irrational roots ±1/√3 = ±√12/6; only +√12/6 is inside (0, 1), where e = −(2/3)x = −√12/9.</summary>
    [Fact]
    public void Cubic_candidates_are_exact_surds()
    {
        var c = P(0, 0, 0, 1).Candidates(1, 0, 0, 1).ToArray();
        Assert.Equal(3, c.Length);
        Assert.Equal((S(0), S(0)), c[0]);
        Assert.Equal((S(1), S(0)), c[1]);
        Assert.Equal(new QuadraticSurd(0, R(1, 6), 12), c[2].X);
        Assert.Equal(new QuadraticSurd(0, R(-1, 9), 12), c[2].Error);
        // −x³ against ℓ = −x: e′ = −3x² + 1, the same roots found in the other order; e = (2/3)x = √12/9 there.
        var d = P(0, 0, 0, -1).Candidates(-1, 0, 0, 1).ToArray();
        Assert.Equal(3, d.Length);
        Assert.Equal(new QuadraticSurd(0, R(1, 6), 12), d[2].X);
        Assert.Equal(new QuadraticSurd(0, R(1, 9), 12), d[2].Error);
    }

    /// <summary>e(x) = x³ − (3/4)x on [−1, 1]: the discriminant 9 is a square, roots ±½, e(½) = −¼, e(−½) = ¼, e(∓1) = ∓¼.</summary>
    [Fact]
    public void Rational_roots_of_a_square_discriminant_are_rational_candidates()
    {
        var c = P(0, 0, 0, 1).Candidates(R(3, 4), 0, -1, 1).ToArray();
        Assert.Equal(new[] { (S(-1), S(-1, 4)), (S(1), S(1, 4)), (S(1, 2), S(-1, 4)), (S(-1, 2), S(1, 4)) }, c);
    }

    [Fact]
    public void Double_missing_and_linear_roots()
    {
        // (x − 1)³ + 1 = x³ − 3x² + 3x against ℓ = 0: e′ = 3(x − 1)², one double root at 1 where e = 1; e(2) = 2.
        Assert.Equal(new[] { (S(0), S(0)), (S(2), S(2)), (S(1), S(1)) }, P(0, 3, -3, 1).Candidates(0, 0, 0, 2));
        // x³ + x: e′ = 3x² + 1 > 0, no critical point.
        Assert.Equal(new[] { (S(0), S(0)), (S(1), S(2)) }, P(0, 1, 0, 1).Candidates(0, 0, 0, 1));
        // x² against ℓ = x − ¼: e = (x − ½)², critical point ½ with e = 0, ends ¼.
        Assert.Equal(new[] { (S(0), S(1, 4)), (S(1), S(1, 4)), (S(1, 2), S(0)) }, P(0, 0, 1).Candidates(1, R(-1, 4), 0, 1));
        // 2x against ℓ = x: e′ = 1, no critical point.
        Assert.Equal(new[] { (S(0), S(0)), (S(1), S(1)) }, P(0, 2).Candidates(1, 0, 0, 1));
    }

    [Fact]
    public void A_critical_point_on_an_end_is_not_repeated()
    {
        // x² − x has its critical point at ½: on [½, 1] and on [0, ½] it is an end, listed once.
        Assert.Equal(new[] { (S(1, 2), S(-1, 4)), (S(1), S(0)) }, P(0, 0, 1).Candidates(1, 0, R(1, 2), 1));
        Assert.Equal(new[] { (S(0), S(0)), (S(1, 2), S(-1, 4)) }, P(0, 0, 1).Candidates(1, 0, 0, R(1, 2)));
    }

    private static readonly PiecewiseTarget Half = PiecewiseTarget.Abs(R(1, 2));

    [Fact]
    public void The_absolute_value_target()
    {
        Assert.Equal("|x - 1/2|", Half.Name);
        Assert.Equal("|x - 1/3|", PiecewiseTarget.Abs(R(1, 3)).ToString());
        Assert.Equal(R(1, 2), Half.Value(0));
        Assert.Equal(R(1, 4), Half.Value(R(3, 4)));
        Assert.Equal(0.0, Half.Evaluate(0.5));
        Assert.Equal(0.25, Half.Evaluate(0.25));
        Assert.Equal(0.25, Half.Evaluate(0.75));
        Assert.Equal(0.5, Half.Evaluate(1.0));
        Assert.Equal(1.5, Half.Evaluate(-1.0));
        Assert.Equal(1.5, Half.Evaluate(2.0));
        // γ₄(|s·x| + |c|) + 4Lu(|x| + 1): at x = −2 on the piece −x + ½: γ₄·(2 + ½) + 4u·3.
        Assert.Equal(Rounding.Gamma(4) * 2.5 + 12 * U, Half.EvaluationError(-2.0), 1e-28);
        // at x = 1 on the piece x − ½: γ₄·(1 + ½) + 4u·2.
        Assert.Equal(Rounding.Gamma(4) * 1.5 + 8 * U, Half.EvaluationError(1.0), 1e-28);
        Assert.Equal(0.5 * (1 + 4 * U), Half.Variation(0.5));
        Assert.Equal(0.5, Half.Modulus(R(1, 2))); // g(x) = |x| − |x − ½| on [0, ½] goes from −½ to ½
        Assert.Equal(new[] { (S(0), S(1, 4)), (S(1), S(1, 4)), (S(1, 2), S(-1, 4)) }, Half.Candidates(0, R(1, 4), 0, 1));
        Assert.Equal(2, Half.Candidates(0, R(1, 4), R(1, 2), 1).Count());
    }

    // −4x (x ≤ 0), x (0 ≤ x ≤ 1), 2x − 1 (x ≥ 1).
    private static readonly PiecewiseTarget Bent = new(PiecewiseLinear.FromPieces(null, null, [R(0), R(1)], [R(-4), R(1), R(2)], [R(0), R(0), R(-1)]), "bent");

    [Fact]
    public void A_piecewise_Lipschitz_constant_uses_the_pieces_of_the_interval_only()
    {
        Assert.Equal(R(1), Bent.Lipschitz(0, R(1, 2))); // starts at the kink 0: the left piece is not in [0, ½]
        Assert.Equal(R(4), Bent.Lipschitz(-1, R(1, 2)));
        Assert.Equal(R(1), Bent.Lipschitz(R(1, 2), 1));
        Assert.Equal(R(1), Bent.Lipschitz(0, 1));
        Assert.Equal(R(2), Bent.Lipschitz(R(1, 2), 3));
        Assert.Equal(R(2), Bent.Lipschitz(1, 3));
        Assert.Equal(R(2), Bent.Lipschitz(2, 3)); // beyond the last kink
        Assert.Equal(R(4), Bent.Lipschitz(-2, -1));
        Assert.Equal(R(0), Bent.SecondDerivativeSup(R(1, 4), R(3, 4)));
        Assert.Null(Bent.SecondDerivativeSup(-1, R(1, 2)));
        Assert.Equal("bent", Bent.Name);
        // The global Lipschitz constant 4 enters the variation bound.
        Assert.Equal(4 * 0.25 * (1 + 4 * U), Bent.Variation(0.25));
    }

    // A ramp: 0 up to ½, rising with slope 4 to 1 at ¾, then 1.
    private static readonly PiecewiseTarget Ramp = new(PiecewiseLinear.FromPieces(null, null, [R(1, 2), R(3, 4)], [R(0), R(4), R(0)], [R(0), R(-2), R(1)]), "ramp");

    /// <summary>ω of the ramp: with δ = ¼ the whole rise f(¾) − f(½) = 1 fits (found only at the kink ½, not at the ends); with δ = ⅛ half of it.</summary>
    [Fact]
    public void The_piecewise_modulus_is_found_at_the_kinks()
    {
        Assert.Equal(R(1), Ramp.ExactModulus(R(1, 4), 0, 1));
        Assert.Equal(R(1, 2), Ramp.ExactModulus(R(1, 8), 0, 1));
        Assert.Equal(R(1, 2), Ramp.ExactModulus(R(1, 8), R(1, 2), R(3, 4)));
        Assert.Equal(R(0), Ramp.ExactModulus(R(1, 4), 0, R(1, 2)));
        Assert.Equal(R(0), Ramp.ExactModulus(0, 0, 1));
        Assert.Equal(R(0), Ramp.ExactModulus(R(-1, 4), 0, 1));
        // δ = 1 on [0, 5/8] is read as 5/8: f(5/8) − f(0) = ½ (not f(1) − f(0) = 1, which lies outside).
        Assert.Equal(R(1, 2), Ramp.ExactModulus(1, 0, R(5, 8)));
        Assert.Equal(0.5, Ramp.Modulus(R(1, 8)));
    }

    [Fact]
    public void The_square_root_target()
    {
        var f = SquareRootTarget.Instance;
        Assert.Same(f, SquareRootTarget.Instance);
        Assert.Equal("sqrt(x)", f.Name);
        Assert.Equal(0.5, f.Evaluate(0.25));
        Assert.Equal(0.0, f.Evaluate(-1));
        Assert.Equal(0.5 * U, f.EvaluationError(0.25));
        Assert.Equal(0.0, f.EvaluationError(-4));
        Assert.Equal(0.5 * (1 + 2 * U), f.Variation(0.25));
        Assert.Equal(0.5 * (1 + 2 * U), f.Modulus(R(1, 4)));
        // On a cell [u, v]: √v − √u with its cancellation error 3u(√u + √v), or √r if smaller.
        Assert.Equal(0.5 * (1 + 2 * U) + 3 * U * 1.5, f.Variation(0.25, 1, 1));
        Assert.Equal(0.5 * (1 + 2 * U) + 3 * U * 0.5, f.Variation(-1, 0.25, 1));
        Assert.Equal(0.125 * (1 + 2 * U), f.Variation(0, 1, 1.0 / 64));
    }

    [Fact]
    public void The_sine_target()
    {
        Assert.Equal("the frequency ν must be a positive integer, got 0", Assert.Throws<ArgumentException>(() => new SineTarget(0)).Message);
        Assert.Equal("the frequency ν must be a positive integer, got -2", Assert.Throws<ArgumentException>(() => new SineTarget(-2)).Message);
        var one = new SineTarget(1);
        var two = new SineTarget(2);
        Assert.Equal("sin(2*pi*x)", one.Name);
        Assert.Equal("sin(2*pi*3*x)", new SineTarget(3).Name);
        Assert.Equal(2, two.Frequency);
        Assert.Equal(1.0, one.Evaluate(0.25));
        Assert.Equal(-1.0, one.Evaluate(0.75));
        Assert.Equal(1.0, two.Evaluate(0.125));
        Assert.Equal(4 * U + 10 * Math.PI * U, two.EvaluationError(-0.5), 1e-28);
        Assert.Equal(4 * U, one.EvaluationError(0));
        Assert.Equal(2 * Math.PI * 0.1 * (1 + 4 * U), one.Variation(0.1), 1e-15);
        Assert.Equal(2 * (1 + 4 * U), one.Variation(1)); // |sin(a) − sin(b)| ≤ 2
        Assert.Equal(2 * (1 + 8 * U), one.Modulus(1)); // 2 sin(min(π, 2π)/2)
        Assert.Equal(Math.Sqrt(2), two.Modulus(R(1, 8)), 1e-14); // 2 sin(π/4), rounded up by 1 + 8u
        Assert.True(two.Modulus(R(1, 8)) >= Math.Sqrt(2));
    }
}
