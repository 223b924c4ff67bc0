using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Dropout;

namespace Verification.Topics.DropBlock;

/// <summary>
/// Instance types of DropBlock (Y, U, V, X, b, θ): m, n, N ≤ 4, r = 1 to 5 blocks of b = 1 to 3 units (2^r block masks
/// enumerated per case), X = I (omitted) or an n×N matrix of every style, zero columns and every matrix style, θ = 1, small θ and
/// simple fractions; and wide instances (r = 12 to 20 blocks, the Monte Carlo regime). `eval` reads Y, U, V, X (optional), b,
/// theta; "exact": true reads exact rationals.
/// </summary>
public static class DropBlockCases
{
    public const int MaxDimension = 4;
    public const int MaxBlocks = 5;
    public const int MaxBlockSize = 3;
    public const int WideMinBlocks = 12;
    public const int WideMaxBlocks = 20;

    /// <summary>A block size: 1, the largest, or uniform (mixed so that a run reaches both ends).</summary>
    private static Gen<int> BlockSize { get; } = Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(MaxBlockSize)), (2, Gen.Choose(1, MaxBlockSize)));

    private static Gen<int> Blocks(int size)
    {
        var cap = Shapes.Cap(size, MaxBlocks);
        return Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(cap)), (2, Gen.Choose(1, cap)));
    }

    /// <summary>X = I (null) half the time, else an n×N matrix of every style.</summary>
    private static Gen<Matrix<double>?> Data(int n, int count) =>
        Gen.Frequency((1, Gen.Constant<Matrix<double>?>(null)), (1, Matrices.Any(n, count).Select(x => (Matrix<double>?)x)));

    private static Gen<DropBlockCase> NarrowGenerator(bool squareData) => Gen.Sized(size =>
        from shape in Shapes.Dimensions(size, MaxDimension)
        from r in Blocks(size)
        from b in BlockSize
        from count in squareData ? Gen.Constant(shape.N) : Shapes.Dimension(size, MaxDimension)
        from x in Data(shape.N, count)
        from y in Matrices.Any(shape.M, x is null ? shape.N : count)
        from u in Matrices.Any(shape.M, r * b)
        from v in Matrices.Any(shape.N, r * b)
        from theta in Scalars.RetainRate
        select new DropBlockCase(y, u, v, x, b, theta));

    /// <summary>Wide instances (dimensions ≤ 3, dyadic Y, Gaussian factors, b ≤ 2), the widest mixed in on purpose.</summary>
    private static Gen<DropBlockCase> WideGenerator { get; } =
        from m in Shapes.Dimension(3)
        from n in Shapes.Dimension(3)
        from r in Gen.Frequency((1, Gen.Constant(WideMaxBlocks)), (1, Gen.Choose(WideMinBlocks, WideMaxBlocks)))
        from b in Gen.Choose(1, 2)
        from y in Matrices.Dyadic(m, n)
        from u in Matrices.Gaussian(m, r * b)
        from v in Matrices.Gaussian(n, r * b)
        from theta in Gen.Elements(0.5, 0.75, 0.9, 1.0)
        select new DropBlockCase(y, u, v, null, b, theta);

    /// <summary>Fewer blocks, rows, columns and data columns first; X = I; then θ ∈ {1/2, 1}; then simpler entries.</summary>
    public static IEnumerable<DropBlockCase> Shrink(DropBlockCase c)
    {
        var b = c.BlockSize;
        for (var g = 0; g < c.Blocks && c.Blocks > 1; g++)
            yield return c with { U = RemoveBlock(c.U, g, b), V = RemoveBlock(c.V, g, b) };
        for (var i = 0; i < c.Y.RowCount && c.Y.RowCount > 1; i++) yield return c with { Y = c.Y.RemoveRow(i), U = c.U.RemoveRow(i) };
        if (c.X is null)
        {
            for (var j = 0; j < c.Y.ColumnCount && c.Y.ColumnCount > 1; j++) yield return c with { Y = c.Y.RemoveColumn(j), V = c.V.RemoveRow(j) };
        }
        else
        {
            for (var j = 0; j < c.V.RowCount && c.V.RowCount > 1; j++) yield return c with { V = c.V.RemoveRow(j), X = c.X.RemoveRow(j) };
            for (var t = 0; t < c.Y.ColumnCount && c.Y.ColumnCount > 1; t++) yield return c with { Y = c.Y.RemoveColumn(t), X = c.X.RemoveColumn(t) };
        }
        if (b > 1)
            for (var k = 0; k < b; k++) // one unit fewer in every block
                yield return c with { U = RemoveUnit(c.U, k, b), V = RemoveUnit(c.V, k, b), BlockSize = b - 1 };
        foreach (var t in Scalars.ShrinkRetainRate(c.Theta)) yield return c with { Theta = t };
        foreach (var (y, u, v) in Generators.Shrink.SimplerEntries(c.Y, c.U, c.V)) yield return c with { Y = y, U = u, V = v };
        if (c.X is not null)
            foreach (var x in Generators.Shrink.Entries(c.X)) yield return c with { X = x };
    }

    private static Matrix<double> RemoveBlock(Matrix<double> m, int g, int b)
    {
        var result = m;
        for (var k = 0; k < b; k++) result = result.RemoveColumn(g * b);
        return result;
    }

    private static Matrix<double> RemoveUnit(Matrix<double> m, int k, int b)
    {
        var keep = Enumerable.Range(0, m.ColumnCount).Where(j => j % b != k).ToArray();
        return Matrix<double>.Build.Dense(m.RowCount, keep.Length, (i, j) => m[i, keep[j]]);
    }

    public static IReadOnlyList<NamedValue> Describe(DropBlockCase c)
    {
        if (c.ExactTwin is { } e)
        {
            var exact = new List<NamedValue> { new("Y", Value.Of(e.Y)), new("U", Value.Of(e.U)), new("V", Value.Of(e.V)) };
            exact.Add(new("X", e.X is null ? Value.Of("I") : Value.Of(e.X)));
            exact.Add(new("b", Value.Of(e.BlockSize)));
            exact.Add(new("theta", Value.Of(e.Theta)));
            return exact;
        }
        var values = new List<NamedValue> { new("Y", Value.Of(c.Y)), new("U", Value.Of(c.U)), new("V", Value.Of(c.V)) };
        values.Add(new("X", c.X is null ? Value.Of("I") : Value.Of(c.X)));
        values.Add(new("b", Value.Of(c.BlockSize)));
        values.Add(new("theta", Value.Of(c.Theta)));
        return values;
    }

    /// <summary>The optional "masks" key names what DropBlock masks; anything else is the wrong kind of mask for these claims.</summary>
    public static void CheckMaskKind(InputReader input, string expected, string alternative)
    {
        if (!input.Has("masks")) return;
        var kind = input.Text("masks");
        if (kind != expected) throw new InputException($"\"masks\" is \"{kind}\", but these claims mask {expected}; {alternative}");
    }

    /// <summary>Y, U, V, X (optional: X = I), b, theta; "exact": true reads exact rationals, --monte-carlo samples.</summary>
    public static DropBlockCase Read(InputReader input)
    {
        CheckMaskKind(input, "blocks", "for masks on single units use dropout.expectation (or dropout.expectation-with-input with data)");
        var b = input.Integer("b");
        DropBlockCase c;
        if (input.IsExact && !input.Options.MonteCarlo)
            c = Validated.Create(() => ExactDropBlockCase.Create(input.ExactMatrix("Y"), input.ExactMatrix("U"), input.ExactMatrix("V"),
                input.Has("X") ? input.ExactMatrix("X") : null, b, input.ExactScalar("theta"))).ToDoubles();
        else
            c = Validated.Create(() => DropBlockCase.Create(input.Matrix("Y"), input.Matrix("U"), input.Matrix("V"),
                input.Has("X") ? input.Matrix("X") : null, b, input.Scalar("theta")));
        var method = input.Options.MonteCarlo ? ExpectationMethod.MonteCarlo : input.IsExact ? ExpectationMethod.Exact : ExpectationMethod.Floating;
        return c with { Method = method, Sampling = new MaskSampling(input.Options.Samples, input.Options.Seed) { MaxWork = input.Options.MaxWork } };
    }

    private static IReadOnlyDictionary<string, int> Measure(DropBlockCase c)
    {
        var sizes = new Dictionary<string, int> { ["m"] = c.Y.RowCount, ["n"] = c.V.RowCount, ["r"] = c.Blocks, ["b"] = c.BlockSize, ["X = I"] = c.X is null ? 1 : 0 };
        if (c.X is not null) sizes["N"] = c.X.ColumnCount;
        return sizes;
    }

    private static InstanceType<DropBlockCase> Create(string name, Gen<DropBlockCase> generator, int maxBlocks) =>
        InstanceType.Create(name, generator, Shrink, Describe) with
        {
            Reader = Read,
            Inputs =
            [
                new("Y", "m×N target (m×n without X)"), new("U", "m×d factor, d = r·b"), new("V", "n×d factor"),
                new("X", "optional n×N data (omitted: X = I)"), new("b", "block size, dividing d"), new("theta", "retain probability in (0,1]"),
                new("exact", "optional: true reads entries as exact rationals (\"p/q\" strings allowed) and enumerates exactly"),
                new("masks", "optional: \"blocks\" (what DropBlock masks)"),
            ],
            SampleInput = """{ "Y": [[1, 0], [0, 2]], "U": [[1, 0.5, 0, 1], [0, 1, 1, 0]], "V": [[1, 0, 0.5, 0], [0.5, 1, 0, 1]], "b": 2, "theta": 0.5 }""",
            Measure = Measure,
            Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("N", 1, MaxDimension), new("r", 1, maxBlocks), new("b", 1, MaxBlockSize), new("X = I", 0, 1)],
        };

    /// <summary>Narrow instances (r ≤ 5 blocks, enumerated) seven times in eight, wide ones (12 ≤ r ≤ 20, Monte Carlo) once.</summary>
    public static InstanceType<DropBlockCase> NarrowAndWide { get; } =
        Create($"DropBlock instance (Y, U, V, X, b, θ), r ≤ {MaxBlocks} blocks or wide ({WideMinBlocks} ≤ r ≤ {WideMaxBlocks})",
            Gen.Frequency((7, NarrowGenerator(squareData: false)), (1, WideGenerator)), WideMaxBlocks);

    /// <summary>Narrow instances whose data X, when given, is square (n×n), so that the slide's ‖Y − UVᵀ‖ is defined.</summary>
    public static InstanceType<DropBlockCase> SquareData { get; } =
        Create($"DropBlock instance (Y, U, V, X, b, θ), X = I or n×n, r ≤ {MaxBlocks} blocks", NarrowGenerator(squareData: true), MaxBlocks);
}
