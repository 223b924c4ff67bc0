using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Depth;

/// <summary>The folding construction of width n and depth L, with the last hidden layer's thresholds t and readout v.</summary>
public sealed record FoldingCase(int N, int L, Rational[] Thresholds, Rational[] Readout)
{
    public ReluNetwork Network => Folding.Network(N, L, Thresholds, Readout);
}

/// <summary>
/// Instances of depth.montufar-regions: n = 1..6, L = 1..4, the last layer either the default (t_j = j/(n + 1), v = 1) or random
/// (distinct thresholds p/q in (0, 1), nonzero readouts p/q with a nonzero last slope).
/// </summary>
public static class FoldingCases
{
    public const int MaxWidth = 6;
    public const int MaxDepth = 4;

    /// <summary>The largest count `eval` builds: n^{L−1}(n + 1) ≤ 2^22.</summary>
    public static readonly BigInteger MaxEvalPieces = 1 << 22;

    private static Gen<FoldingCase> RandomLastLayer(int n, int depth) =>
        from q in Gen.Choose(n + 1, 4 * n + 4)
        from picks in Gen.Shuffle(Enumerable.Range(1, q - 1).ToArray())
        from readout in Gen.ArrayOf(Gen.Zip(Gen.Elements(-3, -2, -1, 1, 2, 3), Gen.Choose(1, 3)).Select(t => Rational.Of(t.Item1, t.Item2)), n)
        select Make(n, depth, picks.Take(n).OrderBy(p => p).Select(p => Rational.Of(p, q)).ToArray(), readout);

    /// <summary>A case whose last slope v_2 + … + v_n is nonzero (v_n is flipped when the sum vanishes).</summary>
    private static FoldingCase Make(int n, int depth, Rational[] thresholds, Rational[] readout)
    {
        if (n >= 2 && readout.Skip(1).Aggregate(Rational.Zero, (s, v) => s + v).IsZero) readout[^1] = -readout[^1];
        return new FoldingCase(n, depth, thresholds, readout);
    }

    public static FoldingCase Default(int n, int depth)
    {
        var (t, v) = Folding.DefaultLastLayer(n);
        return new FoldingCase(n, depth, t, v);
    }

    private static Gen<FoldingCase> Generator { get; } = Gen.Sized(size =>
        from n in Shapes.Dimension(size, MaxWidth)
        from depth in Shapes.Dimension(size, MaxDepth)
        from c in Gen.Frequency((1, Gen.Constant(Default(n, depth))), (2, RandomLastLayer(n, depth)))
        select c);

    public static IEnumerable<FoldingCase> Shrink(FoldingCase c)
    {
        if (c.L > 1) yield return c with { L = c.L - 1 };
        if (c.N > 1) yield return Default(c.N - 1, c.L);
        var d = Default(c.N, c.L);
        if (!d.Thresholds.SequenceEqual(c.Thresholds) || !d.Readout.SequenceEqual(c.Readout)) yield return d;
    }

    public static IReadOnlyList<NamedValue> Describe(FoldingCase c) =>
        [new("n", Value.Of((long)c.N)), new("L", Value.Of((long)c.L)), new("t", RationalValues.Row(c.Thresholds)), new("v", RationalValues.Row(c.Readout))];

    public static InstanceType<FoldingCase> Any { get; } = InstanceType.Create("folding construction (n, L, t, v)", Generator, Shrink, Describe) with
    {
        Reader = input =>
        {
            var n = input.Integer("n");
            var depth = input.Integer("L");
            if (n < 1) throw new InputException($"n must be at least 1, got {n}");
            if (depth < 1) throw new InputException($"L must be at least 1, got {depth}");
            if (n > 64 || depth > 64 || PieceBounds.Montufar(n, depth) > MaxEvalPieces)
                throw new InputException($"n = {n}, L = {depth} gives n^(L-1)(n+1) = {(n > 64 || depth > 64 ? "too many" : PieceBounds.Montufar(n, depth).ToString())} pieces, above the limit {MaxEvalPieces} of exact counting");
            var (t, v) = Folding.DefaultLastLayer(n);
            if (input.Has("t")) t = RationalValues.ExactVector(input, "t");
            if (input.Has("v")) v = RationalValues.ExactVector(input, "v");
            var c = new FoldingCase(n, depth, t, v);
            Validated.Create(() => c.Network);
            return c;
        },
        Inputs = [new("n", "width of every hidden layer"), new("L", "number of hidden layers; n^(L−1)(n + 1) ≤ 2^22"),
            new("t", "optional thresholds t_1 < … < t_n in (0, 1) of the last layer (default j/(n + 1))"), new("v", "optional nonzero readout of the last layer (default 1, …, 1)")],
        SampleInput = """{ "n": 3, "L": 2 }""",
        Measure = c => new Dictionary<string, int> { ["n"] = c.N, ["L"] = c.L },
        Sizes = [new("n", 1, MaxWidth), new("L", 1, MaxDepth)],
    };
}
