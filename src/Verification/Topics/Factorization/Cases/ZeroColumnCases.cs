using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Input;
using Verification.Reporting;

namespace Verification.Topics.Factorization;

/// <summary>A problem, the width r of the factors, the columns held at zero, and the seed of the descent's start and perturbations.</summary>
public sealed record ZeroColumnCase(ConvexProblem Problem, int Width, IReadOnlyList<int> ZeroColumns, ulong Seed);

/// <summary>
/// Instances of factorization.zero-column-global: problems of <see cref="Problems"/> (m, n ≤ 4, three losses), one or two zero
/// columns at random positions, and a width r = rank X* + extra + zeros with extra ∈ {0, 1}, so that the nonzero columns can
/// reach X* and descent at that width stops at a local minimizer that has a zero column (rank X* from the convex solver).
/// Size 1 gives one zero column, size 100 the 4×4 problem with two zero columns and one extra.
/// </summary>
public static class ZeroColumnCases
{
    public static InstanceType<ZeroColumnCase> All { get; } = InstanceType.Create("problem (Y, λ, ℓ), width r and zero columns",
        Gen.Sized(size =>
            from d in Problems.Dimensions(size)
            from problem in Problems.OfShape(d.M, d.N)
            from zeros in size >= 100 ? Gen.Constant(2) : size <= 1 ? Gen.Constant(1) : Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Constant(2)))
            from extra in size >= 100 ? Gen.Constant(1) : Gen.Choose(0, 1)
            let width = problem.Solve(FactorizationClaims.Solver).Rank + extra + zeros
            from positions in Gen.Shuffle(Enumerable.Range(0, width).ToArray())
            from seed in Gen.Choose(1, int.MaxValue)
            select new ZeroColumnCase(problem, width, positions.Take(zeros).Order().ToArray(), (ulong)seed)),
        Shrink,
        c => [.. Problems.Describe(c.Problem), new("r", Value.Of(c.Width)), new("zeroColumns", Value.Of(string.Join(", ", c.ZeroColumns.Select(z => z + 1))))]) with
    {
        Reader = input =>
        {
            var problem = Problems.Read(input);
            var r = Readers.Width(input, max: 32, why: "eval runs local descent over (m + n)·r variables");
            var zeros = input.Has("zeros") ? input.Integer("zeros") : 1;
            if (zeros < 1 || zeros > r) throw new InputException($"zeros must lie between 1 and r = {r}, got {zeros}");
            return new ZeroColumnCase(problem, r, Enumerable.Range(r - zeros, zeros).ToArray(), 1);
        },
        Inputs = [.. Problems.Inputs, new("r", "width of the factors, 1 to 32"), new("zeros", "optional: how many columns are held at zero (the last ones), default 1")],
        SampleInput = """{ "Y": [[3, 0], [0, 1]], "lambda": 0.5, "loss": "squared", "r": 3 }""",
        Measure = c => new Dictionary<string, int>(Problems.Measure(c.Problem)) { ["zeros"] = c.ZeroColumns.Count },
        Sizes = [new("m", 1, Problems.MaxDimension), new("n", 1, Problems.MaxDimension), new("zeros", 1, 2)],
    };

    /// <summary>
    /// Simpler problems, the width and the zero columns kept. A smaller problem can leave the nonzero columns short of rank X*;
    /// the check then finds a saddle and discards the case, so such a candidate never replaces a failing one.
    /// </summary>
    public static IEnumerable<ZeroColumnCase> Shrink(ZeroColumnCase c)
    {
        foreach (var q in Problems.Shrink(c.Problem)) yield return c with { Problem = q };
    }
}
