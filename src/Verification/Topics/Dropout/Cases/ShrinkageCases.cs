using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Reporting;

namespace Verification.Topics.Dropout;

/// <summary>A target Y, a regularization weight λ ≥ 0 (λ = (1 − θ)/θ) and a width r (0 where the claim has none); Seed drives local descent.</summary>
public sealed record ShrinkageCase(Matrix<double> Y, double Lambda, int Width, ulong Seed);

/// <summary>
/// Instance types of the shrinkage claims: Y of every style (flat spectra included: ties at every cap), m, n ≤ 4, λ from the
/// retain rates (λ = 0 included) and simple weights, and for the fixed-width claims a width r below, at and above min(m, n).
/// </summary>
public static class ShrinkageCases
{
    public const int MaxDimension = 4;

    /// <summary>λ = (1 − θ)/θ over the retain rates (θ = 1 gives λ = 0), plus the simple weights 1/2, 1, 2.</summary>
    public static Gen<double> Lambda { get; } = Gen.Frequency(
        (4, Scalars.RetainRate.Select(DropoutObjective.Lambda)),
        (1, Gen.Elements(0.5, 1.0, 2.0)));

    /// <summary>λ &gt; 0: as <see cref="Lambda"/> without θ = 1.</summary>
    public static Gen<double> PositiveLambda { get; } = Gen.Frequency(
        (4, Scalars.RetainRateBelowOne.Select(DropoutObjective.Lambda)),
        (1, Gen.Elements(0.5, 1.0, 2.0)));

    /// <summary>Strictly simpler values of λ ≥ 0 in the order 0 &lt; 1 &lt; other integers &lt; the rest, so shrinking cannot cycle.</summary>
    public static IEnumerable<double> ShrinkLambda(double lambda)
    {
        static int Rank(double x) => x == 0 ? 0 : x == 1 ? 1 : x == Math.Round(x) ? 2 : 3;
        foreach (var c in new[] { 0.0, 1.0, Math.Round(lambda) })
            if (c >= 0 && Rank(c) < Rank(lambda)) yield return c;
    }

    private static Gen<ShrinkageCase> Generator(bool withWidth) => Gen.Sized(size =>
        from d in Shapes.Factors(size, MaxDimension, MaxDimension + 3)
        let r = withWidth ? d.R : 0
        from y in Matrices.Target(d.M, d.N)
        from lambda in Lambda
        from seed in Gen.Choose(0, int.MaxValue)
        select new ShrinkageCase(y, lambda, r, (ulong)seed));

    public static IEnumerable<ShrinkageCase> Shrink(ShrinkageCase c)
    {
        if (c.Width > 1) yield return c with { Width = c.Width - 1 };
        for (var i = 0; i < c.Y.RowCount && c.Y.RowCount > 1; i++) yield return c with { Y = c.Y.RemoveRow(i) };
        for (var j = 0; j < c.Y.ColumnCount && c.Y.ColumnCount > 1; j++) yield return c with { Y = c.Y.RemoveColumn(j) };
        foreach (var l in ShrinkLambda(c.Lambda)) yield return c with { Lambda = l };
        foreach (var y in Generators.Shrink.Entries(c.Y)) yield return c with { Y = y };
    }

    /// <summary>How the shrinkage claims scale: Y → cY scales the minimizer by c and the value by c², λ fixed.</summary>
    private const string Homogeneity = "the minimizer scales with Y (Y → cY gives X* → cX* and the value → c²·value at the same λ)";

    private static IReadOnlyDictionary<string, int> Measure(ShrinkageCase c) =>
        new Dictionary<string, int> { ["m"] = c.Y.RowCount, ["n"] = c.Y.ColumnCount, ["r"] = c.Width, ["rank"] = Matrices.Rank(c.Y) };

    /// <summary>(Y, λ, r): the fixed-width dropout objective's data.</summary>
    public static InstanceType<ShrinkageCase> FixedWidth { get; } = InstanceType.Create("target, weight and width (Y, λ, r)", Generator(withWidth: true), Shrink,
        c => [new("Y", Value.Of(c.Y)), new("lambda", Value.Of(c.Lambda)), new("r", Value.Of(c.Width))]) with
    {
        Reader = input => new ShrinkageCase(Readers.Moderate(input, "Y", Homogeneity), Readers.Lambda(input), Readers.Width(input), 1),
        Inputs = [new("Y", "m×n target"), new("lambda", "weight λ ≥ 0 (or theta: retain probability, λ = (1 − θ)/θ)"), new("r", "width, 1 to 64")],
        SampleInput = """{ "Y": [[3, 0, 0], [0, 2, 0], [0, 0, 1]], "lambda": 1, "r": 2 }""",
        Measure = Measure,
        Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("r", 1, MaxDimension + 3), new("rank", 0, MaxDimension)],
    };

    /// <summary>(Y, λ₁): the convex problem of variable-rate dropout.</summary>
    public static InstanceType<ShrinkageCase> Convex { get; } = InstanceType.Create("target and weight (Y, λ₁)", Generator(withWidth: false), Shrink,
        c => [new("Y", Value.Of(c.Y)), new("lambda1", Value.Of(c.Lambda))]) with
    {
        Reader = input => new ShrinkageCase(Readers.Moderate(input, "Y", Homogeneity), input.Has("lambda") ? Readers.Lambda(input) : Readers.Lambda(input, "lambda1", "theta1"), 0, 1),
        Inputs = [new("Y", "m×n target"), new("lambda1", "weight λ₁ ≥ 0 (or theta1: retain probability, λ₁ = (1 − θ₁)/θ₁)")],
        SampleInput = """{ "Y": [[3, 0, 0], [0, 2, 0], [0, 0, 1]], "lambda1": 0.5 }""",
        Measure = Measure,
        Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("rank", 0, MaxDimension)],
    };
}

/// <summary>For the variable-rate claims: a matrix X, θ₁, a width r, an invertible r×r mixing A, a chord partner B and weight t.</summary>
public sealed record VariableRateCase(Matrix<double> X, double Theta1, int Width, Matrix<double> Mixing, Matrix<double> Partner, double T)
{
    public double Lambda1 => DropoutObjective.Lambda(Theta1);
}

/// <summary>
/// X of rank k ≤ min(m, n) ≤ 4 (integer factors, a controlled spectrum, repeated or not, or 0), r from max(k, 1) to k + 3;
/// for the largest shape, half the time the extreme k = 4, r = 7.
/// </summary>
public static class VariableRateCases
{
    public const int MaxDimension = 4;

    public static InstanceType<VariableRateCase> All { get; } = InstanceType.Create("matrix, retain rate and width (X, θ₁, r)",
        Gen.Sized(size =>
            from d in Shapes.Dimensions(size, MaxDimension)
            from extreme in Gen.Constant(d.M == MaxDimension && d.N == MaxDimension).SelectMany(largest => largest ? Gen.Elements(true, false) : Gen.Constant(false))
            from k in extreme ? Gen.Constant(MaxDimension) : Gen.Frequency((1, Gen.Constant(Math.Min(d.M, d.N))), (2, Gen.Choose(0, Math.Min(d.M, d.N))))
            from r in extreme ? Gen.Constant(k + 3) : Gen.Frequency((1, Gen.Constant(k + 3)), (3, Gen.Choose(Math.Max(k, 1), k + 3)))
            from x in Gen.Frequency(
                (2, Gen.Zip(Matrices.SmallIntegers(d.M, k, 2), Matrices.SmallIntegers(d.N, k, 2)).Select(t => t.Item1 * t.Item2.Transpose())),
                (2, Gen.Zip(Gen.Elements(1.0, 10.0, 100.0), Gen.Elements(false, true)).SelectMany(t => Matrices.WithSpectrum(d.M, d.N, k, t.Item1, t.Item2, 2))),
                (1, Gen.Constant(Matrix<double>.Build.Dense(d.M, d.N))))
            from theta in Scalars.RetainRate
            from mixing in Matrices.Invertible(r)
            from partner in Matrices.Any(d.M, d.N)
            from t in Scalars.Unit
            select new VariableRateCase(x, theta, r, mixing, partner, t)),
        Shrink,
        c => [new("X", Value.Of(c.X)), new("theta1", Value.Of(c.Theta1)), new("r", Value.Of(c.Width)), new("A", Value.Of(c.Mixing)), new("B", Value.Of(c.Partner)), new("t", Value.Of(c.T))]) with
    {
        Reader = Read,
        Inputs = [new("X", "m×n matrix"), new("theta1", "retain probability θ₁ in (0,1]"), new("r", "width, at least rank X")],
        SampleInput = """{ "X": [[2, 0], [0, 1]], "theta1": 0.5, "r": 3 }""",
        Measure = c => new Dictionary<string, int> { ["m"] = c.X.RowCount, ["n"] = c.X.ColumnCount, ["r"] = c.Width, ["rank"] = Matrices.Rank(c.X) },
        Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("r", 1, MaxDimension + 3), new("rank", 0, MaxDimension)],
    };

    public static IEnumerable<VariableRateCase> Shrink(VariableRateCase c)
    {
        foreach (var theta in Scalars.ShrinkRetainRate(c.Theta1)) yield return c with { Theta1 = theta };
        if (c.T != 0.5) yield return c with { T = 0.5 };
        foreach (var x in Generators.Shrink.Entries(c.X)) yield return c with { X = x };
        foreach (var b in Generators.Shrink.Entries(c.Partner)) yield return c with { Partner = b };
    }

    /// <summary>X, theta1 and r ≥ rank X; the mixing is I, the chord partner 0 and t = 1/2.</summary>
    private static VariableRateCase Read(InputReader input)
    {
        var x = Readers.Moderate(input, "X", "the variable-rate claims scale as ‖X‖_*² (X → cX multiplies both sides by c²)");
        var theta1 = Readers.RetainRate(input, "theta1");
        var r = Readers.Width(input);
        var rank = Matrices.Rank(x);
        if (r < rank) throw new InputException($"r = {r} is below rank X = {rank}: X has no factorization with r columns");
        return new VariableRateCase(x, theta1, r, Matrix<double>.Build.DenseIdentity(r), Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount), 0.5);
    }
}
