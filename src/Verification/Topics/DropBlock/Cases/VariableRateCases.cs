using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Reporting;
using Verification.Topics.Dropout;

namespace Verification.Topics.DropBlock;

/// <summary>A target M, block size b and base retain rate θ₁ of variable-rate DropBlock (θ_r = θ₁/(r − (r−1)θ₁)).</summary>
public sealed record BlockVariableRateCase(Matrix<double> M, int BlockSize, double Theta1)
{
    public double Lambda1 => DropoutObjective.Lambda(Theta1);

    public static BlockVariableRateCase Create(Matrix<double> m, int blockSize, double theta1)
    {
        if (blockSize < 1) throw new ArgumentException($"block size b must be at least 1, got {blockSize}");
        if (!(theta1 > 0 && theta1 <= 1)) throw new ArgumentException($"theta1 must lie in (0,1], got {theta1}");
        return new BlockVariableRateCase(m, blockSize, theta1);
    }
}

/// <summary>Targets of every style (m, n ≤ 4), b = 1 to 3, θ₁ of every kind. `eval` reads M, b, theta1.</summary>
public static class VariableRateCases
{
    public const int MaxDimension = 4;
    public const int MaxBlockSize = 3;

    private static Gen<BlockVariableRateCase> Generator { get; } = Gen.Sized(size =>
        from d in Shapes.Dimensions(size, MaxDimension)
        from b in Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(MaxBlockSize)), (2, Gen.Choose(1, MaxBlockSize)))
        from m in Matrices.Target(d.M, d.N)
        from theta in Scalars.RetainRate
        select new BlockVariableRateCase(m, b, theta));

    public static IEnumerable<BlockVariableRateCase> Shrink(BlockVariableRateCase c)
    {
        if (c.BlockSize > 1) yield return c with { BlockSize = c.BlockSize - 1 };
        for (var i = 0; i < c.M.RowCount && c.M.RowCount > 1; i++) yield return c with { M = c.M.RemoveRow(i) };
        for (var j = 0; j < c.M.ColumnCount && c.M.ColumnCount > 1; j++) yield return c with { M = c.M.RemoveColumn(j) };
        foreach (var t in Scalars.ShrinkRetainRate(c.Theta1)) yield return c with { Theta1 = t };
        foreach (var m in Generators.Shrink.Entries(c.M)) yield return c with { M = m };
    }

    public static InstanceType<BlockVariableRateCase> Any { get; } = InstanceType.Create("target M with b and θ₁", Generator, Shrink,
        c => [new NamedValue("M", Value.Of(c.M)), new NamedValue("b", Value.Of(c.BlockSize)), new NamedValue("theta1", Value.Of(c.Theta1))]) with
    {
        Reader = input => Validated.Create(() => BlockVariableRateCase.Create(Readers.Moderate(input, "M", "both sides scale by c² under M → cM"), input.Integer("b"), Readers.RetainRate(input, "theta1"))),
        Inputs = [new("M", "m×n target"), new("b", "block size"), new("theta1", "retain probability θ₁ in (0,1]")],
        SampleInput = """{ "M": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "b": 2, "theta1": 0.5 }""",
        Measure = c => new Dictionary<string, int> { ["m"] = c.M.RowCount, ["n"] = c.M.ColumnCount, ["b"] = c.BlockSize, ["rank"] = Matrices.Rank(c.M) },
        Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("b", 1, MaxBlockSize), new("rank", 0, MaxDimension)],
    };
}
