using Verification.Numerics;
using Verification.Topics.Approximation;
using Verification.Topics.Depth;
using Xunit;

namespace Verification.Properties.Approximation;

/// <summary>
/// The ReLU interpolant of THEORY.md against hand-computed values: the knots x_i = a + ih, the network's weights (slopes and
/// slope changes), the interpolant passing through its nodes, the exact sup error of x² (h²/8 attained at the midpoints), the
/// first exceeding candidate and the attained bound, and every refusal with its message.
/// </summary>
public class InterpolationTests
{
    private static Rational R(long p, long q = 1) => Rational.Of(p, q);

    [Fact]
    public void The_knots_are_equally_spaced_from_a_to_b()
    {
        Assert.Equal(new[] { R(0), R(1, 4), R(1, 2), R(3, 4), R(1) }, Interpolation.Knots(0, 1, 4));
        // h = (2 − (−1))/3 = 1.
        Assert.Equal(new[] { R(-1), R(0), R(1), R(2) }, Interpolation.Knots(-1, 2, 3));
        Assert.Equal(new[] { R(1, 3), R(1, 2) }, Interpolation.Knots(R(1, 3), R(1, 2), 1));
        // N = MaxN is built: 4097 knots, the last one exactly b.
        var most = Interpolation.Knots(0, 1, Interpolation.MaxN);
        Assert.Equal(4097, most.Length);
        Assert.Equal(R(1, 4096), most[1]);
        Assert.Equal(R(1), most[^1]);
    }

    [Fact]
    public void Bad_knot_requests_are_refused_with_their_reason()
    {
        Assert.Equal("N must be at least 1, got 0", Assert.Throws<ArgumentException>(() => Interpolation.Knots(0, 1, 0)).Message);
        Assert.Equal("N must be at least 1, got -3", Assert.Throws<ArgumentException>(() => Interpolation.Knots(0, 1, -3)).Message);
        Assert.Equal("N = 4097 is above the limit 4096 of exact interpolation",
            Assert.Throws<LimitExceededException>(() => Interpolation.Knots(0, 1, 4097)).Message);
        Assert.Equal("the interval [1, 1] is empty", Assert.Throws<ArgumentException>(() => Interpolation.Knots(1, 1, 2)).Message);
        Assert.Equal("the interval [2, 1/2] is empty", Assert.Throws<ArgumentException>(() => Interpolation.Knots(2, R(1, 2), 2)).Message);
    }

    /// <summary>
    /// Knots 0, 1, 2, 3 and values 1, 3, 2, 2: slopes s = (2, −1, 0), readout (s₁, s₂ − s₁, s₃ − s₂) = (2, −3, 1), hidden biases
    /// −x_i = (0, −1, −2), output bias f(x₀) = 1.
    /// </summary>
    [Fact]
    public void The_network_has_the_slopes_and_slope_changes_of_the_formula()
    {
        var net = Interpolation.Network([R(0), R(1), R(2), R(3)], [R(1), R(3), R(2), R(2)]);
        Assert.Equal(1, net.Depth);
        Assert.Equal(3, net.Units);
        var w1 = net.Weights(0);
        Assert.Equal(new[] { R(1), R(1), R(1) }, new[] { w1[0, 0], w1[1, 0], w1[2, 0] });
        Assert.Equal(new[] { R(0), R(-1), R(-2) }, net.Bias(0));
        var w2 = net.Weights(1);
        Assert.Equal(new[] { R(2), R(-3), R(1) }, new[] { w2[0, 0], w2[0, 1], w2[0, 2] });
        Assert.Equal(new[] { R(1) }, net.Bias(1));
        // Through the nodes, linear between them: F(1/2) = 1 + 2·½ = 2, F(5/2) = 2.
        Assert.Equal(new[] { R(1), R(3), R(2), R(2) }, new[] { 0, 1, 2, 3 }.Select(x => net.Evaluate(x)));
        Assert.Equal(R(2), net.Evaluate(R(1, 2)));
        Assert.Equal(R(5, 2), net.Evaluate(R(3, 2)));
        // Outside the knots: constant f(x₀) to the left (every ReLU is off), the last slope (0) to the right.
        Assert.Equal(R(1), net.Evaluate(-5));
        Assert.Equal(R(2), net.Evaluate(7));
    }

    /// <summary>Unequal knots 1, 2, 4 and values 0, 2, 0: slopes (2 − 0)/(2 − 1) = 2 and (0 − 2)/(4 − 2) = −1, readout (2, −3).</summary>
    [Fact]
    public void Slopes_divide_by_the_knot_spacing()
    {
        var net = Interpolation.Network([R(1), R(2), R(4)], [R(0), R(2), R(0)]);
        var w2 = net.Weights(1);
        Assert.Equal(new[] { R(2), R(-3) }, new[] { w2[0, 0], w2[0, 1] });
        Assert.Equal(new[] { R(-1), R(-2) }, net.Bias(0));
        Assert.Equal(R(1), net.Evaluate(3)); // 2 − 1·(3 − 2)
        Assert.Equal(R(0), net.Evaluate(4));
        Assert.Equal(R(3, 2), net.Evaluate(R(7, 4))); // 2·(7/4 − 1)
    }

    [Fact]
    public void The_network_needs_two_knots_and_one_value_each()
    {
        const string message = "the interpolant needs N + 1 ≥ 2 knots and as many values";
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Interpolation.Network([R(0)], [R(1)])).Message);
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Interpolation.Network([R(0), R(1)], [R(1)])).Message);
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Interpolation.Network([R(0), R(1)], [R(1), R(2), R(3)])).Message);
        // Two knots are enough: one unit, F = f(x₀) + s·ReLU(x − x₀).
        var one = Interpolation.Network([R(0), R(2)], [R(5), R(1)]);
        Assert.Equal(1, one.Units);
        Assert.Equal(R(3), one.Evaluate(1));
    }

    private static PiecewiseLinear Interpolant(ExactTarget f, Rational a, Rational b, int n)
    {
        var knots = Interpolation.Knots(a, b, n);
        return Interpolation.Network(knots, knots.Select(f.Value).ToArray()).ToPiecewiseLinear(a, b);
    }

    private static readonly PolynomialTarget Square = new([R(0), R(0), R(1)]);

    /// <summary>
    /// x² with N = 1 on [0, 1]: F(x) = x, f − F = x² − x, candidates the ends (error 0) and the critical point ½ (error −¼), so
    /// sup |f − F| = ¼ = h²‖f″‖/8 at x = ½.
    /// </summary>
    [Fact]
    public void The_sup_error_of_x_squared_with_one_interval_is_one_quarter_at_the_midpoint()
    {
        var sup = Interpolation.Sup(Square, Interpolant(Square, 0, 1, 1));
        Assert.Equal(QuadraticSurd.Of(R(1, 4)), sup.Value);
        Assert.Equal(QuadraticSurd.Of(R(1, 2)), sup.At);
        Assert.Equal(0.25, sup.Approximate);
        Assert.Equal(3, sup.Candidates.Count);
        Assert.Equal((QuadraticSurd.Of(R(1, 2)), QuadraticSurd.Of(R(-1, 4))), sup.Candidates[2]);
        Assert.Null(sup.Exceeding(R(1, 4)));
        Assert.Equal((QuadraticSurd.Of(R(1, 2)), QuadraticSurd.Of(R(-1, 4))), sup.Exceeding(R(1, 5)));
        Assert.True(sup.Attains(R(1, 4)));
        Assert.False(sup.Attains(R(1, 5)));
    }

    /// <summary>
    /// x² with N = 2: on [0, ½] F = x/2 and f − F = x² − x/2 is −1/16 at ¼; on [½, 1] F = 3x/2 − ½ and f − F is −1/16 at ¾.
    /// The sup is h²/8 = 1/16, first found at ¼; the nodes (error 0) come before the critical points in each piece.
    /// </summary>
    [Fact]
    public void The_sup_error_of_x_squared_with_two_intervals_is_one_sixteenth()
    {
        var sup = Interpolation.Sup(Square, Interpolant(Square, 0, 1, 2));
        Assert.Equal(QuadraticSurd.Of(R(1, 16)), sup.Value);
        Assert.Equal(QuadraticSurd.Of(R(1, 4)), sup.At);
        Assert.Equal(0.0625, sup.Approximate);
        var xs = sup.Candidates.Select(c => c.X.A).ToArray();
        Assert.Equal(new[] { R(0), R(1, 2), R(1, 4), R(1, 2), R(1), R(3, 4) }, xs);
        Assert.All(sup.Candidates.Where(c => c.X.A.Denominator == 4), c => Assert.Equal(QuadraticSurd.Of(R(-1, 16)), c.Error));
        // The first candidate above 0 is the critical point of the first piece, not of the second.
        Assert.Equal(QuadraticSurd.Of(R(1, 4)), sup.Exceeding(0)!.Value.X);
        Assert.Null(sup.Exceeding(R(1, 16)));
        Assert.True(sup.Attains(R(1, 16)));
        Assert.True(sup.Attains(0)); // the nodes
        Assert.False(sup.Attains(R(1, 32)));
    }

    /// <summary>|x − ⅓| interpolated on [0, 1] with N = 1: the kink inside the single piece is where |f − F| is largest.</summary>
    [Fact]
    public void A_kink_inside_a_piece_is_a_candidate()
    {
        // f(0) = 1/3, f(1) = 2/3: F(x) = 1/3 + x/3; at the kink F(1/3) = 4/9, f − F = −4/9.
        var f = PiecewiseTarget.Abs(R(1, 3));
        var sup = Interpolation.Sup(f, Interpolant(f, 0, 1, 1));
        Assert.Equal(QuadraticSurd.Of(R(4, 9)), sup.Value);
        Assert.Equal(QuadraticSurd.Of(R(1, 3)), sup.At);
    }

    [Fact]
    public void The_sup_needs_a_bounded_interval()
    {
        var unbounded = Interpolation.Network([R(0), R(1)], [R(0), R(1)]).ToPiecewiseLinear();
        Assert.Equal("the sup error needs a bounded interval", Assert.Throws<ArgumentException>(() => Interpolation.Sup(Square, unbounded)).Message);
    }
}
