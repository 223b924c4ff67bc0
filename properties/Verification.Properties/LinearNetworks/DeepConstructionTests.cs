using Fractions;
using Verification.Numerics;
using Verification.Topics.LinearNetworks;
using Xunit;
using static Verification.Properties.LinearNetworks.Hand;

namespace Verification.Properties.LinearNetworks;

/// <summary>
/// Deep networks built by hand: the embedding of a factorization C·F through hidden widths (product preserved, layers as
/// written), gauges W_k ↦ C_k W_k C_{k−1}⁻¹ (product preserved, order of the factors), scaled rotations and their inverses,
/// and the descent at the origin with its step and exact decrease checked against the risk itself.
/// </summary>
public class DeepConstructionTests
{
    private static ExactMatrix Product(IReadOnlyList<ExactMatrix> layers) => DeepLinearRisk.Product(layers.Select(FieldMatrices.Of).ToArray()).ToExact();

    [Fact]
    public void A_factorization_is_embedded_through_wider_hidden_layers()
    {
        var c = M([1], [2]);    // 2×1
        var f = M([3, 4, 5]);   // 1×3, r = 1
        var cf = M([3, 4, 5], [6, 8, 10]);
        Hand.Equal(cf, Assert.Single(DeepConstructions.Embed(c, f, [])));
        var layers = DeepConstructions.Embed(c, f, [2, 3]);
        Assert.Equal(3, layers.Count);
        Hand.Equal(M([3, 4, 5], [0, 0, 0]), layers[0]);  // [F; 0]
        Hand.Equal(M([1, 0], [0, 0], [0, 0]), layers[1]); // [I_1 0; 0 0], 3×2
        Hand.Equal(M([1, 0, 0], [2, 0, 0]), layers[2]);   // [C 0]
        Hand.Equal(cf, Product(layers));
        // Widths exactly r are allowed: one hidden layer of width 1 gives W₁ = F, W₂ = C.
        var tight = DeepConstructions.Embed(c, f, [1]);
        Hand.Equal(f, tight[0]);
        Hand.Equal(c, tight[1]);
    }

    [Fact]
    public void Embeddings_that_cannot_exist_are_refused()
    {
        var i2 = M([1, 0], [0, 1]);
        Assert.Equal("C and F do not compose", Assert.Throws<ArgumentException>(() => DeepConstructions.Embed(i2, M([1, 2, 3]), [2])).Message);
        Assert.Equal("a hidden width below 2 cannot carry a factorization through 2", Assert.Throws<ArgumentException>(() => DeepConstructions.Embed(i2, i2, [3, 1, 2])).Message);
        Assert.Equal(3, DeepConstructions.Embed(i2, i2, [2, 2]).Count);
    }

    [Fact]
    public void Gauges_act_on_the_outputs_of_a_layer_and_inversely_on_the_inputs_of_the_next()
    {
        // W₁ = A = [1 0; 1 0], W₂ = B = [1 0; 0 0], C = [1 1; 0 1], C⁻¹ = [1 −1; 0 1]:
        // W₁' = CA = [2 0; 1 0] (AC = [1 1; 1 1]), W₂' = BC⁻¹ = [1 −1; 0 0] (C⁻¹B = [1 0; 0 0]), W₂'W₁' = BA = [1 0; 0 0].
        var gauge = new Gauge(M([1, 1], [0, 1]), M([1, -1], [0, 1]));
        var moved = DeepConstructions.Apply([M([1, 0], [1, 0]), M([1, 0], [0, 0])], [gauge]);
        Hand.Equal(M([2, 0], [1, 0]), moved[0]);
        Hand.Equal(M([1, -1], [0, 0]), moved[1]);
        Hand.Equal(M([1, 0], [0, 0]), Product(moved));
        // Three scalar layers 2, 3, 5 with gauges 7, 11: 14, 33/7, 5/11, product 30.
        var scalar = DeepConstructions.Apply([M([2]), M([3]), M([5])], [new Gauge(M([7]), Q([F(1, 7)])), new Gauge(M([11]), Q([F(1, 11)]))]);
        Assert.Equal([F(14), F(33, 7), F(5, 11)], scalar.Select(m => m[0, 0]));
        Assert.Equal(F(30), Product(scalar)[0, 0]);
        // One layer needs no gauge.
        Hand.Equal(M([4]), Assert.Single(DeepConstructions.Apply([M([4])], [])));
        Assert.Equal("3 layers need 2 gauges", Assert.Throws<ArgumentException>(() => DeepConstructions.Apply([M([2]), M([3]), M([5])], [gauge])).Message);
        Assert.Equal("1 layers need 0 gauges", Assert.Throws<ArgumentException>(() => DeepConstructions.Apply([M([2])], [gauge])).Message);
    }

    [Fact]
    public void A_scaled_rotation_and_its_inverse()
    {
        // S = [0 ½; −½ 0]: I + S has det 5/4, Q = (I − S)(I + S)⁻¹ = [3/5 −4/5; 4/5 3/5].
        var skew = Q([F(0), F(1, 2)], [F(-1, 2), F(0)]);
        var g = DeepConstructions.ScaledRotation(skew, [F(2), F(-1)]);
        // Q·diag(2, −1) = [6/5 4/5; 8/5 −3/5]; diag(½, −1)·Qᵀ = [3/10 2/5; 4/5 −3/5].
        Hand.Equal(Q([F(6, 5), F(4, 5)], [F(8, 5), F(-3, 5)]), g.Matrix);
        Hand.Equal(Q([F(3, 10), F(2, 5)], [F(4, 5), F(-3, 5)]), g.Inverse);
        Hand.Equal(M([1, 0], [0, 1]), g.Matrix.Multiply(g.Inverse));
        const string message = "the scaling needs one nonzero entry per row";
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => DeepConstructions.ScaledRotation(skew, [F(1), F(0)])).Message);
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => DeepConstructions.ScaledRotation(skew, [F(1)])).Message);
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => DeepConstructions.ScaledRotation(skew, [F(1), F(2), F(3)])).Message);
    }

    [Fact]
    public void A_deep_network_from_a_shallow_critical_point_keeps_its_product_and_zero_gradient()
    {
        // Σ_xx = I, Σ_yx = Q diag(2, 1), Σ_yy = Σ + I; the top point: U = q₁ = (3/5, 4/5), V = (2, 0).
        var syx = Rotation.Multiply(M([2, 0], [0, 1]));
        var s = new SecondMoments(M([1, 0], [0, 1]), syx, syx.Multiply(syx.Transpose()).Add(M([1, 0], [0, 1])));
        var point = BaldiHornik.CriticalPoint(s, BaldiHornik.TryExactSpectrum(s, Rotation)!, [0]);
        var layers = DeepConstructions.FromShallow(point, [1, 2]);
        Hand.Equal(M([2, 0]), layers[0]);
        Hand.Equal(M([1], [0]), layers[1]);
        Hand.Equal(Q([F(3, 5), F(0)], [F(4, 5), F(0)]), layers[2]);
        Hand.Equal(Q([F(6, 5), F(0)], [F(8, 5), F(0)]), Product(layers));
        var w = layers.Select(FieldMatrices.Of).ToArray();
        Assert.Equal(F(3), DeepLinearRisk.Risk(s.Exact(), w)); // 7 − 4
        Assert.All(DeepLinearRisk.Gradient(s.Exact(), w), g => Assert.True(g.IsZero()));
    }

    /// <summary>n₀ = 3, n_L = 2, Σ_yx = [1 0 2; 0 0 −3]: the largest |entry| is −3 at (1, 2); Σ_xx = diag(1, 1, b).</summary>
    private static SecondMoments Origin(long b) => new(M([1, 0, 0], [0, 1, 0], [0, 0, b]), M([1, 0, 2], [0, 0, -3]), M([10, 0], [0, 10]));

    [Fact]
    public void The_descent_at_the_origin_by_hand()
    {
        var s = Origin(5);
        var d = DeepConstructions.DescentAtOrigin(s, [3, 2, 2]);
        // D₁ = −e₀e₂ᵀ (2×3), D₂ = e₁e₀ᵀ (2×2): D₂D₁ = −e₁e₂ᵀ, a = tr(D Σ_xy) = (−1)(−3) = 3, b = Σ_xx[2, 2] = 5.
        Hand.Equal(M([0, 0, -1], [0, 0, 0]), d.Direction[0]);
        Hand.Equal(M([0, 0], [1, 0]), d.Direction[1]);
        Assert.Equal(F(3), d.A);
        Assert.Equal(F(5), d.B);
        // t = 1: 5 > 3; t = ½: 5/4 ≤ 3. Decrease −2·3·¼ + 5·(1/16) = −19/16.
        Assert.Equal(F(1, 2), d.Step);
        Assert.Equal(F(-19, 16), d.Decrease);
        Assert.Equal("−2·(3)·t^2 + (5)·t^4", d.Polynomial(2));
        // The decrease is the risk's own: R(tD) − R(0) with R(0) = tr Σ_yy = 20.
        var moved = d.Direction.Select(m => FieldMatrices.Of(m.Scale(d.Step))).ToArray();
        Assert.Equal(F(20) + d.Decrease, DeepLinearRisk.Risk(s.Exact(), moved));
    }

    [Fact]
    public void The_step_stops_when_b_t_to_the_L_equals_a()
    {
        // b = 12, a = 3, L = 2: t = 1 gives 12 > 3, t = ½ gives 12/4 = 3, not above a: step ½, decrease −3/2 + 12/16 = −3/4 = −a t^L.
        var d = DeepConstructions.DescentAtOrigin(Origin(12), [3, 2, 2]);
        Assert.Equal(F(1, 2), d.Step);
        Assert.Equal(F(-3, 4), d.Decrease);
        // b = 0: any t decreases the risk, t = 1 and the decrease is −2a.
        var flat = DeepConstructions.DescentAtOrigin(Origin(0), [3, 2, 2]);
        Assert.Equal(F(1), flat.Step);
        Assert.Equal(F(-6), flat.Decrease);
        // b = 3 = a: t = 1 already satisfies b·t ≤ a at depth 1; decrease −6 + 3 = −3.
        var one = DeepConstructions.DescentAtOrigin(Origin(3), [3, 2]);
        Assert.Equal(F(1), one.Step);
        Assert.Equal(F(-3), one.Decrease);
        Hand.Equal(M([0, 0, 0], [0, 0, -1]), Assert.Single(one.Direction));
    }

    [Fact]
    public void At_depth_three_the_middle_layer_carries_the_first_hidden_unit()
    {
        // b = 40, a = 3, L = 3: 40 > 3, 40/8 = 5 > 3, 40/64 ≤ 3: step ¼, t³ = 1/64, decrease −6/64 + 40/4096 = −384/4096 + 40/4096 = −43/512.
        var s = Origin(40);
        var d = DeepConstructions.DescentAtOrigin(s, [3, 2, 2, 2]);
        Hand.Equal(M([0, 0, -1], [0, 0, 0]), d.Direction[0]);
        Hand.Equal(M([1, 0], [0, 0]), d.Direction[1]);
        Hand.Equal(M([0, 0], [1, 0]), d.Direction[2]);
        Assert.Equal(F(1, 4), d.Step);
        Assert.Equal(F(-43, 512), d.Decrease);
        Assert.Equal("−2·(3)·t^3 + (40)·t^6", d.Polynomial(3));
        var moved = d.Direction.Select(m => FieldMatrices.Of(m.Scale(d.Step))).ToArray();
        Assert.Equal(F(20) + d.Decrease, DeepLinearRisk.Risk(s.Exact(), moved));
    }

    [Fact]
    public void Ties_for_the_largest_entry_keep_the_first_and_a_positive_entry_keeps_its_sign()
    {
        // Σ_yx = [3 0; 0 −3]: |3| = |−3|, the first in row order (0, 0) is kept, sign +.
        var s = new SecondMoments(M([2, 0], [0, 1]), M([3, 0], [0, -3]), M([9, 0], [0, 9]));
        var d = DeepConstructions.DescentAtOrigin(s, [2, 1, 2]);
        Hand.Equal(M([1, 0]), d.Direction[0]);
        Hand.Equal(M([1], [0]), d.Direction[1]);
        Assert.Equal(F(3), d.A);
        Assert.Equal(F(2), d.B);
        Assert.Equal(F(1), d.Step); // 2 ≤ 3
        Assert.Equal(F(-4), d.Decrease); // −6 + 2
        Assert.Equal("−2·(3)·t^2 + (2)·t^4", d.Polynomial(2));
        // Fractions are printed in lowest terms.
        Assert.Equal("−2·(1/2)·t^1 + (3/4)·t^2", new OriginDescent([], F(1, 2), F(3, 4), F(1), F(0)).Polynomial(1));
        var zero = new SecondMoments(M([1]), M([0]), M([1]));
        Assert.Equal("YXᵀ = 0: the origin is a global minimum and there is no descent direction",
            Assert.Throws<ArgumentException>(() => DeepConstructions.DescentAtOrigin(zero, [1, 1])).Message);
    }
}
