using Fractions;
using Verification.Numerics;
using Verification.Topics.LinearNetworks;
using Xunit;
using static Verification.Properties.LinearNetworks.Hand;

namespace Verification.Properties.LinearNetworks;

/// <summary>
/// Second moments against their definitions summed by hand (Σ_xx = XXᵀ/N, Σ_yx = YXᵀ/N, Σ_yy = YYᵀ/N), the risk against
/// (1/N)‖Y − PX‖² expanded by hand, and every refusal of shapes with its message.
/// </summary>
public class SecondMomentsTests
{
    // X = [1 2; 0 1] (two samples (1,0), (2,1)), Y = [1 1], N = 2.
    private static readonly ExactMatrix X = M([1, 2], [0, 1]);
    private static readonly ExactMatrix Y = M([1, 1]);

    [Fact]
    public void The_moments_are_the_sample_averages_of_the_outer_products()
    {
        var s = SecondMoments.FromSamples(X, Y);
        // XXᵀ = [1+4, 0+2; 2, 0+1] = [5 2; 2 1], halved.
        Hand.Equal(Q([F(5, 2), F(1)], [F(1), F(1, 2)]), s.Sxx);
        // YXᵀ = [1·1 + 1·2, 1·0 + 1·1] = [3 1], halved.
        Hand.Equal(Q([F(3, 2), F(1, 2)]), s.Syx);
        Hand.Equal(Q([F(3, 2)], [F(1, 2)]), s.Sxy);
        // YYᵀ = 1 + 1 = 2, halved.
        Hand.Equal(M([1]), s.Syy);
        Assert.Equal(2, s.InputDimension);
        Assert.Equal(1, s.OutputDimension);
    }

    [Fact]
    public void Another_weight_scales_every_moment()
    {
        var s = SecondMoments.FromSamples(X, Y, F(1));
        Hand.Equal(M([5, 2], [2, 1]), s.Sxx);
        Hand.Equal(M([3, 1]), s.Syx);
        Hand.Equal(M([2]), s.Syy);
        var half = SecondMoments.FromSamples(X, Y, F(1, 2));
        Hand.Equal(SecondMoments.FromSamples(X, Y).Sxx, half.Sxx);
    }

    [Theory]
    // P = 0: R = (1/2)(1² + 1²) = 1.
    [InlineData(0, 0, 1, 1)]
    // P = [1 0]: PX = [1 2], Y − PX = [0 −1], R = 1/2; formula 1 − 2·3/2 + 5/2 = 1/2.
    [InlineData(1, 0, 1, 2)]
    // P = [1 1]: PX = [1 3], Y − PX = [0 −2], R = 4/2 = 2; formula 1 − 2·(3/2 + 1/2) + (5/2 + 2 + 1/2) = 2.
    [InlineData(1, 1, 2, 1)]
    // P = [0 −1]: PX = [0 −1], Y − PX = [1 2], R = 5/2.
    [InlineData(0, -1, 5, 2)]
    public void The_risk_is_the_mean_squared_residual(long p0, long p1, long num, long den)
    {
        var s = SecondMoments.FromSamples(X, Y);
        var p = M([p0, p1]);
        Assert.Equal(F(num, den), s.Risk(p));
        Assert.Equal(F(num, den), DeepLinearRisk.Risk(s.Exact(), FieldMatrices.Of(p)));
        Assert.Equal((double)num / den, DeepLinearRisk.Risk(s.Floating(), FieldMatrices.Of(p.ToDouble())), 14);
    }

    [Fact]
    public void The_field_views_hold_the_same_entries_and_are_computed_once()
    {
        var s = SecondMoments.FromSamples(X, Y);
        var e = s.Exact();
        Hand.Equal(s.Sxx, e.Sxx);
        Hand.Equal(s.Syx, e.Syx);
        Hand.Equal(s.Syy, e.Syy);
        Hand.Equal(s.Sxy, e.Sxy);
        Assert.Same(Fields.Rational, e.Field);
        Assert.Same(e, s.Exact());
        var f = s.Floating();
        Assert.Equal(2.5, f.Sxx[0, 0]);
        Assert.Equal(0.5, f.Sxx[1, 1]);
        Assert.Equal(1.5, f.Syx[0, 0]);
        Assert.Equal(0.5, f.Sxy[1, 0]);
        Assert.Equal(1.0, f.Syy[0, 0]);
        Assert.Same(Fields.Double, f.Field);
        Assert.Same(f, s.Floating());
    }

    [Fact]
    public void Shapes_that_are_not_moments_are_refused_with_the_reason()
    {
        var i2 = M([1, 0], [0, 1]);
        var i1 = M([1]);
        string Refusal(Func<object> make) => Assert.Throws<ArgumentException>(make).Message;
        Assert.Equal("Σ_xx must be square and symmetric, got a 2×3 matrix", Refusal(() => new SecondMoments(M([1, 0, 0], [0, 1, 0]), M([1, 0, 0]), i1)));
        Assert.Equal("Σ_xx must be square and symmetric, got a 2×2 matrix that is not symmetric", Refusal(() => new SecondMoments(M([1, 2], [0, 1]), M([1, 0]), i1)));
        Assert.Equal("Σ_yy must be square and symmetric, got a 1×2 matrix", Refusal(() => new SecondMoments(i2, M([1, 0]), M([1, 0]))));
        Assert.Equal("Σ_yy must be square and symmetric, got a 2×2 matrix that is not symmetric", Refusal(() => new SecondMoments(i2, M([1, 0], [0, 1]), M([1, 1], [0, 1]))));
        Assert.Equal("mismatched shapes: Σ_yx has 3 columns but Σ_xx is 2×2", Refusal(() => new SecondMoments(i2, M([1, 0, 0]), i1)));
        Assert.Equal("mismatched shapes: Σ_yx has 2 rows but Σ_yy is 1×1", Refusal(() => new SecondMoments(i2, i2, i1)));
        Assert.Equal("mismatched shapes: X has 2 samples (columns) but Y has 3", Refusal(() => SecondMoments.FromSamples(X, M([1, 1, 1]))));
        // The boundary cases are accepted: 1×1 moments, and Σ_yx with as many columns as n₀ and rows as n_L.
        Assert.Equal(F(0), new SecondMoments(i1, i1, i1).Risk(i1)); // 1 − 2 + 1
    }
}
