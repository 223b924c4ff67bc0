using System.Numerics;
using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Depth;
using Xunit;

namespace Verification.Properties.Depth;

/// <summary>Deliberately wrong variants of the depth claims (the runner must refute them), and the constructions' exact counts.</summary>
public class DepthClaimTests
{
    private static void Refuted<T>(Claim<T> claim, Func<T, Outcome> wrong, string id)
    {
        var report = (claim with { Id = id, Kind = ClaimKind.Control, Check = wrong }).Run(TestSettings.Run);
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Assert.NotNull(report.Counterexample);
    }

    [Fact]
    public void The_shallow_bound_without_the_plus_one_is_refuted()
    {
        Refuted(DepthClaims.ShallowPieces, c =>
        {
            var p = c.Network.ToPiecewiseLinear().PieceCount;
            return Outcome.Decide(c.Network.Depth != 1 || p <= c.Network.Units, Value.Of((long)p), Value.Of((long)c.Network.Units), "pieces ≤ n (false)");
        }, "depth.shallow-pieces.wrong-n");
    }

    [Fact]
    public void A_deep_bound_of_w_to_the_L_is_refuted()
    {
        Refuted(DepthClaims.ShallowPieces, c =>
        {
            var p = c.Network.ToPiecewiseLinear().PieceCount;
            var bound = BigInteger.Pow(c.Network.MaxWidth, c.Network.Depth);
            return Outcome.Decide(p <= bound, Value.Of((long)p), Value.Of(bound.ToString()), "pieces ≤ w^L (false)");
        }, "depth.shallow-pieces.wrong-w-to-the-L");
    }

    [Fact]
    public void Sawtooth_slopes_of_2_to_the_k_minus_1_are_refuted()
    {
        Refuted(DepthClaims.SawtoothClaim, c =>
        {
            var f = Sawtooth.ByComposition(c.K, c.Split);
            return Outcome.Decide(Rational.Abs(f.Slope(0)) == Rational.Of(1L << (c.K - 1)), Value.Of(f.Slope(0).ToString()), Value.Of((1L << (c.K - 1)).ToString()), "slope 2^(k−1) (false)");
        }, "depth.sawtooth.wrong-slope");
    }

    [Fact]
    public void A_folding_count_of_n_to_the_L_is_refuted()
    {
        Refuted(DepthClaims.MontufarRegions, c =>
        {
            var p = c.Network.ToPiecewiseLinear(0, 1).PieceCount;
            return Outcome.Decide(p == BigInteger.Pow(c.N, c.L), Value.Of((long)p), Value.Of(BigInteger.Pow(c.N, c.L).ToString()), "n^L pieces (false)");
        }, "depth.montufar-regions.wrong-count");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    [InlineData(5, 2)]
    [InlineData(8, 4)]
    public void The_folding_network_reaches_Montufars_bound(int n, int depth)
    {
        var f = Folding.Network(n, depth).ToPiecewiseLinear(0, 1);
        Assert.Equal(PieceBounds.Montufar(n, depth), (BigInteger)f.PieceCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(13)]
    public void The_generic_shallow_network_reaches_n_plus_1(int n) =>
        Assert.Equal(n + 1, Shallow.Generic(n).ToPiecewiseLinear().PieceCount);

    /// <summary>The minimal network that beats the shallow bound: two layers of two units (m ∘ m on ℝ), 6 pieces with 4 units.</summary>
    [Fact]
    public void Two_layers_of_two_units_beat_the_shallow_bound()
    {
        var f = Sawtooth.Network(2).ToPiecewiseLinear();
        Assert.Equal(6, f.PieceCount);
        Assert.True(f.PieceCount > Sawtooth.Network(2).Units + 1);
    }
}

/// <summary>The exact count against a numpy user's floating-point sampling where sampling can be right (every kink on the grid).</summary>
public class SampledPieceTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void Sampling_on_a_grid_through_every_kink_agrees_with_the_exact_count(int k)
    {
        var exact = Sawtooth.ByComposition(k).PieceCount;
        Assert.Equal(exact, Verification.Reference.SampledPieces.Count(Sawtooth.Network(k), 0, 1, (4 << k) + 1));
        // Off the grid the sampled count is wrong: with fewer samples than pieces it cannot see them all.
        Assert.NotEqual(exact, Verification.Reference.SampledPieces.Count(Sawtooth.Network(k), 0, 1, (1 << k) / 2 + 3));
    }
}
