using System.Numerics;
using Verification.Numerics;
using Verification.Topics.Depth;
using Xunit;

namespace Verification.Properties.Depth;

/// <summary>
/// ReLU networks ℝ → ℝ and the depth constructions against hand values: evaluation point by point against the exact
/// piecewise-linear function, the shape refusals, the sawtooth's values, the folding network's layers and refusals, and
/// the piece-count bounds as integers.
/// </summary>
public class ConstructionTests
{
    private static Rational Q(long p, long q = 1) => Rational.Of(p, q);

    /// <summary>f(x) = ReLU(x) − ReLU(x − 1) + 2·ReLU(−x) − 1: two units reading x, one reading −x, an output bias.</summary>
    private static ReluNetwork Small() => ReluNetwork.FromLayers(
        (ReluNetwork.Column(1, 1, -1), [0, -1, 0]),
        (ReluNetwork.Row(1, -1, 2), [-1]));

    [Fact]
    public void A_network_is_evaluated_layer_by_layer_and_agrees_with_its_piecewise_linear_function()
    {
        var net = Small();
        Assert.Equal((1, 3, 3, 3, 2), (net.Depth, net.MaxWidth, net.Units, net.Widths.Single(), net.LayerCount));
        // x = −2: (0, 0, 2) → −1 + 4 = 3; x = 1/2: (1/2, 0, 0) → −1/2; x = 3: (3, 2, 0) → 0.
        Assert.Equal(Q(3), net.Evaluate(Q(-2)));
        Assert.Equal(Q(-1, 2), net.Evaluate(Q(1, 2)));
        Assert.Equal(Q(0), net.Evaluate(Q(3)));
        var f = net.ToPiecewiseLinear();
        Assert.Equal(3, f.PieceCount); // slopes −2, 1, 0 with kinks at 0 and 1
        Assert.Equal(new[] { Q(0), Q(1) }, f.Breakpoints);
        Assert.Equal(new[] { Q(-2), Q(1), Q(0) }, f.Slopes);
        foreach (var x in new[] { Q(-7, 3), Q(0), Q(1, 3), Q(1), Q(5) }) Assert.Equal(net.Evaluate(x), f.Evaluate(x));
        var restricted = net.ToPiecewiseLinear(Q(1, 2), Q(4));
        Assert.Equal((Q(1, 2), Q(4), 2), (restricted.Start!.Value, restricted.End!.Value, restricted.PieceCount));
        Assert.Equal("ReLU network, depth 1, widths [3]", net.ToString());
        // Two hidden layers of widths 3 and 1: the widest is 3, the units 4.
        var deeper = ReluNetwork.FromLayers((ReluNetwork.Column(1, 1, -1), [0, -1, 0]), (new Rational[,] { { 1, 1, 1 } }, [0]), (ReluNetwork.Row(2), [0]));
        Assert.Equal((2, 3, 4), (deeper.Depth, deeper.MaxWidth, deeper.Units));
        Assert.Equal("ReLU network, depth 2, widths [3, 1]", deeper.ToString());
    }

    [Fact]
    public void The_output_layer_is_affine_and_hidden_layers_clip()
    {
        // The output may be negative (no ReLU on the last layer); a hidden unit with a negative pre-activation gives 0.
        var affine = ReluNetwork.FromLayers((ReluNetwork.Column(-3), [1]));
        Assert.Equal((0, 0, 0), (affine.Depth, affine.MaxWidth, affine.Units));
        Assert.Equal(Q(-5), affine.Evaluate(Q(2)));
        Assert.Equal(1, affine.ToPiecewiseLinear().PieceCount);
        var clipped = ReluNetwork.FromLayers((ReluNetwork.Column(-3), [1]), (ReluNetwork.Row(1), [0]));
        Assert.Equal(Q(0), clipped.Evaluate(Q(2)));
        Assert.Equal(Q(7), clipped.Evaluate(Q(-2)));
        Assert.Equal(Q(0), clipped.Evaluate(Q(1, 3))); // pre-activation exactly 0
    }

    [Fact]
    public void Weights_are_copied_in_and_out()
    {
        var w = ReluNetwork.Column(2, 3);
        var b = new Rational[] { 1, -1 };
        var net = ReluNetwork.FromLayers((w, b), (ReluNetwork.Row(1, 1), [0]));
        w[0, 0] = 100;
        b[0] = 100;
        net.Weights(0)[1, 0] = 100;
        Assert.Equal(Q(2), net.Weights(0)[0, 0]);
        Assert.Equal(Q(3), net.Weights(0)[1, 0]);
        Assert.Equal(Q(1), net.Bias(0)[0]);
        Assert.Equal(Q(3 + 2), net.Evaluate(Q(1))); // ReLU(2 + 1) + ReLU(3 − 1)
        Assert.Equal(new[,] { { Q(1), Q(1) } }, net.Weights(1));
    }

    [Fact]
    public void Shapes_that_do_not_compose_are_refused_with_the_layer_named()
    {
        string Refusal(IReadOnlyList<Rational[,]> w, IReadOnlyList<IReadOnlyList<Rational>> b) =>
            Assert.Throws<ArgumentException>(() => new ReluNetwork(w, b)).Message;
        Assert.Equal("a network needs at least one layer (the output layer)", Refusal([], []));
        Assert.Equal("1 weight matrices but 2 bias vectors", Refusal([ReluNetwork.Row(1)], [[0], [0]]));
        Assert.Equal("layer 1's weights are empty", Refusal([new Rational[0, 1]], [Array.Empty<Rational>()]));
        Assert.Equal("layer 2's weights are empty", Refusal([ReluNetwork.Column(1), new Rational[1, 0]], [[0], [0]]));
        Assert.StartsWith("layer 1's weights have 2 columns, but the input is a scalar", Refusal([new Rational[1, 2]], [[0]]));
        Assert.Equal("the layer shapes do not compose: layer 2's weights are 1×3 but layer 1 has 2 units",
            Refusal([ReluNetwork.Column(1, 1), ReluNetwork.Row(1, 1, 1)], [[0, 0], [0]]));
        Assert.Equal("layer 1 has 2 units but its bias has 1 entries", Refusal([ReluNetwork.Column(1, 1), ReluNetwork.Row(1, 1)], [[0], [0]]));
        Assert.Equal("layer 2 has 1 units but its bias has 2 entries", Refusal([ReluNetwork.Column(1, 1), ReluNetwork.Row(1, 1)], [[0, 0], [0, 0]]));
        Assert.StartsWith("the output layer has 2 units, but the output must be a scalar", Refusal([ReluNetwork.Column(1, 1)], [[0, 0]]));
    }

    [Fact]
    public void The_mirror_map_and_its_compositions_take_their_hand_values()
    {
        // m(x) = 2x on [0, 1/2] and 2 − 2x on [1/2, 1].
        var m = Sawtooth.MirrorOnUnitInterval();
        Assert.Equal((Q(0), Q(1), 2), (m.Start!.Value, m.End!.Value, m.PieceCount));
        Assert.Equal(new[] { Q(0), Q(1, 2), Q(1), Q(1, 2), Q(0) }, new[] { Q(0), Q(1, 4), Q(1, 2), Q(3, 4), Q(1) }.Select(m.Evaluate));
        Assert.Equal(new[] { Q(2), Q(-2) }, m.Slopes);
        // m_3 has 8 pieces of slope ±8; m_3(1/8) = 1, m_3(3/16) = 1/2, m_3(1/4) = 0.
        foreach (var split in new[] { 1, 2, 3 })
        {
            var m3 = Sawtooth.ByComposition(3, split);
            Assert.Equal(8, m3.PieceCount);
            Assert.All(m3.Slopes, s => Assert.Equal(Q(8), Rational.Abs(s)));
            Assert.Equal(new[] { Q(1), Q(1, 2), Q(0) }, new[] { Q(1, 8), Q(3, 16), Q(1, 4) }.Select(m3.Evaluate));
        }
        var network = Sawtooth.Network(3);
        Assert.Equal((3, 2), (network.Depth, network.MaxWidth));
        foreach (var x in new[] { Q(0), Q(1, 8), Q(3, 16), Q(1, 4), Q(5, 7), Q(1) }) Assert.Equal(Sawtooth.ByComposition(3).Evaluate(x), network.Evaluate(x));
        Assert.Equal(8, network.ToPiecewiseLinear(Q(0), Q(1)).PieceCount);
        Assert.Equal(1, Sawtooth.Network(1).Depth);
        Assert.Equal(Q(1), Sawtooth.Mirror.Evaluate(Q(1, 2)));
    }

    [Fact]
    public void Sawtooth_arguments_outside_their_range_are_refused()
    {
        Assert.Equal("k must be at least 1, got 0", Assert.Throws<ArgumentException>(() => Sawtooth.Network(0)).Message);
        Assert.StartsWith("k = 23 is above 22", Assert.Throws<LimitExceededException>(() => Sawtooth.CheckK(23)).Message);
        Sawtooth.CheckK(Sawtooth.MaxK);
        Sawtooth.CheckK(1);
        Assert.Equal("the split j must satisfy 1 ≤ j ≤ k = 3, got 0", Assert.Throws<ArgumentException>(() => Sawtooth.ByComposition(3, 0)).Message);
        Assert.Equal("the split j must satisfy 1 ≤ j ≤ k = 3, got 4", Assert.Throws<ArgumentException>(() => Sawtooth.ByComposition(3, 4)).Message);
        Assert.Throws<ArgumentException>(() => Sawtooth.ByComposition(0));
        Assert.Throws<LimitExceededException>(() => Sawtooth.ByComposition(23));
    }

    [Fact]
    public void The_folding_layers_have_the_readout_and_thresholds_of_the_construction()
    {
        Assert.Equal(new[] { Q(4), Q(-8), Q(8), Q(-8) }, Folding.Readout(4));
        Assert.Equal(new[] { Q(1) }, Folding.Readout(1));
        var (t, v) = Folding.DefaultLastLayer(3);
        Assert.Equal(new[] { Q(1, 4), Q(1, 2), Q(3, 4) }, t);
        Assert.Equal(new[] { Q(1), Q(1), Q(1) }, v);
        // Width 2, depth 2: one folding layer y ↦ (ReLU(y), ReLU(y − 1/2)) read out by (2, −4), i.e. the mirror map, then
        // ReLU(t₁ − m), ReLU(m − t₂) read out by (1, 1).
        var net = Folding.Network(2, 2);
        Assert.Equal((2, 2, 4), (net.Depth, net.MaxWidth, net.Units));
        Assert.Equal(new[,] { { Q(1) }, { Q(1) } }, net.Weights(0));
        Assert.Equal(new[] { Q(0), Q(-1, 2) }, net.Bias(0));
        Assert.Equal(new[,] { { Q(-2), Q(4) }, { Q(2), Q(-4) } }, net.Weights(1));
        Assert.Equal(new[] { Q(1, 3), Q(-2, 3) }, net.Bias(1));
        // x = 1/8: m = 1/4, ReLU(1/3 − 1/4) + ReLU(1/4 − 2/3) = 1/12; x = 1/2: m = 1 → 0 + 1/3.
        Assert.Equal(Q(1, 12), net.Evaluate(Q(1, 8)));
        Assert.Equal(Q(1, 3), net.Evaluate(Q(1, 2)));
        Assert.Equal(PieceBounds.Montufar(2, 2), (BigInteger)net.ToPiecewiseLinear(0, 1).PieceCount);
        // Depth 1 is the last layer on x itself: n + 1 pieces on [0, 1].
        Assert.Equal(4, Folding.Network(3, 1).ToPiecewiseLinear(0, 1).PieceCount);
    }

    [Fact]
    public void Folding_parameters_that_would_merge_pieces_are_refused()
    {
        string Refusal(int n, int depth, Rational[] t, Rational[] v) => Assert.Throws<ArgumentException>(() => Folding.Network(n, depth, t, v)).Message;
        var (t, v) = Folding.DefaultLastLayer(3);
        Assert.Equal("the width n must be at least 1, got 0", Assert.Throws<ArgumentException>(() => Folding.Network(0, 2)).Message);
        Assert.Equal("the depth L must be at least 1, got 0", Assert.Throws<ArgumentException>(() => Folding.Network(2, 0)).Message);
        Assert.Equal("the last layer needs 3 thresholds and 3 readout weights", Refusal(3, 2, t[..2], v));
        Assert.Equal("the last layer needs 3 thresholds and 3 readout weights", Refusal(3, 2, t, v[..2]));
        Assert.Equal("threshold t_1 = 0 is not in (0, 1)", Refusal(3, 2, [0, Q(1, 2), Q(3, 4)], v));
        Assert.Equal("threshold t_3 = 1 is not in (0, 1)", Refusal(3, 2, [Q(1, 4), Q(1, 2), 1], v));
        Assert.Equal("the thresholds must be strictly increasing", Refusal(3, 2, [Q(1, 4), Q(1, 4), Q(3, 4)], v));
        Assert.Equal("the thresholds must be strictly increasing", Refusal(3, 2, [Q(1, 2), Q(1, 4), Q(3, 4)], v));
        Assert.Equal("readout weight v_2 is 0", Refusal(3, 2, t, [1, 0, 1]));
        Assert.Equal("the last piece's slope v_2 + … + v_n is 0, so pieces would merge across folds", Refusal(3, 2, t, [1, 2, -2]));
        // v_1 does not enter the last slope, and one unit has no such sum.
        Assert.Equal(PieceBounds.Montufar(3, 2), (BigInteger)Folding.Network(3, 2, t, [-2, 1, 1]).ToPiecewiseLinear(0, 1).PieceCount);
        Assert.Equal(2, Folding.Network(1, 1, [Q(1, 2)], [-1]).ToPiecewiseLinear(0, 1).PieceCount);
    }

    [Fact]
    public void The_generic_shallow_network_alternates_its_readout()
    {
        // f(x) = ReLU(x) − 2ReLU(x − 1) + 3ReLU(x − 2): f(3) = 3 − 4 + 3 = 2, slopes 0, 1, −1, 2.
        var net = Shallow.Generic(3);
        Assert.Equal(Q(2), net.Evaluate(Q(3)));
        Assert.Equal(new[] { Q(0), Q(1), Q(-1), Q(2) }, net.ToPiecewiseLinear().Slopes);
        Assert.Equal("n must be at least 1, got 0", Assert.Throws<ArgumentException>(() => Shallow.Generic(0)).Message);
        Assert.Equal(2, Shallow.Generic(1).ToPiecewiseLinear().PieceCount); // ReLU(x) alone
    }

    [Fact]
    public void The_piece_bounds_are_the_integers_of_the_theorems()
    {
        Assert.Equal(new BigInteger(6), PieceBounds.Shallow(5));
        Assert.Equal(new BigInteger(64), PieceBounds.Deep(2, 3));
        Assert.Equal(new BigInteger(6), PieceBounds.Deep(3, 1));
        Assert.Equal(BigInteger.One, PieceBounds.Deep(4, 0));
        Assert.Equal(BigInteger.Pow(2, 100), PieceBounds.Deep(1, 100));
        Assert.Equal(new BigInteger(3 * 4 * 2), PieceBounds.Partition([2, 3, 1]));
        Assert.Equal(BigInteger.One, PieceBounds.Partition([]));
        Assert.Equal(new BigInteger(9 * 4), PieceBounds.Montufar(3, 3));
        Assert.Equal(new BigInteger(2), PieceBounds.Montufar(1, 5));
    }
}
