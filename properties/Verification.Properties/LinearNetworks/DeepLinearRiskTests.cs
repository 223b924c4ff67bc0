using Fractions;
using Verification.Numerics;
using Verification.Topics.LinearNetworks;
using Xunit;
using static Verification.Properties.LinearNetworks.Hand;

namespace Verification.Properties.LinearNetworks;

/// <summary>
/// The deep linear risk, its gradient and Hessian at points where every derivative is done by hand (scalar chains, where
/// ∂²R = 2∇P∇Pᵀ + G∂²P, and a 2×2 network expanded entry by entry), the bounds on absolute values, the parameter layout,
/// and the refusal of layers that do not compose, with the messages.
/// </summary>
public class DeepLinearRiskTests
{
    private static Moments<Fraction> Scalar(long sxx, long syx, long syy) => new SecondMoments(M([sxx]), M([syx]), M([syy])).Exact();

    private static readonly Moments<Fraction> Identity2 = new SecondMoments(M([1, 0], [0, 1]), M([1, 0], [0, 1]), M([1, 0], [0, 1])).Exact();

    [Fact]
    public void Layers_that_do_not_compose_are_refused_with_the_reason()
    {
        var s = new SecondMoments(M([1, 0], [0, 1]), M([1, 0]), M([1])).Exact(); // n₀ = 2, n_L = 1
        string Refusal(params FieldMatrix<Fraction>[] w) => Assert.Throws<ArgumentException>(() => DeepLinearRisk.Widths(s, w)).Message;
        Assert.Equal("a network needs at least one layer", Refusal());
        Assert.Equal("layer W1 has 3 columns but the input dimension is 2", Refusal(W([1, 0, 0])));
        Assert.Equal("layer W2 has 2 columns but the layer below has 3 outputs", Refusal(W([1, 0], [0, 1], [1, 1]), W([1, 1])));
        Assert.Equal("the last layer has 3 outputs but Y has 1 rows", Refusal(W([1, 0], [0, 1], [1, 1])));
        Assert.Equal([2, 3, 1], DeepLinearRisk.Widths(s, [W([1, 0], [0, 1], [1, 1]), W([1, 1, 1])]));
        Assert.Equal([2, 1], DeepLinearRisk.Widths(s, [W([1, 1])]));
        // Every entry point checks the shapes first.
        Assert.Throws<ArgumentException>(() => DeepLinearRisk.Risk(s, [W([1, 0, 0])]));
        Assert.Throws<ArgumentException>(() => DeepLinearRisk.Gradient(s, [W([1, 0, 0])]));
        Assert.Throws<ArgumentException>(() => DeepLinearRisk.Hessian(s, [W([1, 0, 0])]));
        Assert.Throws<ArgumentException>(() => DeepLinearRisk.Magnitudes(new SecondMoments(M([1, 0], [0, 1]), M([1, 0]), M([1])).Floating(), [D([1, 0, 0])]));
    }

    [Fact]
    public void The_product_multiplies_later_layers_on_the_left()
    {
        // W₂W₁ = [1 0; 1 1]·[1 1; 0 1] = [1 1; 1 2] (W₁W₂ would be [2 1; 1 1]).
        var w = new[] { W([1, 1], [0, 1]), W([1, 0], [1, 1]) };
        Hand.Equal(M([1, 1], [1, 2]), DeepLinearRisk.Product(w));
        // Three layers: W₃W₂W₁ with W₃ = [0 1; 1 0] swaps the rows: [1 2; 1 1].
        Hand.Equal(M([1, 2], [1, 1]), DeepLinearRisk.Product([.. w, W([0, 1], [1, 0])]));
        Hand.Equal(M([1, 1], [0, 1]), DeepLinearRisk.Product([w[0]]));
    }

    [Fact]
    public void Two_by_two_risk_and_gradient_by_hand()
    {
        // X = Y = I, weight 1: R = ‖I − W₂W₁‖². P = [1 1; 1 2], I − P = [0 −1; −1 −1]: R = 3.
        var w = new[] { W([1, 1], [0, 1]), W([1, 0], [1, 1]) };
        Assert.Equal(F(3), DeepLinearRisk.Risk(Identity2, w));
        // G = 2(P − I) = [0 2; 2 2]; ∂R/∂W₁ = W₂ᵀG = [2 4; 2 2], ∂R/∂W₂ = GW₁ᵀ = [2 2; 4 2]. Entry by entry, e.g. W₁[0,1] = b:
        // P = [1 b; 1 b+1], R = b² + 1 + b², dR/db = 4b = 4; W₂[1,0] = g: R = … + g² + (1 − g − h)², dR/dg = 2g + 2(g + h − 1) = 4.
        Hand.Equal(M([0, 2], [2, 2]), DeepLinearRisk.ProductGradient(Identity2, DeepLinearRisk.Product(w)));
        var g = DeepLinearRisk.Gradient(Identity2, w);
        Hand.Equal(M([2, 4], [2, 2]), g[0]);
        Hand.Equal(M([2, 2], [4, 2]), g[1]);
    }

    [Fact]
    public void Scalar_depth_two_risk_gradient_and_hessian_by_hand()
    {
        // R = 5 − 2·3·w₂w₁ + 2(w₂w₁)² at w₁ = 1, w₂ = 2: R = 5 − 12 + 8 = 1.
        var s = Scalar(2, 3, 5);
        var w = new[] { W([1]), W([2]) };
        Assert.Equal(F(1), DeepLinearRisk.Risk(s, w));
        // dR/dw₁ = −6w₂ + 4w₂²w₁ = −12 + 16 = 4; dR/dw₂ = −6w₁ + 4w₁²w₂ = −6 + 8 = 2.
        var g = DeepLinearRisk.Gradient(s, w);
        Assert.Equal(F(4), g[0][0, 0]);
        Assert.Equal(F(2), g[1][0, 0]);
        // H₁₁ = 4w₂² = 16, H₂₂ = 4w₁² = 4, H₁₂ = −6 + 8w₁w₂ = 10.
        Hand.Equal(M([16, 10], [10, 4]), DeepLinearRisk.Hessian(s, w));
    }

    [Fact]
    public void Scalar_depth_three_hessian_has_the_curvature_of_the_product_between_the_layers()
    {
        // Σ_xx = Σ_yx = Σ_yy = 1, w = (1, 2, 3): P = 6, R = (1 − 6)² = 25, G = 2(6 − 1) = 10, ∇P = (w₃w₂, w₃w₁, w₂w₁) = (6, 3, 2).
        var s = Scalar(1, 1, 1);
        var w = new[] { W([1]), W([2]), W([3]) };
        Assert.Equal(F(25), DeepLinearRisk.Risk(s, w));
        var g = DeepLinearRisk.Gradient(s, w);
        Assert.Equal([F(60), F(30), F(20)], DeepLinearRisk.Flatten(g)); // G∇P
        // H = 2∇P∇Pᵀ + G∂²P with ∂²P/∂w₁∂w₂ = w₃ = 3, ∂²P/∂w₁∂w₃ = w₂ = 2, ∂²P/∂w₂∂w₃ = w₁ = 1:
        // H₁₁ = 72, H₂₂ = 18, H₃₃ = 8, H₁₂ = 36 + 30 = 66, H₁₃ = 24 + 20 = 44, H₂₃ = 12 + 10 = 22.
        Hand.Equal(M([72, 66, 44], [66, 18, 22], [44, 22, 8]), DeepLinearRisk.Hessian(s, w));
    }

    [Fact]
    public void A_wide_then_narrow_network_orders_the_hessian_layer_by_layer_and_row_by_row()
    {
        // n = (1, 2, 1): W₁ = (u₁, u₂)ᵀ = (1, 2)ᵀ, W₂ = (v₁, v₂) = (3, 1), P = v·u = 5; Σ's = 1: R = (1 − 5)² = 16, G = 8.
        var s = Scalar(1, 1, 1);
        var w = new[] { W([1], [2]), W([3, 1]) };
        Assert.Equal(F(16), DeepLinearRisk.Risk(s, w));
        // ∇P = (v₁, v₂, u₁, u₂) = (3, 1, 1, 2); gradient G∇P = (24, 8, 8, 16).
        Assert.Equal([F(24), F(8), F(8), F(16)], DeepLinearRisk.Flatten(DeepLinearRisk.Gradient(s, w)));
        // H = 2∇P∇Pᵀ + 8·(∂²P/∂u_i∂v_j = δ_ij).
        var expected = M([18, 6, 6 + 8, 12], [6, 2, 2, 4 + 8], [6 + 8, 2, 2, 4], [12, 4 + 8, 4, 8]);
        Hand.Equal(expected, DeepLinearRisk.Hessian(s, w));
        // The transposed network n = (2, 1, 2) on X = Y = I: W₁ = (1, 2), W₂ = (3, 1)ᵀ, P = [3 6; 1 2].
        // I − P = [−2 −6; −1 −1]: R = 4 + 36 + 1 + 1 = 42.
        var t = new[] { W([1, 2]), W([3], [1]) };
        Assert.Equal(F(42), DeepLinearRisk.Risk(Identity2, t));
        // G = 2(P − I) = [4 12; 2 2]; ∂R/∂W₁ = W₂ᵀG = (3·4 + 2, 3·12 + 2) = (14, 38); ∂R/∂W₂ = GW₁ᵀ = (4 + 24, 2 + 4)ᵀ = (28, 6)ᵀ.
        Assert.Equal([F(14), F(38), F(28), F(6)], DeepLinearRisk.Flatten(DeepLinearRisk.Gradient(Identity2, t)));
        // ∂²R/∂W₁[0,b]² = 2‖W₂‖²(Σ_xx)_bb = 20; ∂²R/∂W₂[a,0]∂W₂[c,0] = 2(W₁W₁ᵀ)δ_ac = 10δ_ac; cross ∂W₁[0,b]∂W₂[a,0] = 2W₂[a]W₁[b] + G[a,b].
        var h = DeepLinearRisk.Hessian(Identity2, t);
        Hand.Equal(M([20, 0, 6 + 4, 2 + 2], [0, 20, 12 + 12, 4 + 2], [10, 24, 10, 0], [4, 6, 0, 10]), h);
    }

    [Fact]
    public void The_gradient_vanishes_at_the_optimal_product_and_one_layer_is_least_squares()
    {
        // One layer: R(W) = tr Σ_yy − 2tr(WΣ_xy) + tr(WΣ_xxWᵀ), ∇R = 2(WΣ_xx − Σ_yx) = 0 at W = Σ_yxΣ_xx⁻¹ = [1 −1; −2 4].
        var s = new SecondMoments(M([2, 1], [1, 1]), M([1, 0], [0, 2]), M([9, 0], [0, 9]));
        var w = new[] { FieldMatrices.Of(BaldiHornik.OptimalProduct(s)) };
        Assert.True(DeepLinearRisk.Gradient(s.Exact(), w)[0].IsZero());
        // R = 18 − tr(Σ_yxΣ_xx⁻¹Σ_xy) = 18 − 9 = 9; Hessian 2Σ_xx ⊗ I: ∂²R/∂W[a,b]∂W[c,d] = 2δ_ac(Σ_xx)_bd.
        Assert.Equal(F(9), DeepLinearRisk.Risk(s.Exact(), w));
        Hand.Equal(M([4, 2, 0, 0], [2, 2, 0, 0], [0, 0, 4, 2], [0, 0, 2, 2]), DeepLinearRisk.Hessian(s.Exact(), w));
    }

    [Fact]
    public void Magnitudes_are_the_same_formulas_on_absolute_values()
    {
        // Σ_xx = 2, Σ_yx = −3, w = (−1, 2): |w| = (1, 2), |P| = 2, g = 2(|P||Σ_xx| + |Σ_yx|) = 2(4 + 3) = 14.
        var s = new SecondMoments(M([2]), M([-3]), M([5])).Floating();
        var (h, g) = DeepLinearRisk.Magnitudes(s, [D([-1]), D([2])]);
        Assert.Equal(28.0, g[0][0, 0]); // |w₂|·g
        Assert.Equal(14.0, g[1][0, 0]); // g·|w₁|
        // H₁₁ = 2|w₂|²·2 = 16, H₂₂ = 2|w₁|²·2 = 4, H₁₂ = 2·|w₂|·(|w₁|·2) + g = 8 + 14 = 22.
        Assert.Equal(16.0, h[0, 0]);
        Assert.Equal(4.0, h[1, 1]);
        Assert.Equal(22.0, h[0, 1]);
        Assert.Equal(22.0, h[1, 0]);
        // The signed Hessian: R = 5 + 6w₂w₁ + 2(w₂w₁)², ∂²R/∂w₁∂w₂ = 6 + 8w₁w₂ = −10, and |−10| ≤ 22.
        var exact = DeepLinearRisk.Hessian(new SecondMoments(M([2]), M([-3]), M([5])).Exact(), [W([-1]), W([2])]);
        Assert.Equal(F(-10), exact[0, 1]);
    }

    [Fact]
    public void Parameters_are_laid_out_layer_by_layer_and_row_by_row()
    {
        var w = new[] { W([1, 2, 3], [4, 5, 6]), W([7, 8], [9, 10]), W([11, 12]) };
        Assert.Equal(6 + 4 + 2, DeepLinearRisk.ParameterCount(w));
        Assert.Equal([0, 6, 10, 12], DeepLinearRisk.Offsets(w));
        var theta = DeepLinearRisk.Flatten(w);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => F(i)), theta);
        var back = DeepLinearRisk.Unflatten(Fields.Rational, [(2, 3), (2, 2), (1, 2)], theta);
        Assert.Equal(3, back.Count);
        for (var k = 0; k < 3; k++) Hand.Equal(w[k].ToExact(), back[k]);
        // Other shapes read the same vector differently: (3, 2) takes 1…6 as [1 2; 3 4; 5 6].
        Hand.Equal(M([1, 2], [3, 4], [5, 6]), DeepLinearRisk.Unflatten(Fields.Rational, [(3, 2)], theta)[0]);
        Assert.Equal([1.0, 2.0, 3.0], DeepLinearRisk.Flatten([D([1, 2]), D([3])]));
    }
}
