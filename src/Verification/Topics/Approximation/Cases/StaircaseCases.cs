using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Reporting;

namespace Verification.Topics.Approximation;

/// <summary>A continuous target f on [0, 1], N steps, and the steepness k of the sigmoids.</summary>
public sealed record StaircaseCase(Target F, int N, double K);

/// <summary>
/// Instances of approx.sigmoid-staircase: N = 1..64, steepness k ∈ {N/2, N, 4N, N², 16N²} (shallow to steep), targets:
/// polynomials, |x − c|, network functions, √x and sin(2πνx).
/// </summary>
public static class StaircaseCases
{
    public const int MaxN = 64;

    /// <summary>The steepness schedules, as multiples of N or N².</summary>
    public static double Steepness(int n, int schedule) => schedule switch
    {
        0 => n / 2.0,
        1 => n,
        2 => 4.0 * n,
        3 => (double)n * n,
        _ => 16.0 * n * n,
    };

    private static Gen<StaircaseCase> Generator { get; } = Gen.Sized(size =>
        from n in Shapes.Dimension(size, MaxN)
        from schedule in Gen.Choose(0, 4)
        from f in TargetGenerators.Any
        select new StaircaseCase(f, n, Steepness(n, schedule)));

    public static IEnumerable<StaircaseCase> Shrink(StaircaseCase c)
    {
        if (c.N > 1) yield return c with { N = 1, K = c.K / c.N };
        if (c.N > 2) yield return c with { N = c.N / 2, K = c.K * (c.N / 2) / c.N };
        if (c.K != Math.Round(c.K) && Math.Round(c.K) > 0) yield return c with { K = Math.Round(c.K) };
        foreach (var t in TargetGenerators.Shrink(c.F)) yield return c with { F = t };
    }

    public static IReadOnlyList<NamedValue> Describe(StaircaseCase c) =>
        [new("f", Value.Of(c.F.Name)), new("N", Value.Of((long)c.N)), new("k", Value.Of(c.K))];

    public static InstanceType<StaircaseCase> Any { get; } = InstanceType.Create("target, steps and steepness (f, N, k)", Generator, Shrink, Describe) with
    {
        Reader = input =>
        {
            var f = TargetInput.ReadModerate(input);
            var n = input.Integer("N");
            if (n < 1) throw new InputException($"N must be at least 1, got {n}");
            if (n > SigmoidStaircase.MaxN) throw new InputException($"N = {n} is above the limit {SigmoidStaircase.MaxN} of the certified sup");
            var k = input.Has("k") ? input.Scalar("k") : (double)n * n;
            if (!(k > 0) || k > 1e9) throw new InputException($"the steepness k must lie in (0, 1e9], got {k}");
            return new StaircaseCase(f, n, k);
        },
        Inputs = [new("f", TargetInput.Forms), InterpolationCases.LayersInput, new("N", $"number of sigmoids, 1 to {SigmoidStaircase.MaxN}"), new("k", "optional steepness k > 0 (default N²)")],
        SampleInput = """{ "f": "sqrt(x)", "N": 8 }""",
        Measure = c => new Dictionary<string, int> { ["N"] = c.N },
        Sizes = [new("N", 1, MaxN)],
    };
}
