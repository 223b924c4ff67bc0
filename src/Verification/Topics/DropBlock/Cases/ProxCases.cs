using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.LinearAlgebra;
using Verification.Reporting;

namespace Verification.Topics.DropBlock;

/// <summary>The prox problem argmin_x ‖y − x‖² + μ‖x‖_(k)²: a vector y, k ∈ 1..d and μ ≥ 0.</summary>
public sealed record ProxCase(double[] Y, int K, double Mu)
{
    public static ProxCase Create(IReadOnlyList<double> y, int k, double mu)
    {
        KSupport.CheckK(k, y.Count);
        if (!(mu >= 0)) throw new ArgumentException($"mu must be ≥ 0, got {mu}");
        return new ProxCase(y.ToArray(), k, mu);
    }
}

/// <summary>
/// Prox instances: y with d = 1 to 8 entries of every style (sparse ones reach the branch ‖y‖_0 ≤ k), k = 1, d and between, μ = 0,
/// small, 1, large and uniform. `eval` reads y (a vector), k and mu.
/// </summary>
public static class ProxCases
{
    public const int MaxDimension = 8;

    private static Gen<double> Mu { get; } = Gen.Frequency(
        (1, Gen.Constant(0.0)), (1, Gen.Elements(1e-3, 0.1)), (1, Gen.Constant(1.0)), (1, Gen.Elements(10.0, 100.0)), (3, Scalars.Unit.Select(u => 4 * u)));

    private static Gen<ProxCase> Generator { get; } = Gen.Sized(size =>
        from d in Shapes.Dimension(size, MaxDimension)
        from y in KSupportCases.Vector(d)
        from k in KSupportCases.K(d)
        from mu in Mu
        select new ProxCase(y, k, mu));

    public static IEnumerable<ProxCase> Shrink(ProxCase c)
    {
        for (var i = 0; i < c.Y.Length && c.Y.Length > 1; i++)
        {
            var y = c.Y.Where((_, j) => j != i).ToArray();
            yield return c with { Y = y, K = Math.Min(c.K, y.Length) };
        }
        if (c.K > 1) yield return c with { K = c.K - 1 };
        if (c.Mu != 1) yield return c with { Mu = 1 };
        for (var i = 0; i < c.Y.Length; i++)
            foreach (var x in Generators.Shrink.Scalar(c.Y[i]))
                yield return c with { Y = c.Y.Select((v, j) => j == i ? x : v).ToArray() };
    }

    public static InstanceType<ProxCase> Any { get; } = InstanceType.Create("prox instance (y, k, μ)", Generator, Shrink,
        c => [new NamedValue("y", Value.Of(Matrix<double>.Build.Dense(1, c.Y.Length, c.Y))), new NamedValue("k", Value.Of(c.K)), new NamedValue("mu", Value.Of(c.Mu))]) with
    {
        Reader = input =>
        {
            var mu = input.Scalar("mu");
            if (!(mu >= 0)) throw new InputException($"mu must be ≥ 0, got {mu}");
            return Validated.Create(() => ProxCase.Create(KSupportCases.ModerateVector(input, "y", "the prox is homogeneous (y → cy gives x → cx for the same k and μ)"), input.Integer("k"), mu));
        },
        Inputs = [new("y", "a vector"), new("k", "an integer in 1..d"), new("mu", "the weight μ ≥ 0")],
        SampleInput = """{ "y": [3, 1, 1], "k": 2, "mu": 0.5 }""",
        Measure = c => new Dictionary<string, int> { ["d"] = c.Y.Length, ["k"] = c.K, ["support"] = c.Y.Count(x => x != 0) },
        Sizes = [new("d", 1, MaxDimension), new("k", 1, MaxDimension)],
    };
}
