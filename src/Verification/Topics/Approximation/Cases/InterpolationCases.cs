using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Depth;

namespace Verification.Topics.Approximation;

/// <summary>An exact target f, N equal intervals of [a, b].</summary>
public sealed record InterpolationCase(ExactTarget F, int N, Rational A, Rational B)
{
    public Rational H => (B - A) / N;
}

/// <summary>
/// Instances of approx.relu-interpolation: N = 1..64 intervals of [0, 1] (a quarter of the time another interval [a, b] with
/// rational ends), and exact targets: polynomials of degree 0..3 (x² is where the C² bound is attained), |x − c|, and
/// functions of random ReLU networks.
/// </summary>
public static class InterpolationCases
{
    /// <summary>The optional network target, instead of "f".</summary>
    public static readonly InputField LayersInput = new("layers", "optional, instead of f: a ReLU network ℝ → ℝ (as for depth.shallow-pieces), a piecewise-linear target");

    public const int MaxN = 64;

    private static Gen<(Rational A, Rational B)> Interval { get; } = Gen.Frequency(
        (3, Gen.Constant((Rational.Zero, Rational.One))),
        (1, from a in Gen.Zip(Gen.Choose(-4, 2), Gen.Choose(1, 3)) from length in Gen.Zip(Gen.Choose(1, 6), Gen.Choose(1, 3))
            select (Rational.Of(a.Item1, a.Item2), Rational.Of(a.Item1, a.Item2) + Rational.Of(length.Item1, length.Item2))));

    private static Gen<InterpolationCase> Generator { get; } = Gen.Sized(size =>
        from n in Shapes.Dimension(size, MaxN)
        from f in TargetGenerators.Exact
        from interval in Interval
        select new InterpolationCase(f, n, interval.A, interval.B));

    public static IEnumerable<InterpolationCase> Shrink(InterpolationCase c)
    {
        if (c.N > 1) yield return c with { N = 1 };
        if (c.N > 2) yield return c with { N = c.N / 2 };
        if (c.A != Rational.Zero || c.B != Rational.One) yield return c with { A = Rational.Zero, B = Rational.One };
        foreach (var t in TargetGenerators.Shrink(c.F))
            if (t is ExactTarget e) yield return c with { F = e };
    }

    public static IReadOnlyList<NamedValue> Describe(InterpolationCase c) =>
        [new("f", Value.Of(c.F.Name)), new("N", Value.Of((long)c.N)), new("a", RationalValues.Of(c.A)), new("b", RationalValues.Of(c.B))];

    public static InstanceType<InterpolationCase> Any { get; } = InstanceType.Create("exact target and knots (f, N, [a, b])", Generator, Shrink, Describe) with
    {
        Reader = input =>
        {
            var f = (ExactTarget)TargetInput.Read(input, exact: true);
            var n = input.Integer("N");
            if (n < 1) throw new InputException($"N must be at least 1, got {n}");
            if (n > Interpolation.MaxN) throw new InputException($"N = {n} is above the limit {Interpolation.MaxN} of exact interpolation");
            var a = input.Has("a") ? RationalValues.ExactScalar(input, "a") : Rational.Zero;
            var b = input.Has("b") ? RationalValues.ExactScalar(input, "b") : Rational.One;
            if (a >= b) throw new InputException($"the interval [a, b] = [{a}, {b}] is empty");
            return new InterpolationCase(f, n, a, b);
        },
        Inputs = [new("f", TargetInput.Forms.Replace("\"sqrt(x)\", \"sin(2*pi*k*x)\" with a positive integer k, ", "")), LayersInput, new("N", $"number of intervals, 1 to {Interpolation.MaxN}"),
            new("a", "optional left end (default 0), exact"), new("b", "optional right end (default 1), exact")],
        SampleInput = """{ "f": "x^3 - x/2 + 1/5", "N": 4 }""",
        Measure = c => c.F is PolynomialTarget p
            ? new Dictionary<string, int> { ["N"] = c.N, ["degree"] = Math.Max(0, p.Degree) }
            : new Dictionary<string, int> { ["N"] = c.N },
        Sizes = [new("N", 1, MaxN), new("degree", 0, PolynomialTarget.MaxDegree)],
    };
}
