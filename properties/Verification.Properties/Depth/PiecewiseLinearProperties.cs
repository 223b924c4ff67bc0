using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Verification.Numerics;
using Verification.Topics.Depth;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Depth;

/// <summary>
/// The exact piecewise-linear arithmetic against the straightforward reference (the network evaluated point by point in exact
/// arithmetic): values everywhere, every breakpoint a real kink, affine between breakpoints, canonical (no collinear neighbours).
/// </summary>
public class PiecewiseLinearProperties(ITestOutputHelper output)
{
    private static Gen<ReluNetwork> Networks { get; } = Gen.Sized(size =>
        from depth in Gen.Choose(1, Math.Max(1, Math.Min(5, size / 10 + 1)))
        from widths in Gen.ArrayOf(Gen.Choose(1, 6), depth)
        from network in NetworkCases.Random(widths)
        select network);

    private static Arbitrary<(ReluNetwork Network, Rational Probe)> WithProbe { get; } = Arb.From(
        from network in Networks
        from p in Gen.Choose(-40, 40)
        from q in Gen.Choose(1, 9)
        select (network, Rational.Of(p, q)));

    /// <summary>The reference's slope at x from the right (or left): (N(x ± ε) − N(x))/±ε with ε below the gap to the next breakpoint.</summary>
    private static Rational Slope(ReluNetwork n, Rational x, Rational epsilon) => (n.Evaluate(x + epsilon) - n.Evaluate(x)) / epsilon;

    [SeededProperty]
    public Property The_pieces_of_a_network_are_its_exact_kinks() => Prop.ForAll(WithProbe, t =>
    {
        var (network, probe) = t;
        var f = network.ToPiecewiseLinear();
        var ok = f.Evaluate(probe) == network.Evaluate(probe);
        for (var i = 0; i < f.PieceCount - 1 && ok; i++)
        {
            var b = f.Breakpoint(i);
            var gapLeft = i > 0 ? b - f.Breakpoint(i - 1) : Rational.One;
            var gapRight = i < f.PieceCount - 2 ? f.Breakpoint(i + 1) - b : Rational.One;
            var epsilon = Rational.Min(gapLeft, gapRight) * Rational.Of(1, 3);
            var (left, right) = (Slope(network, b, -epsilon), Slope(network, b, epsilon));
            ok &= left == f.Slope(i) && right == f.Slope(i + 1) && left != right;
            ok &= f.ValueAtBreakpoint(i) == network.Evaluate(b);
            // Affine between breakpoints: the reference at a third of the way agrees with the piece.
            if (i < f.PieceCount - 2) ok &= network.Evaluate(b + (f.Breakpoint(i + 1) - b) / 3) == f.Evaluate(b + (f.Breakpoint(i + 1) - b) / 3);
        }
        return ok.Label($"{network}: {f}");
    });

    [SeededProperty]
    public Property Composition_relu_and_sums_agree_pointwise() => Prop.ForAll(Arb.From(
        from a in Networks from b in Networks from p in Gen.Choose(-30, 30) select (A: a, B: b, P: p)), t =>
    {
        var (a, b, p) = t;
        var (f, g) = (a.ToPiecewiseLinear(), b.ToPiecewiseLinear());
        var x = Rational.Of(p, 7);
        var composed = f.Compose(g);
        var sum = PiecewiseLinear.Combine(Rational.Of(2, 3), f, -Rational.Half, g, Rational.One);
        var relu = sum.Relu();
        var expectedSum = Rational.Of(2, 3) * a.Evaluate(x) - Rational.Half * b.Evaluate(x) + 1;
        var ok = composed.Evaluate(x) == a.Evaluate(b.Evaluate(x))
                 && sum.Evaluate(x) == expectedSum
                 && relu.Evaluate(x) == Rational.Max(Rational.Zero, expectedSum)
                 && Canonical(composed) && Canonical(sum) && Canonical(relu);
        return ok.Label($"x = {x}: f ∘ g = {composed}, sum = {sum}");
    });

    private static bool Canonical(PiecewiseLinear f) =>
        Enumerable.Range(0, f.PieceCount - 1).All(i => f.Slope(i) != f.Slope(i + 1) && f.Slope(i) * f.Breakpoint(i) + f.Intercept(i) == f.Slope(i + 1) * f.Breakpoint(i) + f.Intercept(i + 1));

    [Fact]
    public void Functions_are_validated_and_restricted()
    {
        Assert.Throws<ArgumentException>(() => PiecewiseLinear.FromPieces(null, null, [Rational.Zero], [Rational.One, Rational.One], [Rational.Zero, Rational.One]));
        var merged = PiecewiseLinear.FromPieces(null, null, [Rational.Zero], [Rational.One, Rational.One], [Rational.Zero, Rational.Zero]);
        Assert.Equal(1, merged.PieceCount);
        var abs = PiecewiseLinear.FromPieces(null, null, [Rational.Zero], [Rational.MinusOne, Rational.One], [Rational.Zero, Rational.Zero]);
        Assert.Equal(1, abs.Restrict(Rational.Zero, Rational.One).PieceCount);
        Assert.Equal(Rational.Of(2), abs.Restrict(-2, 1).MaxAbs());
        Assert.Equal(Rational.Of(-2), abs.Restrict(-2, 1).ArgMaxAbs());
        Assert.Throws<ArgumentException>(() => abs.Restrict(0, 1).Compose(abs.Restrict(-2, 2)));
        Assert.Throws<ArgumentException>(() => new ReluNetwork([ReluNetwork.Column(1, 1), new Rational[1, 3]], [[0, 0], [0]]));
    }

    [Fact]
    public void The_sawtooth_is_exact_at_k_20()
    {
        var watch = Stopwatch.StartNew();
        var outcome = DepthClaims.CheckSawtooth(new SawtoothCase(20, 10));
        output.WriteLine($"m_20 (split 10, and the 20-layer network): {outcome.Explanation}; {watch.Elapsed.TotalSeconds:F1} s; "
                         + string.Join(", ", outcome.Details.Where(d => d.Name is "pieces" or "seconds" or "networkSeconds").Select(d => $"{d.Name} = {d.Value}")));
        Assert.True(outcome.Holds, outcome.Explanation);
        Assert.Equal("1048576", outcome.Details.Single(d => d.Name == "pieces").Value.ToString());
    }

    [Fact]
    public void Every_composition_order_gives_the_same_sawtooth()
    {
        var reference = Sawtooth.ByComposition(9);
        for (var j = 1; j <= 9; j++) Assert.Equal(reference, Sawtooth.ByComposition(9, j));
        Assert.Equal(reference, Sawtooth.Network(9).ToPiecewiseLinear(0, 1));
        // On ℝ the sawtooth has two more pieces: 0 left of 0 and right of 1.
        Assert.Equal((1 << 9) + 2, Sawtooth.Network(9).ToPiecewiseLinear().PieceCount);
    }

    [Fact]
    public void A_propagation_beyond_its_piece_limit_stops_with_a_clear_message()
    {
        var e = Assert.Throws<LimitExceededException>(() => Sawtooth.Network(12).ToPiecewiseLinear(0, 1, maxPieces: 1000));
        Assert.Contains("more than 1000 affine pieces", e.Message);
    }
}
