using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Reporting;

namespace Verification.Topics.Dropout;

/// <summary>
/// Instance types of the dropout objective (Y, U, V, θ): m, n ≤ 5 growing with the size, r = 1, below, at and above
/// min(m, n), zero columns and every matrix style, θ = 1, small θ and simple fractions; and wide instances (r from 12 to 24,
/// the Monte Carlo regime). `eval` reads Y, U, V, theta; "exact": true reads exact rationals.
/// </summary>
public static class DropoutCases
{
    public const int MaxDimension = 5;
    public const int WideMinWidth = 12;
    public const int WideMaxWidth = 24;

    private static Gen<DropoutCase> NarrowGenerator(int maxWidth) => Gen.Sized(size =>
        from shape in Shapes.Factors(size, MaxDimension, maxWidth)
        from y in Matrices.Any(shape.M, shape.N)
        from u in Matrices.Any(shape.M, shape.R)
        from v in Matrices.Any(shape.N, shape.R)
        from theta in Scalars.RetainRate
        select new DropoutCase(y, u, v, theta));

    /// <summary>Wide instances (dimensions ≤ 3, dyadic Y, Gaussian factors), with the widest width mixed in on purpose.</summary>
    public static Gen<DropoutCase> WideGenerator(int minWidth, int maxWidth) =>
        from m in Shapes.Dimension(3)
        from n in Shapes.Dimension(3)
        from r in Gen.Frequency((1, Gen.Constant(maxWidth)), (1, Gen.Choose(minWidth, maxWidth)))
        from y in Matrices.Dyadic(m, n)
        from u in Matrices.Gaussian(m, r)
        from v in Matrices.Gaussian(n, r)
        from theta in Gen.Elements(0.5, 0.75, 0.9, 1.0)
        select new DropoutCase(y, u, v, theta);

    /// <summary>Exact rational instances: small p/q entries and θ = p/q (dimensions ≤ 3), for exact identity checks in tests.</summary>
    public static Gen<ExactDropoutCase> ExactGenerator(int maxWidth) =>
        from m in Shapes.Dimension(3)
        from n in Shapes.Dimension(3)
        from r in Gen.Choose(1, maxWidth)
        from y in Rationals.Matrix(m, n)
        from u in Rationals.Matrix(m, r)
        from v in Rationals.Matrix(n, r)
        from theta in Rationals.RetainRate
        select new ExactDropoutCase(y, u, v, theta);

    /// <summary>Fewer units, rows and columns first; then θ ∈ {1/2, 1}; then simpler entries.</summary>
    public static IEnumerable<DropoutCase> Shrink(DropoutCase c)
    {
        foreach (var (y, u, v) in Generators.Shrink.Smaller(c.Y, c.U, c.V)) yield return c with { Y = y, U = u, V = v };
        foreach (var t in Scalars.ShrinkRetainRate(c.Theta)) yield return c with { Theta = t };
        foreach (var (y, u, v) in Generators.Shrink.SimplerEntries(c.Y, c.U, c.V)) yield return c with { Y = y, U = u, V = v };
    }

    public static IReadOnlyList<NamedValue> Describe(DropoutCase c) => c.ExactTwin is { } e
        ? [new("Y", Value.Of(e.Y)), new("U", Value.Of(e.U)), new("V", Value.Of(e.V)), new("theta", Value.Of(e.Theta))]
        : [new("Y", Value.Of(c.Y)), new("U", Value.Of(c.U)), new("V", Value.Of(c.V)), new("theta", Value.Of(c.Theta))];

    /// <summary>
    /// Y, U, V, theta. With "exact": true the entries are exact rationals and expectations are enumerated exactly; with
    /// --monte-carlo they are estimated; otherwise enumerated in floating point.
    /// </summary>
    public static DropoutCase Read(InputReader input)
    {
        DropoutCase c;
        if (input.IsExact && !input.Options.MonteCarlo)
            c = Validated.Create(() => ExactDropoutCase.Create(input.ExactMatrix("Y"), input.ExactMatrix("U"), input.ExactMatrix("V"), input.ExactScalar("theta"))).ToDoubles();
        else
            c = Validated.Create(() => DropoutCase.Create(input.Matrix("Y"), input.Matrix("U"), input.Matrix("V"), input.Scalar("theta")));
        var method = input.Options.MonteCarlo ? ExpectationMethod.MonteCarlo : input.IsExact ? ExpectationMethod.Exact : ExpectationMethod.Floating;
        return c with { Method = method, Sampling = new MaskSampling(input.Options.Samples, input.Options.Seed) { MaxWork = input.Options.MaxWork } };
    }

    /// <summary>Narrow instances, r ≤ <paramref name="maxWidth"/> (2^r masks enumerated per case).</summary>
    public static InstanceType<DropoutCase> Narrow(int maxWidth, string? name = null) =>
        InstanceType.Create(name ?? $"dropout instance (Y, U, V, θ), r ≤ {maxWidth}", NarrowGenerator(maxWidth), Shrink, Describe) with
        {
            Reader = Read,
            Inputs =
            [
                new("Y", "m×n target"), new("U", "m×r factor"), new("V", "n×r factor"), new("theta", "retain probability in (0,1]"),
                new("exact", "optional: true reads entries as exact rationals (\"p/q\" strings allowed) and enumerates exactly"),
            ],
            SampleInput = """{ "Y": [[1, 0], [0, 2]], "U": [[1, 0.5], [0, 1]], "V": [[1, 0], [0.5, 1]], "theta": 0.5 }""",
            Measure = c => new Dictionary<string, int> { ["m"] = c.Y.RowCount, ["n"] = c.Y.ColumnCount, ["r"] = c.Width, ["rank"] = Matrices.Rank(c.Y) },
            Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("r", 1, maxWidth), new("rank", 0, MaxDimension)],
        };

    /// <summary>Narrow instances (r ≤ <paramref name="enumerated"/>, four in five) and wide ones (r from 12 to 24, one in five).</summary>
    public static InstanceType<DropoutCase> NarrowAndWide(int enumerated)
    {
        var narrow = Narrow(enumerated);
        return narrow.WithGenerator($"dropout instance (Y, U, V, θ), r ≤ {enumerated} or wide ({WideMinWidth} ≤ r ≤ {WideMaxWidth})",
            Gen.Frequency((4, narrow.Generator), (1, WideGenerator(WideMinWidth, WideMaxWidth)))) with
        {
            Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("r", 1, WideMaxWidth), new("rank", 0, MaxDimension)],
        };
    }
}

/// <summary>Instance types of dropout with data (Y, U, V, X, θ): m, n ≤ 4, N ≤ 5 data columns, X of every style.</summary>
public static class InputCases
{
    public const int MaxDimension = 4;

    public static InstanceType<InputCase> WithData(int maxWidth) => InstanceType.Create($"dropout instance with data (Y, U, V, X, θ), r ≤ {maxWidth}",
        Gen.Sized(size =>
            from shape in Shapes.Factors(size, MaxDimension, maxWidth)
            from count in Shapes.Dimension(size, MaxDimension + 1)
            from y in Matrices.Any(shape.M, count)
            from u in Matrices.Any(shape.M, shape.R)
            from v in Matrices.Any(shape.N, shape.R)
            from x in Matrices.Any(shape.N, count)
            from theta in Scalars.RetainRate
            select new InputCase(y, u, v, x, theta)),
        Shrink, Describe) with
    {
        Reader = input => Validated.Create(() => InputCase.Create(input.Matrix("Y"), input.Matrix("U"), input.Matrix("V"), input.Matrix("X"), input.Scalar("theta"))) with
        {
            Method = input.Options.MonteCarlo ? ExpectationMethod.MonteCarlo : ExpectationMethod.Auto,
            Sampling = new MaskSampling(input.Options.Samples, input.Options.Seed) { MaxWork = input.Options.MaxWork },
        },
        Inputs = [new("Y", "m×N targets"), new("U", "m×r factor"), new("V", "n×r factor"), new("X", "n×N data"), new("theta", "retain probability in (0,1]")],
        SampleInput = """{ "Y": [[1, 0, 1]], "U": [[1, 0.5]], "V": [[1, 0], [0.5, 1]], "X": [[1, 0, 2], [0, 1, 1]], "theta": 0.5 }""",
        Measure = c => new Dictionary<string, int> { ["m"] = c.Y.RowCount, ["n"] = c.X.RowCount, ["N"] = c.X.ColumnCount, ["r"] = c.Width, ["rank"] = Matrices.Rank(c.X) },
        Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("N", 1, MaxDimension + 1), new("r", 1, maxWidth), new("rank", 0, MaxDimension)],
    };

    public static IEnumerable<InputCase> Shrink(InputCase c)
    {
        for (var k = 0; k < c.Width && c.Width > 1; k++) yield return c with { U = c.U.RemoveColumn(k), V = c.V.RemoveColumn(k) };
        for (var i = 0; i < c.Y.RowCount && c.Y.RowCount > 1; i++) yield return c with { Y = c.Y.RemoveRow(i), U = c.U.RemoveRow(i) };
        for (var j = 0; j < c.V.RowCount && c.V.RowCount > 1; j++) yield return c with { V = c.V.RemoveRow(j), X = c.X.RemoveRow(j) };
        for (var t = 0; t < c.Y.ColumnCount && c.Y.ColumnCount > 1; t++) yield return c with { Y = c.Y.RemoveColumn(t), X = c.X.RemoveColumn(t) };
        foreach (var theta in Scalars.ShrinkRetainRate(c.Theta)) yield return c with { Theta = theta };
        foreach (var (y, u, v) in Generators.Shrink.SimplerEntries(c.Y, c.U, c.V)) yield return c with { Y = y, U = u, V = v };
        foreach (var x in Generators.Shrink.Entries(c.X)) yield return c with { X = x };
    }

    public static IReadOnlyList<NamedValue> Describe(InputCase c) =>
        [new("Y", Value.Of(c.Y)), new("U", Value.Of(c.U)), new("V", Value.Of(c.V)), new("X", Value.Of(c.X)), new("theta", Value.Of(c.Theta))];
}
