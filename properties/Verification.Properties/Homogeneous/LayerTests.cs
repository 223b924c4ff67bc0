using Fractions;
using Verification.Numerics;
using Verification.Topics.Homogeneous;
using Xunit;

namespace Verification.Properties.Homogeneous;

/// <summary>
/// The layers and networks of the homogeneity claims against hand-computed values: each layer's map, its output size, the
/// regularizers Π‖W^k‖ (exact and floating), the rounding scale, and the refusals of shapes that do not compose.
/// </summary>
public class LayerTests
{
    private static Fraction F(long p, long q = 1) => new(p, q);

    private static ExactMatrix M(params long[][] rows) =>
        ExactMatrix.FromRows(rows.Select(r => (IReadOnlyList<Fraction>)r.Select(e => F(e)).ToArray()).ToArray());

    private static Fraction[] V(params long[] entries) => entries.Select(e => F(e)).ToArray();

    [Fact]
    public void A_linear_layer_is_the_matrix_product_exactly_and_in_floating_point()
    {
        var layer = new Linear(M([1, 2, 3], [-4, 0, 5]));
        Assert.Equal(V(1 + 4 - 9, -4 - 15), layer.Apply(V(1, 2, -3)));
        Assert.Equal(new[] { -4.0, -19.0 }, layer.Apply(new[] { 1.0, 2.0, -3.0 }));
        Assert.Equal(2, layer.OutputSize(3));
        var e = Assert.Throws<ArgumentException>(() => layer.OutputSize(2));
        Assert.Equal("a linear layer with 3 columns expects an input of size 3 but receives 2", e.Message);
        Assert.Equal("linear 2×3", layer.Describe());
        Assert.Equal(V(-3, -6, -9, 12, 0, -15), Flatten(layer.Scaled(F(-3)).W));
    }

    private static Fraction[] Flatten(ExactMatrix w) =>
        Enumerable.Range(0, w.RowCount).SelectMany(i => Enumerable.Range(0, w.ColumnCount).Select(j => w[i, j])).ToArray();

    [Fact]
    public void Relu_and_leaky_relu_act_entrywise_with_the_kink_at_zero()
    {
        Assert.Equal(V(0, 0, 3), new Relu().Apply(V(-2, 0, 3)));
        Assert.Equal(new[] { 0.0, 0.0, 3.0 }, new Relu().Apply(new[] { -2.0, 0.0, 3.0 }));
        Assert.Equal(7, new Relu().OutputSize(7));
        var leaky = new LeakyRelu(F(1, 10));
        Assert.Equal(new[] { F(-1, 5), F(0), F(3) }, leaky.Apply(V(-2, 0, 3)));
        Assert.Equal(new[] { -0.2, 0.0, 3.0 }, leaky.Apply(new[] { -2.0, 0.0, 3.0 }));
        Assert.Equal(7, leaky.OutputSize(7));
        Assert.Equal("leaky-relu 1/10", leaky.Describe());
        // A negative slope is allowed and still positively homogeneous.
        Assert.Equal(V(4, 3), new LeakyRelu(F(-2)).Apply(V(-2, 3)));
        Assert.True(new Relu().IsPiecewiseLinear && leaky.IsPiecewiseLinear && new MaxPool(1, 1).IsPiecewiseLinear);
    }

    [Fact]
    public void Max_pooling_takes_the_maximum_of_each_window()
    {
        var pool = new MaxPool(2, 2);
        Assert.Equal(2, pool.OutputSize(5)); // windows [0, 2) and [2, 4); the last entry is left out
        Assert.Equal(2, pool.OutputSize(4));
        Assert.Equal(V(5, 3), pool.Apply(V(1, 5, 3, -2, 9)));
        Assert.Equal(new[] { 5.0, 3.0 }, pool.Apply(new[] { 1.0, 5.0, 3.0, -2.0, 9.0 }));
        var sliding = new MaxPool(3, 1);
        Assert.Equal(V(5, 5, 9), sliding.Apply(V(1, 5, 3, -2, 9)));
        Assert.Equal(new[] { -1.0 }, new MaxPool(3, 1).Apply(new[] { -1.0, -2.0, -3.0 }));
        Assert.Equal("max-pool 3/1", sliding.Describe());
        Assert.Equal(1, new MaxPool(3, 5).OutputSize(3));
        Assert.Equal(V(1, 5, 3), new MaxPool(1, 1).Apply(V(1, 5, 3))); // a window of one is the identity
        // The names `eval` reads.
        Assert.Equal(new[] { "linear", "relu", "leaky-relu", "max-pool", "sigmoid" },
            new Layer[] { new Linear(M([1])), new Relu(), new LeakyRelu(F(1, 2)), pool, new Sigmoid() }.Select(l => l.Name));
        Assert.Contains("window of 4 does not fit an input of size 3", Assert.Throws<ArgumentException>(() => new MaxPool(4, 1).OutputSize(3)).Message);
        Assert.Contains("window ≥ 1 and stride ≥ 1, got window 0, stride 1", Assert.Throws<ArgumentException>(() => new MaxPool(0, 1).OutputSize(3)).Message);
        Assert.Contains("got window 2, stride 0", Assert.Throws<ArgumentException>(() => new MaxPool(2, 0).OutputSize(3)).Message);
    }

    [Fact]
    public void The_sigmoid_is_evaluated_stably_in_floating_point_only()
    {
        var s = new Sigmoid().Apply(new[] { 0.0, 2.0, -2.0, 800.0, -800.0 });
        Assert.Equal(0.5, s[0]);
        Assert.Equal(1 / (1 + Math.Exp(-2)), s[1], 15);
        Assert.Equal(1 - s[1], s[2], 15);
        Assert.Equal(1.0, s[3]);
        Assert.Equal(0.0, s[4]); // e^{−800} underflows to 0; no NaN from ∞/∞
        Assert.False(new Sigmoid().IsPiecewiseLinear);
        Assert.Equal(4, new Sigmoid().OutputSize(4));
        Assert.Contains("no exact (rational) evaluation", Assert.Throws<ArgumentException>(() => new Sigmoid().Apply(V(1))).Message);
    }

    private static Network TwoLayer() => Network.Create(2, [new Linear(M([1, 1], [2, -1])), new Relu(), new Linear(M([3, -4]))]);

    [Fact]
    public void A_network_composes_its_layers_and_is_homogeneous_of_degree_K_in_its_weights()
    {
        var net = TwoLayer();
        Assert.Equal((2, 1, 2), (net.InputSize, net.OutputSize, net.Degree));
        // x = (1, −2): Wx = (−1, 4), ReLU → (0, 4), readout 3·0 − 4·4 = −16.
        Assert.Equal(V(-16), net.Evaluate(V(1, -2)));
        Assert.Equal(new[] { -16.0 }, net.Evaluate(new[] { 1.0, -2.0 }));
        // φ(αW) = α²φ(W) for α ≥ 0; Zeroed is φ(0) = 0.
        Assert.Equal(V(-16 * 9), net.Scaled(F(3)).Evaluate(V(1, -2)));
        Assert.Equal(V(0), net.Zeroed().Evaluate(V(1, -2)));
        Assert.Equal("linear 2×2 → relu → linear 1×2", net.Describe());
        Assert.True(net.IsPiecewiseLinear);
        Assert.False(Network.Create(1, [new Linear(M([1])), new Sigmoid()]).IsPiecewiseLinear);
        Assert.Equal("the network expects an input of size 2 but x has 3 entries", Assert.Throws<ArgumentException>(() => net.Evaluate(V(1, 2, 3))).Message);
        Assert.Throws<ArgumentException>(() => net.Evaluate(new[] { 1.0 }));
    }

    [Fact]
    public void The_regularizers_are_products_of_layer_norms()
    {
        var net = TwoLayer();
        // ‖W¹‖_F² = 1 + 1 + 4 + 1 = 7, ‖W²‖_F² = 9 + 16 = 25; ‖W¹‖_1 = 5, ‖W²‖_1 = 7.
        Assert.Equal(F(175), net.RegularizerSquared());
        Assert.Equal(Math.Sqrt(7) * 5, net.Regularizer(), 14);
        Assert.Equal(F(35), net.RegularizerL1());
        Assert.Equal(F(9), Network.EntrywiseL1(M([-4, 5])));
        // Without linear layers the products are empty: 1.
        var bare = Network.Create(3, [new Relu()]);
        Assert.Equal((0, 1.0), (bare.Degree, bare.Regularizer()));
        Assert.Equal(Fraction.One, bare.RegularizerL1());
        Assert.Equal(Fraction.One, bare.RegularizerSquared());
    }

    [Fact]
    public void The_floating_Frobenius_norm_neither_overflows_nor_underflows()
    {
        ExactMatrix Of(double a, double b) => ExactMatrix.Create(1, 2, (_, j) => Exact.FromDouble(j == 0 ? a : b));
        Assert.Equal(5.0, Network.Frobenius(Of(3, -4)));
        Assert.Equal(5e300, Network.Frobenius(Of(3e300, 4e300)), 1e287);
        Assert.Equal(5e-300, Network.Frobenius(Of(3e-300, -4e-300)), 1e-313);
        Assert.Equal(0.0, Network.Frobenius(Of(0, 0)));
        Assert.Equal(1e-320, Network.Frobenius(Of(0, 1e-320)));
    }

    [Fact]
    public void The_rounding_scale_follows_magnitudes_through_the_layers()
    {
        // |x| = (1, 2); |W¹||x| = (1 + 2, 2 + 2) = (3, 4), chain 2 + 2.
        var x = new[] { 1.0, -2.0 };
        Assert.Equal((4.0, 4), Network.Create(2, [new Linear(M([1, 1], [2, -1]))]).RoundingScale(x));
        // ReLU and max-pooling map magnitudes through themselves and add no rounding.
        Assert.Equal((4.0, 4), Network.Create(2, [new Linear(M([1, 1], [2, -1])), new Relu()]).RoundingScale(x));
        Assert.Equal((4.0, 4), Network.Create(2, [new Linear(M([1, 1], [2, -1])), new MaxPool(2, 1)]).RoundingScale(x));
        // A leaky ReLU of slope −3 can triple a magnitude; a slope of 1/2 does not enlarge it. Two more operations.
        Assert.Equal((12.0, 6), Network.Create(2, [new Linear(M([1, 1], [2, -1])), new LeakyRelu(F(-3))]).RoundingScale(x));
        Assert.Equal((4.0, 6), Network.Create(2, [new Linear(M([1, 1], [2, -1])), new LeakyRelu(F(1, 2))]).RoundingScale(x));
        // A sigmoid bounds its outputs by 1 and costs 8 operations; the next linear layer starts from there: |(5, −7)|·(1, 1) = 12.
        Assert.Equal((12.0, 4 + 8 + 4), Network.Create(2, [new Linear(M([1, 1], [2, -1])), new Sigmoid(), new Linear(M([5, -7]))]).RoundingScale(x));
    }

    [Fact]
    public void Shapes_that_do_not_compose_name_the_layer()
    {
        Assert.Equal("the input size must be at least 1, got 0", Assert.Throws<ArgumentException>(() => Network.Create(0, [new Relu()])).Message);
        Assert.Equal("a network needs at least one layer", Assert.Throws<ArgumentException>(() => Network.Create(2, [])).Message);
        var e = Assert.Throws<ArgumentException>(() => Network.Create(2, [new Relu(), new Linear(M([1, 1])), new Linear(M([1, 1]))]));
        Assert.Equal("the layer shapes do not compose: layer 3 (linear): a linear layer with 2 columns expects an input of size 2 but receives 1", e.Message);
        var empty = new Linear(ExactMatrix.Create(0, 2, (_, _) => Fraction.Zero));
        Assert.Equal("the layer shapes do not compose: layer 1 (linear) has no output", Assert.Throws<ArgumentException>(() => Network.Create(2, [empty])).Message);
    }

    [Fact]
    public void A_parallel_network_sums_its_subnetworks_and_their_regularizers()
    {
        var a = TwoLayer();
        var b = Network.Create(2, [new Linear(M([0, 2]))]);
        var sum = ParallelNetwork.Create([a, b]);
        Assert.Equal((2, 1), (sum.InputSize, sum.OutputSize));
        Assert.Equal(V(-16 - 4), sum.Evaluate(V(1, -2)));
        Assert.Equal(new[] { -20.0 }, sum.Evaluate(new[] { 1.0, -2.0 }));
        Assert.Equal(Math.Sqrt(7) * 5 + 2, sum.Regularizer(), 14);
        Assert.Equal(F(35 + 2), sum.RegularizerL1());
        Assert.Equal("[linear 2×2 → relu → linear 1×2] + [linear 1×2]", sum.Describe());
        var three = sum.Append(Network.Create(2, [new Linear(M([1, 0]))]));
        Assert.Equal(3, three.Subnetworks.Count);
        Assert.Equal(V(-19), three.Evaluate(V(1, -2)));
        Assert.Equal("a parallel network needs at least one subnetwork", Assert.Throws<ArgumentException>(() => ParallelNetwork.Create([])).Message);
        Assert.Equal("the subnetworks do not compose: subnetwork 3 takes inputs of size 3 but subnetwork 1 of size 2",
            Assert.Throws<ArgumentException>(() => sum.Append(Network.Create(3, [new Linear(M([1, 0, 0]))]))).Message);
        Assert.Equal("the subnetworks do not compose: subnetwork 3 has outputs of size 2 but subnetwork 1 of size 1",
            Assert.Throws<ArgumentException>(() => sum.Append(Network.Create(2, [new Relu()]))).Message);
    }
}
