using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.LinearAlgebra;
using Verification.Reporting;

namespace Verification.Topics.DropBlock;

/// <summary>A matrix M, a block size b and a number r of blocks (rank M ≤ r·b): is min_{UVᵀ = M} Σ_g ‖U_gV_gᵀ‖² = (1/r)‖M‖_(b)²?</summary>
public sealed record EqualityCase(Matrix<double> M, int BlockSize, int Blocks)
{
    public static EqualityCase Create(Matrix<double> m, int blockSize, int blocks)
    {
        if (blockSize < 1) throw new ArgumentException($"block size b must be at least 1, got {blockSize}");
        if (blocks < 1) throw new ArgumentException($"the number of blocks r must be at least 1, got {blocks}");
        return new EqualityCase(m, blockSize, blocks);
    }
}

/// <summary>
/// Instances of the equality question: targets of every style truncated to rank ≤ r·b (m, n ≤ 5, r ≤ 3, b ≤ 3); targets of rank ≤ b;
/// and scaled orthogonal matrices s·Q (n×n, b ≤ n ≤ 2b) with r = 2, where the minimum is known in closed form. `eval` reads M, b, r.
/// </summary>
public static class EqualityCases
{
    public const int MaxDimension = 5;
    public const int MaxBlocks = 3;
    public const int MaxBlockSize = 3;

    private static Gen<EqualityCase> Truncated { get; } = Gen.Sized(size =>
        from d in Shapes.Dimensions(size, MaxDimension)
        from r in BlockShrinkageCases.Count(MaxBlocks)
        from b in BlockShrinkageCases.Count(MaxBlockSize)
        from x in Matrices.Target(d.M, d.N)
        select new EqualityCase(Thresholding.Svt(x, 0, r * b), b, r));

    private static Gen<EqualityCase> LowRank { get; } =
        from m in Gen.Choose(1, MaxDimension)
        from n in Gen.Choose(1, MaxDimension)
        from b in Gen.Choose(1, MaxBlockSize)
        from r in Gen.Choose(1, MaxBlocks)
        from x in Matrices.WithRank(m, n, Math.Min(b, Math.Min(m, n)))
        select new EqualityCase(x, b, r);

    private static Gen<EqualityCase> ScaledOrthogonal { get; } =
        from b in Gen.Choose(1, MaxBlockSize)
        from n in Gen.Choose(b, Math.Min(2 * b, MaxDimension))
        from q in Gen.Frequency((1, Gen.Constant(Matrix<double>.Build.DenseIdentity(n))), (2, Matrices.Orthogonal(n)))
        from s in Gen.Elements(0.5, 1.0, 2.0)
        select new EqualityCase(s * q, b, 2);

    public static IEnumerable<EqualityCase> Shrink(EqualityCase c)
    {
        if (c.Blocks > 1) yield return c with { Blocks = c.Blocks - 1 };
        if (c.BlockSize > 1) yield return c with { BlockSize = c.BlockSize - 1 };
        for (var i = 0; i < c.M.RowCount && c.M.RowCount > 1; i++) yield return c with { M = c.M.RemoveRow(i) };
        for (var j = 0; j < c.M.ColumnCount && c.M.ColumnCount > 1; j++) yield return c with { M = c.M.RemoveColumn(j) };
        foreach (var m in Generators.Shrink.Entries(c.M)) yield return c with { M = m };
    }

    public static InstanceType<EqualityCase> Any { get; } = InstanceType.Create("target M with b and r (rank M ≤ r·b)",
        Gen.Sized(size => size < 20 ? Truncated : Gen.Frequency((3, Truncated), (1, LowRank), (1, ScaledOrthogonal))), Shrink,
        c => [new NamedValue("M", Value.Of(c.M)), new NamedValue("b", Value.Of(c.BlockSize)), new NamedValue("r", Value.Of(c.Blocks))]) with
    {
        Reader = input => Validated.Create(() => EqualityCase.Create(Readers.Moderate(input, "M", "both sides scale by c² under M → cM"), input.Integer("b"), Readers.Width(input, 8, "r", "eval runs local descent over (m + n)·r·b variables"))),
        Inputs = [new("M", "m×n target of rank ≤ r·b"), new("b", "block size"), new("r", "number of blocks, 1 to 8")],
        SampleInput = """{ "M": [[2, 0], [0, 1]], "b": 2, "r": 2 }""",
        Measure = c => new Dictionary<string, int> { ["m"] = c.M.RowCount, ["n"] = c.M.ColumnCount, ["r"] = c.Blocks, ["b"] = c.BlockSize, ["rank"] = Matrices.Rank(c.M) },
        Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("r", 1, MaxBlocks), new("b", 1, MaxBlockSize)],
    };
}
