using FsCheck;
using FsCheck.Fluent;
using Verification.Numerics;

namespace Verification.Generators;

/// <summary>Scalar generators: uniform and Gaussian doubles, small integers, dyadic rationals, retain rates θ.</summary>
public static class Scalars
{
    private const int Resolution = 1 << 30;

    /// <summary>Uniform on [0, 1).</summary>
    public static Gen<double> Unit { get; } = Gen.Choose(0, Resolution - 1).Select(k => k / (double)Resolution);

    /// <summary>Standard normal (Box–Muller on two uniforms).</summary>
    public static Gen<double> Gaussian { get; } =
        Gen.Zip(Gen.Choose(1, Resolution), Gen.Choose(0, Resolution - 1))
           .Select(t => Normal.FromUniforms(t.Item1 / (double)Resolution, t.Item2 / (double)Resolution));

    public static Gen<double> SmallInteger(int bound) => Gen.Choose(-bound, bound).Select(k => (double)k);

    /// <summary>k/4 with |k| ≤ 4·bound: readable and exactly representable in double precision.</summary>
    public static Gen<double> Dyadic(int bound) => Gen.Choose(-4 * bound, 4 * bound).Select(k => k / 4.0);

    /// <summary>
    /// Retain probabilities θ ∈ (0, 1]: exactly 1, values near 0, simple fractions, and uniform draws, mixed on purpose.
    /// </summary>
    public static Gen<double> RetainRate { get; } = Gen.Frequency(
        (1, Gen.Constant(1.0)),
        (1, Gen.Elements(1e-3, 1e-2, 0.05)),
        (3, Gen.Elements(0.5, 0.25, 0.75, 0.125, 0.875)),
        (5, Unit.Select(u => 0.05 + 0.95 * u)));

    /// <summary>Retain probabilities θ ∈ (0, 1): as <see cref="RetainRate"/> without θ = 1 (dropout active, λ &gt; 0).</summary>
    public static Gen<double> RetainRateBelowOne { get; } = Gen.Frequency(
        (1, Gen.Elements(1e-3, 1e-2, 0.05)),
        (3, Gen.Elements(0.5, 0.25, 0.75, 0.125, 0.875)),
        (5, Unit.Select(u => 0.05 + 0.9 * u)));

    /// <summary>Simpler retain rates to try while shrinking: 1 and 1/2.</summary>
    public static IEnumerable<double> ShrinkRetainRate(double theta)
    {
        if (theta != 0.5) yield return 0.5;
        if (theta != 1.0 && theta != 0.5) yield return 1.0;
    }
}
