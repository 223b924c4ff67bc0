using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.LinearNetworks;

/// <summary>Samples X (n₀×N), Y (n₂×N) and factors U (n₂×n₁), V (n₀×n₁); rational (decided exactly) or Gaussian (floating point).</summary>
public sealed record RiskCase(ExactMatrix X, ExactMatrix Y, ExactMatrix U, ExactMatrix V, bool Exact)
{
    public static RiskCase Create(ExactMatrix x, ExactMatrix y, ExactMatrix u, ExactMatrix v, bool exact)
    {
        if (x.ColumnCount != y.ColumnCount) throw new ArgumentException($"mismatched shapes: X has {x.ColumnCount} samples (columns) but Y has {y.ColumnCount}");
        if (u.RowCount != y.RowCount) throw new ArgumentException($"mismatched shapes: U has {u.RowCount} rows but Y has {y.RowCount}");
        if (v.RowCount != x.RowCount) throw new ArgumentException($"mismatched shapes: V has {v.RowCount} rows but X has {x.RowCount}");
        if (u.ColumnCount != v.ColumnCount) throw new ArgumentException($"mismatched shapes: U has {u.ColumnCount} columns but V has {v.ColumnCount}");
        return new RiskCase(x, y, u, v, exact);
    }
}

/// <summary>Instances of linear.risk-trace: n₀, n₁, n₂ ≤ 4 and N ≤ 5, growing with the size; small rationals (2 in 3) or Gaussian.</summary>
public static class RiskCases
{
    public const int MaxDimension = 4;
    public const int MaxSamples = 5;

    private static Gen<RiskCase> Generator { get; } = Gen.Sized(size =>
        from shape in Shapes.Factors(size, MaxDimension, MaxDimension)
        from samples in Shapes.Dimension(size, MaxSamples)
        from exact in Gen.Frequency((2, Gen.Constant(true)), (1, Gen.Constant(false)))
        from c in exact
            ? from x in SampleGenerators.SmallRationals(shape.N, samples)
              from y in SampleGenerators.SmallRationals(shape.M, samples)
              from u in SampleGenerators.SmallRationals(shape.M, shape.R)
              from v in SampleGenerators.SmallRationals(shape.N, shape.R)
              select new RiskCase(x, y, u, v, true)
            : from x in Matrices.Gaussian(shape.N, samples)
              from y in Matrices.Gaussian(shape.M, samples)
              from u in Matrices.Gaussian(shape.M, shape.R)
              from v in Matrices.Gaussian(shape.N, shape.R)
              select new RiskCase(ExactMatrix.FromDoubles(x), ExactMatrix.FromDoubles(y), ExactMatrix.FromDoubles(u), ExactMatrix.FromDoubles(v), false)
        select c);

    /// <summary>A unit, a sample, an input or an output fewer; then simpler entries (rationals from then on).</summary>
    public static IEnumerable<RiskCase> Shrink(RiskCase c)
    {
        for (var k = 0; k < c.U.ColumnCount && c.U.ColumnCount > 1; k++)
            yield return c with { U = SampleGenerators.RemoveColumn(c.U, k), V = SampleGenerators.RemoveColumn(c.V, k) };
        for (var t = 0; t < c.X.ColumnCount && c.X.ColumnCount > 1; t++)
            yield return c with { X = SampleGenerators.RemoveColumn(c.X, t), Y = SampleGenerators.RemoveColumn(c.Y, t) };
        for (var i = 0; i < c.X.RowCount && c.X.RowCount > 1; i++)
            yield return c with { X = SampleGenerators.RemoveRow(c.X, i), V = SampleGenerators.RemoveRow(c.V, i) };
        for (var i = 0; i < c.Y.RowCount && c.Y.RowCount > 1; i++)
            yield return c with { Y = SampleGenerators.RemoveRow(c.Y, i), U = SampleGenerators.RemoveRow(c.U, i) };
        foreach (var x in SampleGenerators.SimplerEntries(c.X)) yield return c with { X = x, Exact = true };
        foreach (var y in SampleGenerators.SimplerEntries(c.Y)) yield return c with { Y = y, Exact = true };
        foreach (var u in SampleGenerators.SimplerEntries(c.U)) yield return c with { U = u, Exact = true };
        foreach (var v in SampleGenerators.SimplerEntries(c.V)) yield return c with { V = v, Exact = true };
    }

    public static IReadOnlyList<NamedValue> Describe(RiskCase c) =>
    [
        new("X", SampleGenerators.Show(c.X, c.Exact)), new("Y", SampleGenerators.Show(c.Y, c.Exact)),
        new("U", SampleGenerators.Show(c.U, c.Exact)), new("V", SampleGenerators.Show(c.V, c.Exact)),
    ];

    public static InstanceType<RiskCase> Any { get; } = InstanceType.Create("samples and factors (X, Y, U, V)", Generator, Shrink, Describe) with
    {
        Reader = input =>
        {
            ExactMatrix Matrix(string key) => input.IsExact ? input.ExactMatrix(key) : ExactMatrix.FromDoubles(input.Matrix(key));
            var (x, y, u, v) = (Matrix("X"), Matrix("Y"), Matrix("U"), Matrix("V"));
            return Validated.Create(() => RiskCase.Create(x, y, u, v, input.IsExact));
        },
        Inputs =
        [
            new("X", "n₀×N samples (columns)"), new("Y", "n₂×N targets"), new("U", "n₂×n₁ factor"), new("V", "n₀×n₁ factor"),
            new("exact", "optional: true reads exact rationals (\"p/q\" allowed) and compares exactly"),
        ],
        SampleInput = """{ "exact": true, "X": [[1, 0, 2], [0, 1, 1]], "Y": [[1, "1/2", 0]], "U": [[1, -1]], "V": [[1, 0], ["1/3", 2]] }""",
        Measure = c => new Dictionary<string, int> { ["n0"] = c.X.RowCount, ["n1"] = c.U.ColumnCount, ["n2"] = c.Y.RowCount, ["N"] = c.X.ColumnCount },
        Sizes = [new("n0", 1, MaxDimension), new("n1", 1, MaxDimension), new("n2", 1, MaxDimension), new("N", 1, MaxSamples)],
    };
}
