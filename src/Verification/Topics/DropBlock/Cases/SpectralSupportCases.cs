using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Reporting;

namespace Verification.Topics.DropBlock;

/// <summary>A matrix X and the index r of the slide's spectral r-support formula.</summary>
public sealed record SpectralSupportCase(Matrix<double> X, int R)
{
    public static SpectralSupportCase Create(Matrix<double> x, int r)
    {
        if (r < 1) throw new ArgumentException($"r must be at least 1, got {r}");
        return new SpectralSupportCase(x, r);
    }
}

/// <summary>Matrices of every style (m, n ≤ 5) with r = 1, below, at and one above min(m, n). `eval` reads X and r.</summary>
public static class SpectralSupportCases
{
    public const int MaxDimension = 5;

    private static Gen<SpectralSupportCase> Generator { get; } = Gen.Sized(size =>
        from shape in Shapes.Dimensions(size, MaxDimension)
        from x in Matrices.Target(shape.M, shape.N)
        from r in Gen.Frequency((1, Gen.Constant(1)), (2, Gen.Choose(1, Math.Min(shape.M, shape.N))), (1, Gen.Constant(Math.Min(shape.M, shape.N) + 1)))
        select new SpectralSupportCase(x, r));

    public static IEnumerable<SpectralSupportCase> Shrink(SpectralSupportCase c)
    {
        if (c.R > 1) yield return c with { R = c.R - 1 };
        for (var i = 0; i < c.X.RowCount && c.X.RowCount > 1; i++) yield return c with { X = c.X.RemoveRow(i) };
        for (var j = 0; j < c.X.ColumnCount && c.X.ColumnCount > 1; j++) yield return c with { X = c.X.RemoveColumn(j) };
        foreach (var x in Generators.Shrink.Entries(c.X)) yield return c with { X = x };
    }

    public static InstanceType<SpectralSupportCase> Any { get; } = InstanceType.Create("matrix X with r", Generator, Shrink,
        c => [new NamedValue("X", Value.Of(c.X)), new NamedValue("r", Value.Of(c.R))]) with
    {
        Reader = input => Validated.Create(() => SpectralSupportCase.Create(Readers.Moderate(input, "X", "both sides scale by c² under X → cX"), input.Integer("r"))),
        Inputs = [new("X", "m×n matrix"), new("r", "the support size, at least 1")],
        SampleInput = """{ "X": [[3, 0, 0], [0, 1, 0], [0, 0, 1]], "r": 2 }""",
        Measure = c => new Dictionary<string, int> { ["m"] = c.X.RowCount, ["n"] = c.X.ColumnCount, ["r"] = c.R, ["rank"] = Matrices.Rank(c.X) },
        Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("r", 1, MaxDimension + 1), new("rank", 0, MaxDimension)],
    };
}
