using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.LinearAlgebra;
using Verification.Reporting;

namespace Verification.Topics.DropBlock;

/// <summary>Factors U (m×d), V (n×d) in r blocks of b columns: M = UVᵀ = Σ_g U_gV_gᵀ.</summary>
public sealed record BlockPair(Matrix<double> U, Matrix<double> V, int BlockSize)
{
    public int Width => U.ColumnCount;
    public int Blocks => Width / BlockSize;
    public Matrix<double> Product => U * V.Transpose();

    public static BlockPair Create(Matrix<double> u, Matrix<double> v, int blockSize)
    {
        if (u.ColumnCount != v.ColumnCount) throw new ArgumentException($"mismatched shapes: U has {u.ColumnCount} columns but V has {v.ColumnCount}");
        DropBlockCase.CheckBlocks(u.ColumnCount, blockSize);
        return new BlockPair(u, v, blockSize);
    }
}

/// <summary>
/// Block factor pairs: m, n ≤ 5, r = 1 to 4 blocks of b = 1 to 3 columns; arbitrary pairs of every matrix style, and the
/// constructions from the b-support atoms of a random M (which attain the bound when the atoms split evenly). `eval` reads U, V, b.
/// </summary>
public static class BlockPairCases
{
    public const int MaxDimension = 5;
    public const int MaxBlocks = 4;
    public const int MaxBlockSize = 3;

    private static Gen<(int M, int N, int R, int B)> Shape(int size) =>
        from d in Shapes.Dimensions(size, MaxDimension)
        from r in Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(Shapes.Cap(size, MaxBlocks))), (2, Gen.Choose(1, Shapes.Cap(size, MaxBlocks))))
        from b in Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(MaxBlockSize)), (2, Gen.Choose(1, MaxBlockSize)))
        select (d.M, d.N, r, b);

    private static Gen<BlockPair> Arbitrary { get; } = Gen.Sized(size =>
        from s in Shape(size)
        from u in Matrices.Any(s.M, s.R * s.B)
        from v in Matrices.Any(s.N, s.R * s.B)
        select new BlockPair(u, v, s.B));

    /// <summary>The atom construction of a random target (falling back to its balanced SVD factors in one block when atoms outnumber blocks).</summary>
    private static Gen<BlockPair> Constructed { get; } = Gen.Sized(size =>
        from s in Shape(size)
        from x in Matrices.Target(s.M, s.N)
        let split = BlockShrinkages.Split(x, s.R, s.B)
        let factors = split?.Factors ?? Factorizations.BalancedSvd(x, s.R * s.B)
        select new BlockPair(factors.U, factors.V, s.B));

    public static IEnumerable<BlockPair> Shrink(BlockPair c)
    {
        var b = c.BlockSize;
        for (var g = 0; g < c.Blocks && c.Blocks > 1; g++)
        {
            var keep = Enumerable.Range(0, c.Width).Where(j => j / b != g).ToArray();
            yield return c with { U = Columns(c.U, keep), V = Columns(c.V, keep) };
        }
        for (var i = 0; i < c.U.RowCount && c.U.RowCount > 1; i++) yield return c with { U = c.U.RemoveRow(i) };
        for (var j = 0; j < c.V.RowCount && c.V.RowCount > 1; j++) yield return c with { V = c.V.RemoveRow(j) };
        foreach (var u in Generators.Shrink.Entries(c.U)) yield return c with { U = u };
        foreach (var v in Generators.Shrink.Entries(c.V)) yield return c with { V = v };
    }

    public static Matrix<double> Columns(Matrix<double> m, int[] keep) => Matrix<double>.Build.Dense(m.RowCount, keep.Length, (i, j) => m[i, keep[j]]);

    public static InstanceType<BlockPair> Mixed { get; } = InstanceType.Create("block factor pair (U, V, b): arbitrary or built from b-support atoms",
        Gen.Frequency((2, Arbitrary), (1, Constructed)), Shrink,
        c => [new NamedValue("U", Value.Of(c.U)), new NamedValue("V", Value.Of(c.V)), new NamedValue("b", Value.Of(c.BlockSize))]) with
    {
        Reader = input =>
        {
            DropBlockCases.CheckMaskKind(input, "blocks", "the blocks are the consecutive groups of b columns of U and V");
            var (u, v) = Readers.Pair(input);
            return Validated.Create(() => BlockPair.Create(u, v, input.Integer("b")));
        },
        Inputs = [new("U", "m×d matrix, d = r·b"), new("V", "n×d matrix"), new("b", "block size, dividing d")],
        SampleInput = """{ "U": [[1, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 1]], "V": [[1, 0, 0, 0], [0, 0.5, 0.5, 0], [0, 0, 0, 1]], "b": 2 }""",
        Measure = c => new Dictionary<string, int> { ["m"] = c.U.RowCount, ["n"] = c.V.RowCount, ["r"] = c.Blocks, ["b"] = c.BlockSize },
        Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("r", 1, MaxBlocks), new("b", 1, MaxBlockSize)],
    };
}
