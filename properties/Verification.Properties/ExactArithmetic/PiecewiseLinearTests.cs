using Verification.Numerics;
using Xunit;

namespace Verification.Properties.ExactArithmetic;

/// <summary>
/// Exact continuous piecewise-linear functions on small hand-computed examples: values, breakpoints and piece counts of
/// ReLU, layers and compositions, the refusals of malformed functions and domains (with the reason in the message),
/// equality, text and max |f| (from surviving and uncovered mutants in <c>Numerics/PiecewiseLinear.cs</c>).
/// </summary>
public class PiecewiseLinearTests
{
    private static Rational R(long p, long q = 1) => Rational.Of(p, q);

    private static Rational[] Rs(params long[] values) => values.Select(v => Rational.Of(v)).ToArray();

    /// <summary>The hat on [0, 2]: x up to 1, then 2 − x.</summary>
    private static PiecewiseLinear Hat => PiecewiseLinear.Interpolant(Rs(0, 1, 2), Rs(0, 1, 0));

    private static string Refusal(Func<object> action) => Assert.Throws<ArgumentException>(action).Message;

    [Fact]
    public void A_function_from_its_pieces_has_those_values_and_equals_the_interpolant_of_its_corners()
    {
        // 0 → 1 → 0 → 1 on [0, 3]: x, then 2 − x from 1, then x − 2 from 2.
        var zigzag = PiecewiseLinear.FromPieces(0, 3, Rs(1, 2), Rs(1, -1, 1), Rs(0, 2, -2));
        Assert.Equal(3, zigzag.PieceCount);
        Assert.Equal(Rs(1, 2), zigzag.Breakpoints);
        Assert.Equal(R(1, 2), zigzag.Evaluate(R(1, 2)));
        Assert.Equal(R(1), zigzag.Evaluate(1));
        Assert.Equal(R(1, 2), zigzag.Evaluate(R(3, 2)));
        Assert.Equal(R(0), zigzag.Evaluate(2));
        Assert.Equal(R(1), zigzag.Evaluate(3));
        Assert.Equal(PiecewiseLinear.Interpolant(Rs(0, 1, 2, 3), Rs(0, 1, 0, 1)), zigzag);

        // Three breakpoints on ℝ: |x − 1| + |x + 1| − |x| has kinks at −1, 0, 1 (slopes −1, 1, −1, 1 from the left).
        var w = PiecewiseLinear.FromPieces(null, null, Rs(-1, 0, 1), Rs(-1, 1, -1, 1), Rs(0, 2, 2, 0));
        Assert.Equal(Rs(-1, 0, 1), w.Breakpoints);
        Assert.Equal(R(3), w.Evaluate(-3));
        Assert.Equal(R(2), w.Evaluate(0));
        Assert.Equal(R(5), w.Evaluate(5));
    }

    [Fact]
    public void Malformed_pieces_are_refused_with_the_reason()
    {
        Assert.Contains("1 breakpoints need 2 slopes and intercepts, got 1 and 1",
            Refusal(() => PiecewiseLinear.FromPieces(null, null, Rs(0), Rs(1), Rs(0))));
        Assert.Contains("got 2 and 1", Refusal(() => PiecewiseLinear.FromPieces(null, null, Rs(0), Rs(1, -1), Rs(0))));
        // A repeated breakpoint (the pieces x, 2x, 3x all meet at 0) and a decreasing one.
        Assert.Contains("breakpoints must be strictly increasing",
            Refusal(() => PiecewiseLinear.FromPieces(null, null, Rs(0, 0), Rs(1, 2, 3), Rs(0, 0, 0))));
        Assert.Contains("breakpoints must be strictly increasing",
            Refusal(() => PiecewiseLinear.FromPieces(null, null, Rs(1, 0), Rs(1, 2, 1), Rs(0, -1, -1))));
        // Breakpoints on or beyond the domain's ends (the pieces are continuous there, so only the position is wrong).
        Assert.Contains("breakpoint 0 is not strictly inside the domain",
            Refusal(() => PiecewiseLinear.FromPieces(0, 2, Rs(0), Rs(1, 2), Rs(0, 0))));
        Assert.Contains("breakpoint 2 is not strictly inside the domain",
            Refusal(() => PiecewiseLinear.FromPieces(0, 2, Rs(2), Rs(1, 2), Rs(0, -2))));
        Assert.Contains("breakpoint 3 is not strictly inside the domain",
            Refusal(() => PiecewiseLinear.FromPieces(0, 2, Rs(3), Rs(1, 2), Rs(0, -3))));
        Assert.Contains("breakpoint -1 is not strictly inside the domain",
            Refusal(() => PiecewiseLinear.FromPieces(0, 2, Rs(-1), Rs(1, 2), Rs(0, 1))));
        // x and x + 1 do not meet at 0.
        var jump = Refusal(() => PiecewiseLinear.FromPieces(null, null, Rs(0), Rs(1, 1), Rs(0, 1)));
        Assert.Contains("do not meet at breakpoint 0", jump);
        Assert.Contains("must be continuous", jump);
    }

    [Fact]
    public void Empty_or_one_point_domains_are_refused()
    {
        Assert.Contains("the domain [1, 0] is empty or a point", Refusal(() => PiecewiseLinear.Affine(1, 0, 1, 0)));
        Assert.Contains("the domain [1, 1] is empty or a point", Refusal(() => PiecewiseLinear.Identity(1, 1)));
        Assert.Contains("the domain [1, 1] is empty or a point", Refusal(() => Hat.Restrict(1, 1)));
        Assert.Contains("the domain [3/2, 1/2] is empty or a point", Refusal(() => Hat.Restrict(R(3, 2), R(1, 2))));
        Assert.Contains("is empty or a point", Refusal(() => PiecewiseLinear.FromPieces(2, 0, [], Rs(1), Rs(0))));
    }

    [Fact]
    public void Interpolants_need_matching_strictly_increasing_knots()
    {
        Assert.Contains("3 knots but 2 values", Refusal(() => PiecewiseLinear.Interpolant(Rs(0, 1, 2), Rs(0, 1))));
        Assert.Contains("at least two knots", Refusal(() => PiecewiseLinear.Interpolant(Rs(0), Rs(0))));
        Assert.Contains("at least two knots", Refusal(() => PiecewiseLinear.Interpolant(Rs(), Rs())));
        Assert.Contains("knots must be strictly increasing", Refusal(() => PiecewiseLinear.Interpolant(Rs(0, 1, 1), Rs(0, 1, 2))));
        Assert.Contains("knots must be strictly increasing", Refusal(() => PiecewiseLinear.Interpolant(Rs(0, 2, 1), Rs(0, 0, 0))));
        // Collinear knots give one piece.
        Assert.Equal(PiecewiseLinear.Affine(2, 1, 0, 2), PiecewiseLinear.Interpolant(Rs(0, 1, 2), Rs(1, 3, 5)));
    }

    [Fact]
    public void Evaluation_outside_the_domain_is_refused()
    {
        Assert.Contains("3 is outside the domain [0, 2]", Refusal(() => Hat.Evaluate(3)));
        Assert.Contains("-1/2 is outside the domain [0, 2]", Refusal(() => Hat.Evaluate(R(-1, 2))));
        Assert.Contains("-1 is outside the domain [0, inf]", Refusal(() => PiecewiseLinear.Identity(0, null).Evaluate(-1)));
        Assert.Equal(R(-7), PiecewiseLinear.Identity(null, 0).Evaluate(-7));
    }

    [Fact]
    public void Domains_print_infinite_ends_and_are_bounded_only_with_both_ends()
    {
        Assert.Equal("[-inf, inf]", PiecewiseLinear.Identity().DomainText);
        Assert.Equal("[0, inf]", PiecewiseLinear.Identity(0, null).DomainText);
        Assert.Equal("[-inf, 1/2]", PiecewiseLinear.Identity(null, R(1, 2)).DomainText);
        Assert.Equal("[-3, 2]", PiecewiseLinear.Identity(-3, 2).DomainText);
        Assert.True(PiecewiseLinear.Identity(-3, 2).IsBounded);
        Assert.False(PiecewiseLinear.Identity(0, null).IsBounded);
        Assert.False(PiecewiseLinear.Identity(null, 0).IsBounded);
        Assert.False(PiecewiseLinear.Identity().IsBounded);
    }

    [Fact]
    public void Restriction_keeps_the_values_on_any_subdomain()
    {
        // Each end alone moved inward, and both.
        var right = Hat.Restrict(R(1, 2), 2);
        Assert.Equal(PiecewiseLinear.Interpolant([R(1, 2), R(1), R(2)], [R(1, 2), R(1), R(0)]), right);
        var left = Hat.Restrict(0, R(3, 2));
        Assert.Equal(PiecewiseLinear.Interpolant([R(0), R(1), R(3, 2)], [R(0), R(1), R(1, 2)]), left);
        // Restricting to a piece, or up to a breakpoint, leaves one piece.
        Assert.Equal(PiecewiseLinear.Affine(-1, 2, 1, 2), Hat.Restrict(1, 2));
        Assert.Equal(PiecewiseLinear.Identity(0, 1), Hat.Restrict(0, 1));
        Assert.Equal(Hat, Hat.Restrict(0, 2));
        // On ℝ: |x| restricted to a half-line.
        var abs = PiecewiseLinear.FromPieces(null, null, Rs(0), Rs(-1, 1), Rs(0, 0));
        Assert.Equal(PiecewiseLinear.FromPieces(-1, null, Rs(0), Rs(-1, 1), Rs(0, 0)), abs.Restrict(-1, null));
        Assert.Equal(PiecewiseLinear.Affine(-1, 0, null, 0), abs.Restrict(null, 0));
    }

    [Fact]
    public void Restriction_beyond_the_domain_is_refused()
    {
        Assert.Contains("the domain -1..1 is not within [0, 2]", Refusal(() => Hat.Restrict(-1, 1)));
        Assert.Contains("the domain 1..3 is not within [0, 2]", Refusal(() => Hat.Restrict(1, 3)));
        Assert.Contains("the domain 0..inf is not within [0, 2]", Refusal(() => Hat.Restrict(0, null)));
        Assert.Contains("the domain -inf..1 is not within [0, 2]", Refusal(() => Hat.Restrict(null, 1)));
        Assert.Contains("is not within [0, inf]", Refusal(() => PiecewiseLinear.Identity(0, null).Restrict(-1, 5)));
    }

    [Fact]
    public void Relu_splits_pieces_at_their_zeros()
    {
        // max(0, x) on ℝ, max(0, 1 − 2x) on ℝ.
        Assert.Equal(PiecewiseLinear.FromPieces(null, null, Rs(0), Rs(0, 1), Rs(0, 0)), PiecewiseLinear.Identity().Relu());
        Assert.Equal(PiecewiseLinear.FromPieces(null, null, [R(1, 2)], Rs(-2, 0), Rs(1, 0)), PiecewiseLinear.Affine(-2, 1).Relu());
        // Constants: negative ones vanish, positive ones stay, also on an unbounded domain.
        Assert.Equal(PiecewiseLinear.Affine(0, 0), PiecewiseLinear.Affine(0, -3).Relu());
        Assert.Equal(PiecewiseLinear.Affine(0, 3), PiecewiseLinear.Affine(0, 3).Relu());
        Assert.Equal(PiecewiseLinear.Affine(0, 0, 0, 1), PiecewiseLinear.Affine(0, -3, 0, 1).Relu());
        // The hat lowered by 1/2: each piece crosses zero once, so two pieces become four.
        var lowered = PiecewiseLinear.Interpolant(Rs(0, 1, 2), [R(-1, 2), R(1, 2), R(-1, 2)]).Relu();
        Assert.Equal(4, lowered.PieceCount);
        Assert.Equal(new[] { R(1, 2), R(1), R(3, 2) }, lowered.Breakpoints);
        Assert.Equal(R(0), lowered.Evaluate(R(1, 4)));
        Assert.Equal(R(1, 4), lowered.Evaluate(R(3, 4)));
        Assert.Equal(R(1, 2), lowered.Evaluate(1));
        Assert.Equal(R(0), lowered.Evaluate(R(7, 4)));
        // A function that is zero at one end and positive elsewhere is unchanged.
        Assert.Equal(Hat, Hat.Relu());
    }

    [Fact]
    public void A_layer_combines_its_inputs_and_applies_relu_to_each_output()
    {
        var abs = PiecewiseLinear.FromPieces(-2, 2, Rs(0), Rs(-1, 1), Rs(0, 0));
        var x = PiecewiseLinear.Identity(-2, 2);
        var outputs = PiecewiseLinear.Layer([abs, x], new Rational[,] { { 1, -1 }, { 0, 2 } }, Rs(-1, 0), relu: true);
        // max(0, |x| − x − 1) = max(0, −2x − 1) left of 0 and 0 right of it: −2x − 1 up to −1/2, then 0.
        Assert.Equal(PiecewiseLinear.FromPieces(-2, 2, [R(-1, 2)], Rs(-2, 0), Rs(-1, 0)), outputs[0]);
        // max(0, 0·|x| + 2x): the zero weight leaves |x|'s kink out of it.
        Assert.Equal(PiecewiseLinear.FromPieces(-2, 2, Rs(0), Rs(0, 2), Rs(0, 0)), outputs[1]);
        // Without ReLU: |x| − x − 1 and 2x.
        var linear = PiecewiseLinear.Layer([abs, x], new Rational[,] { { 1, -1 }, { 0, 2 } }, Rs(-1, 0), relu: false);
        Assert.Equal(PiecewiseLinear.FromPieces(-2, 2, Rs(0), Rs(-2, 0), Rs(-1, -1)), linear[0]);
        Assert.Equal(PiecewiseLinear.Affine(2, 0, -2, 2), linear[1]);
        // Sums with kinks in different places: |x| + max(0, x − 1) has kinks at 0 and 1.
        var sum = abs + PiecewiseLinear.Affine(1, -1, -2, 2).Relu();
        Assert.Equal(PiecewiseLinear.FromPieces(-2, 2, Rs(0, 1), Rs(-1, 1, 2), Rs(0, 0, -1)), sum);
        Assert.Equal(R(3), sum.Evaluate(2));
        Assert.Equal(PiecewiseLinear.Affine(0, 0, -2, 2), abs - abs);
    }

    [Fact]
    public void A_layer_refuses_shapes_and_domains_that_do_not_fit()
    {
        var f = PiecewiseLinear.Identity(0, 1);
        Assert.Contains("at least one input", Refusal(() => PiecewiseLinear.Layer([], new Rational[1, 0], Rs(0), relu: false)));
        Assert.Contains("the weights have 2 columns but the layer has 1 inputs",
            Refusal(() => PiecewiseLinear.Layer([f], new Rational[1, 2], Rs(0), relu: false)));
        Assert.Contains("the weights have 2 rows but the bias has 1 entries",
            Refusal(() => PiecewiseLinear.Layer([f], new Rational[2, 1], Rs(0), relu: false)));
        // Different right ends only, different left ends only.
        Assert.Contains("the inputs have different domains ([0, 1] and [0, 2])", Refusal(() => f + PiecewiseLinear.Identity(0, 2)));
        Assert.Contains("the inputs have different domains ([0, 1] and [-1, 1])", Refusal(() => f + PiecewiseLinear.Identity(-1, 1)));
        Assert.Contains("different domains", Refusal(() => f - PiecewiseLinear.Identity(0, null)));
    }

    [Fact]
    public void Composition_pulls_the_outer_breakpoints_back()
    {
        // The hat on an inner image strictly inside its domain: the hat itself on [1/2, 3/2].
        var inside = Hat.Compose(PiecewiseLinear.Identity(R(1, 2), R(3, 2)));
        Assert.Equal(PiecewiseLinear.Interpolant([R(1, 2), R(1), R(3, 2)], [R(1, 2), R(1), R(1, 2)]), inside);
        // A decreasing inner function 2 − 2x on [0, 1] onto [0, 2]: the hat's kink at 1 comes back at x = 1/2.
        var reversed = Hat.Compose(PiecewiseLinear.Affine(-2, 2, 0, 1));
        Assert.Equal(PiecewiseLinear.FromPieces(0, 1, [R(1, 2)], Rs(2, -2), Rs(0, 2)), reversed);
        Assert.Equal(R(1, 2), reversed.Evaluate(R(1, 4)));
        // The tent map T (0, 1, 0 at 0, 1/2, 1) composed with itself: four pieces, the sawtooth with two teeth.
        var tent = PiecewiseLinear.Interpolant([R(0), R(1, 2), R(1)], Rs(0, 1, 0));
        Assert.Equal(PiecewiseLinear.Interpolant([R(0), R(1, 4), R(1, 2), R(3, 4), R(1)], Rs(0, 1, 0, 1, 0)), tent.Compose(tent));
        // The hat is the identity on [0, 1] and maps [1, 2] into it, so hat ∘ hat = hat.
        Assert.Equal(Hat, Hat.Compose(Hat));
        // A constant inner function inside the outer domain.
        Assert.Equal(PiecewiseLinear.Affine(0, R(1, 2), 0, 1), Hat.Compose(PiecewiseLinear.Affine(0, R(3, 2), 0, 1)));
    }

    [Fact]
    public void Composition_refuses_an_inner_function_that_leaves_the_outer_domain()
    {
        Assert.Contains("the inner function takes the value 5, outside the outer domain [0, 2]",
            Refusal(() => Hat.Compose(PiecewiseLinear.Affine(0, 5, 0, 1))));
        Assert.Contains("the inner function leaves the outer domain [0, 2] on its piece 0",
            Refusal(() => Hat.Compose(PiecewiseLinear.Identity(-1, 1))));
        // 1 + x on [0, 1], then 2 + x/2 on [1, 2]: the second piece reaches 5/2 > 2.
        Assert.Contains("the inner function leaves the outer domain [0, 2] on its piece 1",
            Refusal(() => Hat.Compose(PiecewiseLinear.Interpolant(Rs(0, 1, 2), [R(1), R(2), R(5, 2)]))));
        Assert.Contains("leaves the outer domain [0, 2]", Refusal(() => Hat.Compose(PiecewiseLinear.Identity(1, null))));
    }

    [Fact]
    public void The_maximum_of_the_absolute_value_and_the_first_point_attaining_it()
    {
        // At a breakpoint: the hat's peak.
        Assert.Equal(R(1), Hat.MaxAbs());
        Assert.Equal(R(1), Hat.ArgMaxAbs());
        // 0, 1, −3, 0 at 0, 1, 2, 3: the largest |f| is at the second breakpoint.
        var dip = PiecewiseLinear.Interpolant(Rs(0, 1, 2, 3), Rs(0, 1, -3, 0));
        Assert.Equal(R(3), dip.MaxAbs());
        Assert.Equal(R(2), dip.ArgMaxAbs());
        // Only at the right end, past a breakpoint.
        var end = PiecewiseLinear.Interpolant(Rs(0, 1, 2), Rs(0, 1, -2));
        Assert.Equal(R(2), end.MaxAbs());
        Assert.Equal(R(2), end.ArgMaxAbs());
        // Ties: the first from the left, the start itself, or the first of two breakpoints.
        Assert.Equal(R(0), PiecewiseLinear.Interpolant(Rs(0, 1, 2, 3), Rs(2, 0, -2, 2)).ArgMaxAbs());
        Assert.Equal(R(1), PiecewiseLinear.Interpolant(Rs(0, 1, 2, 3, 4), Rs(0, 2, 0, -2, 0)).ArgMaxAbs());
        Assert.Contains("needs a bounded domain", Refusal(() => PiecewiseLinear.Identity(0, null).MaxAbs()));
        Assert.Contains("needs a bounded domain", Refusal(() => PiecewiseLinear.Identity(null, 0).MaxAbs()));
    }

    [Fact]
    public void Functions_are_equal_exactly_when_their_domains_and_pieces_are()
    {
        var f = PiecewiseLinear.Identity(0, 1);
        var same = PiecewiseLinear.FromPieces(0, 1, [], Rs(1), Rs(0));
        Assert.True(f.Equals(same));
        Assert.True(f.Equals((object)PiecewiseLinear.Interpolant(Rs(0, 1), Rs(0, 1))));
        Assert.Equal(f.GetHashCode(), same.GetHashCode());
        // |x| built two ways: from its pieces and as max(0, x) + max(0, −x).
        var abs = PiecewiseLinear.FromPieces(-1, 1, Rs(0), Rs(-1, 1), Rs(0, 0));
        var sum = PiecewiseLinear.Identity(-1, 1).Relu() + PiecewiseLinear.Affine(-1, 0, -1, 1).Relu();
        Assert.True(abs.Equals(sum));
        Assert.Equal(abs.GetHashCode(), sum.GetHashCode());

        Assert.False(f.Equals(PiecewiseLinear.Identity(-1, 1))); // only the start differs
        Assert.False(f.Equals(PiecewiseLinear.Identity(0, 2))); // only the end differs
        Assert.False(f.Equals(PiecewiseLinear.Identity(0, null)));
        Assert.False(f.Equals(PiecewiseLinear.Identity(null, 1)));
        Assert.False(f.Equals(PiecewiseLinear.Affine(2, 0, 0, 1))); // only the slope differs
        Assert.False(f.Equals(PiecewiseLinear.Affine(1, 1, 0, 1))); // only the intercept differs
        Assert.False(abs.Equals(PiecewiseLinear.FromPieces(-1, 1, Rs(0), Rs(-1, 2), Rs(0, 0)))); // only the second slope
        Assert.False(f.Equals(null));
        Assert.False(f.Equals((object)"x"));
    }

    [Fact]
    public void Text_lists_up_to_eight_pieces()
    {
        Assert.Equal("1 pieces on [0, 1]: 1x + 0", PiecewiseLinear.Identity(0, 1).ToString());
        Assert.Equal("2 pieces on [-inf, inf]: 0x + 0 until 0; 1x + 0", PiecewiseLinear.Identity().Relu().ToString());
        Assert.Equal("2 pieces on [-inf, inf]: -2x + 1 until 1/2; 0x + 0", PiecewiseLinear.Affine(-2, 1).Relu().ToString());
        // The zigzag 0, 1, 0, 1, … through the integers: eight pieces are listed, nine are not.
        var eight = PiecewiseLinear.Interpolant(Rs(0, 1, 2, 3, 4, 5, 6, 7, 8), Rs(0, 1, 0, 1, 0, 1, 0, 1, 0));
        Assert.Equal("8 pieces on [0, 8]: 1x + 0 until 1; -1x + 2 until 2; 1x + -2 until 3; -1x + 4 until 4; "
                     + "1x + -4 until 5; -1x + 6 until 6; 1x + -6 until 7; -1x + 8", eight.ToString());
        var nine = PiecewiseLinear.Interpolant(Rs(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), Rs(0, 1, 0, 1, 0, 1, 0, 1, 0, 1));
        Assert.Equal("9 pieces on [0, 9]", nine.ToString());
    }
}
