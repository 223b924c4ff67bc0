using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Dropout;

namespace Verification.Topics.DropConnect;

/// <summary>
/// Instance types of DropConnect (Y, U, V, X, θ): m, n, N ≤ 4 and r ≤ 4, X = I (omitted) or an n×N matrix of every style, zero
/// columns and every matrix style, θ = 1, small θ and simple fractions; and wide instances (r from 10 to 16, beyond enumeration of
/// the input layer's n·r masks, the Monte Carlo regime). `eval` reads Y, U, V, X (optional), theta; "exact": true reads rationals.
/// </summary>
public static class DropConnectCases
{
    public const int MaxDimension = 4;
    public const int MaxWidth = 4;
    public const int WideMinWidth = 10;
    public const int WideMaxWidth = 16;

    private static Gen<Matrix<double>?> Data(int n, int count) =>
        Gen.Frequency((1, Gen.Constant<Matrix<double>?>(null)), (2, Matrices.Any(n, count).Select(x => (Matrix<double>?)x)));

    private static Gen<DropConnectCase> Narrow { get; } = Gen.Sized(size =>
        from shape in Shapes.Factors(size, MaxDimension, MaxWidth)
        from count in Shapes.Dimension(size, MaxDimension)
        from x in Data(shape.N, count)
        from y in Matrices.Any(shape.M, x is null ? shape.N : count)
        from u in Matrices.Any(shape.M, shape.R)
        from v in Matrices.Any(shape.N, shape.R)
        from theta in Scalars.RetainRate
        select new DropConnectCase(y, u, v, x, theta));

    private static Gen<DropConnectCase> Wide { get; } =
        from m in Shapes.Dimension(3)
        from n in Shapes.Dimension(3)
        from count in Shapes.Dimension(3)
        from r in Gen.Frequency((1, Gen.Constant(WideMaxWidth)), (1, Gen.Choose(WideMinWidth, WideMaxWidth)))
        from x in Matrices.Gaussian(n, count)
        from y in Matrices.Dyadic(m, count)
        from u in Matrices.Gaussian(m, r)
        from v in Matrices.Gaussian(n, r)
        from theta in Gen.Elements(0.5, 0.75, 0.9, 1.0)
        select new DropConnectCase(y, u, v, x, theta);

    public static IEnumerable<DropConnectCase> Shrink(DropConnectCase c)
    {
        for (var k = 0; k < c.Width && c.Width > 1; k++) yield return c with { U = c.U.RemoveColumn(k), V = c.V.RemoveColumn(k) };
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
        foreach (var t in Scalars.ShrinkRetainRate(c.Theta)) yield return c with { Theta = t };
        foreach (var (y, u, v) in Generators.Shrink.SimplerEntries(c.Y, c.U, c.V)) yield return c with { Y = y, U = u, V = v };
        if (c.X is not null)
            foreach (var x in Generators.Shrink.Entries(c.X)) yield return c with { X = x };
    }

    public static IReadOnlyList<NamedValue> Describe(DropConnectCase c)
    {
        if (c.ExactTwin is { } e)
            return [new("Y", Value.Of(e.Y)), new("U", Value.Of(e.U)), new("V", Value.Of(e.V)), new("X", e.X is null ? Value.Of("I") : Value.Of(e.X)), new("theta", Value.Of(e.Theta))];
        return [new("Y", Value.Of(c.Y)), new("U", Value.Of(c.U)), new("V", Value.Of(c.V)), new("X", c.X is null ? Value.Of("I") : Value.Of(c.X)), new("theta", Value.Of(c.Theta))];
    }

    /// <summary>Y, U, V, X (optional), theta, and the optional "masks" naming the masked layer ("U" or "V").</summary>
    public static Func<InputReader, DropConnectCase> Reader(Layer layer) => input =>
    {
        var expected = layer == Layer.Output ? "U" : "V";
        if (input.Has("masks") && input.Text("masks") != expected)
            throw new InputException($"\"masks\" is \"{input.Text("masks")}\", but this claim masks the entries of {expected}; for masks on {(layer == Layer.Output ? "V use dropconnect.input-layer" : "U use dropconnect.output-layer")}");
        DropConnectCase c;
        if (input.IsExact && !input.Options.MonteCarlo)
            c = Validated.Create(() => ExactDropConnectCase.Create(input.ExactMatrix("Y"), input.ExactMatrix("U"), input.ExactMatrix("V"),
                input.Has("X") ? input.ExactMatrix("X") : null, input.ExactScalar("theta"))).ToDoubles();
        else
            c = Validated.Create(() => DropConnectCase.Create(input.Matrix("Y"), input.Matrix("U"), input.Matrix("V"), input.Has("X") ? input.Matrix("X") : null, input.Scalar("theta")));
        var method = input.Options.MonteCarlo ? ExpectationMethod.MonteCarlo : input.IsExact ? ExpectationMethod.Exact : ExpectationMethod.Floating;
        return c with { Method = method, Sampling = new MaskSampling(input.Options.Samples, input.Options.Seed) { MaxWork = input.Options.MaxWork } };
    };

    private static IReadOnlyDictionary<string, int> Measure(DropConnectCase c)
    {
        var sizes = new Dictionary<string, int> { ["m"] = c.Y.RowCount, ["n"] = c.V.RowCount, ["r"] = c.Width, ["X = I"] = c.X is null ? 1 : 0 };
        if (c.X is not null) sizes["N"] = c.X.ColumnCount;
        return sizes;
    }

    /// <summary>Narrow instances (exact enumeration) seven times in eight, wide ones (Monte Carlo) once.</summary>
    public static InstanceType<DropConnectCase> For(Layer layer) =>
        InstanceType.Create($"DropConnect instance on {(layer == Layer.Output ? "U" : "V")} (Y, U, V, X, θ), r ≤ {MaxWidth} or wide ({WideMinWidth} ≤ r ≤ {WideMaxWidth})",
            Gen.Frequency((7, Narrow), (1, Wide)), Shrink, Describe) with
        {
            Reader = Reader(layer),
            Inputs =
            [
                new("Y", "m×N target (m×n without X)"), new("U", "m×r factor"), new("V", "n×r factor"), new("X", "optional n×N data (omitted: X = I)"),
                new("theta", "retain probability in (0,1]"),
                new("exact", "optional: true reads entries as exact rationals (\"p/q\" strings allowed) and enumerates exactly"),
                new("masks", $"optional: \"{(layer == Layer.Output ? "U" : "V")}\" (the masked layer)"),
            ],
            SampleInput = """{ "Y": [[1, 0, 1]], "U": [[1, 0.5]], "V": [[1, 0], [0.5, 1]], "X": [[1, 0, 2], [0, 1, 1]], "theta": 0.5 }""",
            Measure = Measure,
            Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("N", 1, MaxDimension), new("r", 1, WideMaxWidth), new("X = I", 0, 1)],
        };
}
