using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Reporting;

namespace Verification.Topics.DropBlock;

/// <summary>The fixed-width DropBlock problem min_{U,V} ‖Y − UVᵀ‖² + λ Σ_g ‖U_gV_gᵀ‖² with r blocks of b columns; the seed of local descent.</summary>
public sealed record BlockShrinkageCase(Matrix<double> Y, double Lambda, int Blocks, int BlockSize, ulong Seed)
{
    public int Width => Blocks * BlockSize;

    public static BlockShrinkageCase Create(Matrix<double> y, double lambda, int blocks, int blockSize)
    {
        if (!(lambda >= 0) || double.IsInfinity(lambda)) throw new ArgumentException($"lambda must be a finite number ≥ 0, got {lambda}");
        if (blockSize < 1) throw new ArgumentException($"block size b must be at least 1, got {blockSize}");
        if (blocks < 1) throw new ArgumentException($"the number of blocks r must be at least 1, got {blocks}");
        return new BlockShrinkageCase(y, lambda, blocks, blockSize, 1);
    }
}

/// <summary>
/// Instances of the DropBlock minimizer (λ &gt; 0): targets built so that the recipe's b-support atoms split evenly into the r blocks
/// (singular values placed so that the prox weights are multiples of 1/r); random targets (m, n ≤ 4); and scaled orthogonal targets
/// s·Q with r = 2 (b ≤ n ≤ 2b), whose minimum is known in closed form. `eval` reads Y, lambda (or theta), r, b.
/// </summary>
public static class BlockShrinkageCases
{
    public const int MaxDimension = 5;
    public const int MaxBlocks = 3;
    public const int MaxBlockSize = 3;

    /// <summary>A count from 1 to max: 1, max, or uniform (so that a short run reaches both ends).</summary>
    public static Gen<int> Count(int max) => Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(max)), (2, Gen.Choose(1, max)));

    private static Gen<double> Lambda { get; } = Gen.Frequency((1, Gen.Elements(0.1, 0.5, 1.0, 3.0)), (1, Scalars.Unit.Select(u => 0.05 + 2 * u)));

    /// <summary>
    /// Y = W diag(y) Zᵀ with y chosen backwards from prox weights c that split evenly: c = 1 on h head entries, c_i = n_i/r
    /// (1 ≤ n_i ≤ r − 1, Σ n_i = r(b − h)) on the tail, 0 below; with α = 1 and μ = λ/r the prox recovers c when y_i = c_i + μ on the
    /// tail, y_i ≥ 1 + μ on the head and y_i ≤ μ below (THEORY.md's formula c_i = clip(α y_i − μ, 0, 1)).
    /// </summary>
    public static Gen<BlockShrinkageCase> EvenSplit { get; } =
        from r in Count(MaxBlocks)
        from b in Count(MaxBlockSize)
        from h in r == 1 ? Gen.Constant(b) : Gen.Choose(0, b - 1)
        from tail in TailCounts(r, r * (b - h))
        where h + tail.Length <= MaxDimension
        from lambda in Lambda
        from extra in Gen.ArrayOf(Scalars.Unit, h)
        from zeros in Gen.Choose(0, MaxDimension - h - tail.Length)
        from low in Gen.ArrayOf(Scalars.Unit, zeros)
        from grow in Gen.Choose(0, 1)
        let mu = lambda / r
        let sigma = extra.Select(e => 1 + mu + e).Concat(tail.Select(t => (double)t / r + mu)).Concat(low.Select(l => 0.9 * mu * l)).OrderByDescending(x => x).ToArray()
        let size = Math.Max(Math.Max(b, sigma.Length), 1)
        from y in Matrices.WithSingularValues(size, Math.Min(MaxDimension, size + grow), sigma)
        from seed in Gen.Choose(0, int.MaxValue)
        select new BlockShrinkageCase(y, lambda, r, b, (ulong)seed);

    /// <summary>Tail counts n_i ∈ [1, r − 1] summing to the total (a random composition); empty when the total is 0.</summary>
    private static Gen<int[]> TailCounts(int r, int total)
    {
        if (total == 0) return Gen.Constant(Array.Empty<int>());
        return Gen.ArrayOf(Gen.Choose(1, r - 1), total).Select(parts =>
        {
            var result = new List<int>();
            var left = total;
            foreach (var p in parts)
            {
                if (left == 0) break;
                var take = Math.Min(p, left);
                result.Add(take);
                left -= take;
            }
            return result.ToArray();
        });
    }

    public static Gen<BlockShrinkageCase> Random { get; } = Gen.Sized(size =>
        from d in Shapes.Dimensions(size, MaxDimension)
        from r in Count(MaxBlocks)
        from b in Count(MaxBlockSize)
        from y in Matrices.Target(d.M, d.N)
        from lambda in Lambda
        from seed in Gen.Choose(0, int.MaxValue)
        select new BlockShrinkageCase(y, lambda, r, b, (ulong)seed));

    public static Gen<BlockShrinkageCase> ScaledOrthogonal { get; } =
        from b in Gen.Choose(1, MaxBlockSize)
        from n in Gen.Choose(b, Math.Min(2 * b, MaxDimension))
        from q in Gen.Frequency((1, Gen.Constant(Matrix<double>.Build.DenseIdentity(n))), (2, Matrices.Orthogonal(n)))
        from s in Gen.Elements(0.5, 1.0, 2.0)
        from lambda in Lambda
        from seed in Gen.Choose(0, int.MaxValue)
        select new BlockShrinkageCase(s * q, lambda, 2, b, (ulong)seed);

    public static IEnumerable<BlockShrinkageCase> Shrink(BlockShrinkageCase c)
    {
        if (c.Blocks > 1) yield return c with { Blocks = c.Blocks - 1 };
        if (c.BlockSize > 1) yield return c with { BlockSize = c.BlockSize - 1 };
        for (var i = 0; i < c.Y.RowCount && c.Y.RowCount > 1; i++) yield return c with { Y = c.Y.RemoveRow(i) };
        for (var j = 0; j < c.Y.ColumnCount && c.Y.ColumnCount > 1; j++) yield return c with { Y = c.Y.RemoveColumn(j) };
        if (c.Lambda != 1) yield return c with { Lambda = 1 };
        foreach (var y in Generators.Shrink.Entries(c.Y)) yield return c with { Y = y };
    }

    public static IReadOnlyList<NamedValue> Describe(BlockShrinkageCase c) =>
        [new("Y", Value.Of(c.Y)), new("lambda", Value.Of(c.Lambda)), new("r", Value.Of(c.Blocks)), new("b", Value.Of(c.BlockSize))];

    private static InstanceType<BlockShrinkageCase> Create(string name, Gen<BlockShrinkageCase> generator) =>
        InstanceType.Create(name, generator, Shrink, Describe) with
        {
            Reader = input =>
            {
                DropBlockCases.CheckMaskKind(input, "blocks", "the blocks are the consecutive groups of b columns of U and V");
                var lambda = Readers.Lambda(input);
                return Validated.Create(() => BlockShrinkageCase.Create(Readers.Moderate(input, "Y", "the objective is homogeneous (Y → cY, U → √c·U, V → √c·V scales f by c² for the same λ)"), lambda, Readers.Width(input, 8, "r", "eval runs local descent over (m + n)·r·b variables"), input.Integer("b")));
            },
            Inputs = [new("Y", "m×n target"), new("lambda", "weight λ ≥ 0 (or theta: retain probability, λ = (1 − θ)/θ)"), new("r", "number of blocks, 1 to 8"), new("b", "block size")],
            SampleInput = """{ "Y": [[2, 0, 0], [0, 1, 0], [0, 0, 1]], "lambda": 1, "r": 2, "b": 2 }""",
            Measure = c => new Dictionary<string, int> { ["m"] = c.Y.RowCount, ["n"] = c.Y.ColumnCount, ["r"] = c.Blocks, ["b"] = c.BlockSize },
            Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("r", 1, MaxBlocks), new("b", 1, MaxBlockSize)],
        };

    /// <summary>Targets whose recipe splits evenly into the r blocks (the hypothesis of dropblock.minimizer.even-split).</summary>
    public static InstanceType<BlockShrinkageCase> Even { get; } = Create("DropBlock target (Y, λ, r, b) whose recipe splits evenly into r blocks", EvenSplit) with
    {
        Sizes = [new("r", 1, MaxBlocks), new("b", 1, MaxBlockSize)],
    };

    /// <summary>Even-split, random and scaled orthogonal targets (random ones only at small sizes, so that a run starts at 1×1).</summary>
    public static InstanceType<BlockShrinkageCase> Mixed { get; } = Create("DropBlock target (Y, λ, r, b): even-split, random or scaled orthogonal",
        Gen.Sized(size => size < 20 ? Random : Gen.Frequency((3, EvenSplit), (1, Random), (1, ScaledOrthogonal))));
}
