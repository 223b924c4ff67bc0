using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Reporting;

namespace Verification.Topics.Depth;

/// <summary>The k-fold sawtooth m_k, built as m_j ∘ m_{k−j} (the split j) by generic composition, and as a k-layer network.</summary>
public sealed record SawtoothCase(int K, int Split);

/// <summary>Instances of depth.sawtooth: k = 1..12 in a check run (k up to <see cref="Sawtooth.MaxK"/> in `eval` and the tests), every split.</summary>
public static class SawtoothCases
{
    /// <summary>The largest k of a catalog run (2^12 pieces); the tests check k = 20 and `eval` reaches <see cref="Sawtooth.MaxK"/>.</summary>
    public const int MaxCheckK = 12;

    private static Gen<SawtoothCase> Generator { get; } = Gen.Sized(size =>
        from k in Shapes.Dimension(size, MaxCheckK)
        from split in Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(k)), (2, Gen.Choose(1, k)))
        select new SawtoothCase(k, split));

    public static IEnumerable<SawtoothCase> Shrink(SawtoothCase c)
    {
        if (c.K > 1) yield return new SawtoothCase(c.K - 1, Math.Min(c.Split, c.K - 1));
        if (c.Split != 1) yield return c with { Split = 1 };
    }

    public static IReadOnlyList<NamedValue> Describe(SawtoothCase c) => [new("k", Value.Of((long)c.K)), new("split", Value.Of((long)c.Split))];

    public static InstanceType<SawtoothCase> Any { get; } = InstanceType.Create("sawtooth depth and split (k, j)", Generator, Shrink, Describe) with
    {
        Reader = input =>
        {
            var k = input.Integer("k");
            if (k < 1) throw new InputException($"k must be at least 1, got {k}");
            if (k > Sawtooth.MaxK) throw new InputException($"k = {k} is above the limit {Sawtooth.MaxK}: m_k has 2^k exact pieces (2^{Sawtooth.MaxK} already takes seconds and about a GB)");
            var split = input.Has("split") ? input.Integer("split") : 1;
            if (split < 1 || split > k) throw new InputException($"split must satisfy 1 ≤ split ≤ k = {k}, got {split}");
            return new SawtoothCase(k, split);
        },
        Inputs = [new("k", $"number of compositions, 1 to {Sawtooth.MaxK}"), new("split", "optional j: build m_k = m_j ∘ m_{k−j} (default 1)")],
        SampleInput = """{ "k": 3 }""",
        Measure = c => new Dictionary<string, int> { ["k"] = c.K },
        Sizes = [new("k", 1, MaxCheckK)],
    };
}
