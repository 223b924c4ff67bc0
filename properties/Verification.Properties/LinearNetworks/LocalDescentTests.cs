using System.Numerics;
using Fractions;
using Verification.Numerics;
using Verification.Topics.LinearNetworks;
using Xunit;
using static Verification.Properties.LinearNetworks.Hand;

namespace Verification.Properties.LinearNetworks;

/// <summary>
/// Local descent on risks whose minimum is known by hand (R(p) = 1 + p², the scalar depth-2 network with min 0), in the
/// moments' own units and after normalization by 2^k; the choice of k (2^k within a factor 2 of the largest |entry|) and the
/// conversions between units.
/// </summary>
public class LocalDescentTests
{
    private static Fraction Pow2(int k) => new(BigInteger.One << k, BigInteger.One);

    [Fact]
    public void The_moments_are_divided_by_a_power_of_two_near_their_largest_entry()
    {
        // 8 = 2³ (bit lengths 4 − 1 = 3): every moment is divided by 8.
        var n = LocalDescent.Normalized(new SecondMoments(M([8]), M([3]), M([1])), out var k);
        Assert.Equal(3, k);
        Hand.Equal(M([1]), n.Sxx);
        Hand.Equal(Q([F(3, 8)]), n.Syx);
        Hand.Equal(Q([F(1, 8)]), n.Syy);
        // The largest |entry| may be anywhere: a negative Σ_yx entry (|−32| = 2⁵), Σ_yy (64 = 2⁶), an off-diagonal entry (7 → 2²).
        LocalDescent.Normalized(new SecondMoments(M([1]), M([-32]), M([1])), out k);
        Assert.Equal(5, k);
        LocalDescent.Normalized(new SecondMoments(M([1]), M([1]), M([64])), out k);
        Assert.Equal(6, k);
        LocalDescent.Normalized(new SecondMoments(M([1, 7], [7, 1]), M([0, 1]), M([1])), out k);
        Assert.Equal(2, k);
        LocalDescent.Normalized(new SecondMoments(M([1, 0], [0, 1]), M([1, 0], [0, 5]), M([1, 0], [0, 1])), out k);
        Assert.Equal(2, k); // 5: bit length 3
    }

    [Fact]
    public void Small_moments_are_multiplied_up_and_moments_near_one_are_left_alone()
    {
        // Largest 1/16 (bit lengths 1 − 5 = −4): multiplied by 16.
        var n = LocalDescent.Normalized(new SecondMoments(Q([F(1, 16)]), Q([F(1, 32)]), Q([F(1, 16)])), out var k);
        Assert.Equal(-4, k);
        Hand.Equal(M([1]), n.Sxx);
        Hand.Equal(Q([F(1, 2)]), n.Syx);
        var one = new SecondMoments(M([1]), M([1]), M([1]));
        Assert.Same(one, LocalDescent.Normalized(one, out k));
        Assert.Equal(0, k);
        var zero = new SecondMoments(M([0]), M([0]), M([0]));
        Assert.Same(zero, LocalDescent.Normalized(zero, out k));
        Assert.Equal(0, k);
        // The exponent is clamped to ±100000.
        LocalDescent.Normalized(new SecondMoments(new ExactMatrix(new[,] { { Pow2(200_000) } }), M([0]), M([0])), out k);
        Assert.Equal(100_000, k);
    }

    [Fact]
    public void Descent_on_a_quadratic_reaches_its_hand_minimum()
    {
        // x = (1, 1), y = (1, −1): R(p) = ((1 − p)² + (1 + p)²)/2 = 1 + p², min 1 at p = 0.
        var s = SecondMoments.FromSamples(M([1, 1]), M([1, -1]));
        var r = LocalDescent.Run(s, [1, 1], 2, 7);
        Assert.Equal(0, r.Exponent);
        Assert.Equal(2, r.Starts);
        Assert.Equal(2, r.Finals.Count);
        Assert.True(r.Evaluations >= 2);
        Assert.Equal(1.0, r.Lowest, 9);
        Assert.Equal(1.0, r.LowestValue, 9);
        Assert.All(r.Finals, f => Assert.Equal(1.0, f, 9));
        // The rounding bound at p ≈ 0 is γ·(tr Σ_yy + …) ≈ γ·1: positive and tiny.
        Assert.InRange(r.LowestError, 1e-17, 1e-13);
    }

    [Fact]
    public void Descent_on_large_moments_reports_in_units_of_the_power_of_two()
    {
        // The same quadratic times 2²⁰: min 2²⁰, reported as 1 in units of 2²⁰.
        var s = SecondMoments.FromSamples(M([1, 1]), M([1, -1]), Pow2(19));
        var r = LocalDescent.Run(s, [1, 1], 1, 3);
        Assert.Equal(20, r.Exponent);
        Assert.Equal(1.0, r.Lowest, 9);
        Assert.Equal(1.0, r.InUnits(Pow2(20)));
        Assert.Equal(1.0, r.InUnits(1048576.0));
        Assert.Equal(1048576.0, r.LowestValue, 3);
    }

    [Fact]
    public void Descent_of_the_scalar_depth_two_network_escapes_the_saddle()
    {
        // f(w₁, w₂) = (1 − w₂w₁)²: the origin is a saddle with value 1, the minimum 0 lies on w₂w₁ = 1.
        var s = SecondMoments.FromSamples(M([1]), M([1]), F(1));
        var r = LocalDescent.Run(s, [1, 1, 1], 3, 11);
        Assert.Equal(3, r.Finals.Count);
        Assert.InRange(r.Lowest, 0, 1e-10);
    }

    [Fact]
    public void Units_convert_by_the_exponent_both_ways()
    {
        var up = new DescentResult(1.5, 0, 1, 1, [], Exponent: 3);
        Assert.Equal(3.0, up.InUnits(F(24)));  // 24/8
        Assert.Equal(6.0, up.InUnits(48.0));
        Assert.Equal(12.0, up.LowestValue);    // 1.5·8
        var down = new DescentResult(16, 0, 1, 1, [], Exponent: -3);
        Assert.Equal(1.0, down.InUnits(F(1, 8))); // (1/8)·8
        Assert.Equal(4.0, down.InUnits(0.5));
        Assert.Equal(2.0, down.LowestValue);      // 16/8
        var none = new DescentResult(2.5, 0, 1, 1, []);
        Assert.Equal(0, none.Exponent);
        Assert.Equal(2.5, none.InUnits(F(5, 2)));
        Assert.Equal(2.5, none.LowestValue);
    }
}
