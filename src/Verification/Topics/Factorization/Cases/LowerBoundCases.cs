using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Generators;
using Verification.LinearAlgebra;
using Verification.Reporting;

namespace Verification.Topics.Factorization;

/// <summary>A problem (Y, λ, ℓ), a factor pair (U, V) of any width at which F(UVᵀ) ≤ f(U, V) is checked, and the seed of the descent starts.</summary>
public sealed record LowerBoundCase(ConvexProblem Problem, Factors Pair, ulong Seed);

/// <summary>
/// Instances of factorization.convex-lower-bound: problems of <see cref="Problems"/> (m, n ≤ 4, three losses) and pairs of
/// every matrix style with r from 1 to min(m, n) + 3 (at size 100, the 4×4 problem with r = 7).
/// </summary>
public static class LowerBoundCases
{
    public const int MaxWidth = Problems.MaxDimension + 3;

    public static InstanceType<LowerBoundCase> All { get; } = InstanceType.Create("problem (Y, λ, ℓ) and factor pair (U, V)",
        Gen.Sized(size =>
            from d in Problems.Dimensions(size)
            from r in size >= 100 ? Gen.Constant(MaxWidth) : Shapes.Width(d.M, d.N)
            from problem in Problems.OfShape(d.M, d.N)
            from u in Matrices.Any(d.M, r)
            from v in Matrices.Any(d.N, r)
            from seed in Gen.Choose(1, int.MaxValue)
            select new LowerBoundCase(problem, new Factors(u, v), (ulong)seed)),
        Shrink,
        c => [.. Problems.Describe(c.Problem), new("U", Value.Of(c.Pair.U)), new("V", Value.Of(c.Pair.V))]) with
    {
        Reader = input =>
        {
            var problem = Problems.Read(input);
            var pair = input.Has("U") || input.Has("V") ? Problems.ReadPair(input, problem) : Factorizations.BalancedSvd(problem.Y, problem.Smaller);
            return new LowerBoundCase(problem, pair, 1);
        },
        Inputs = [.. Problems.Inputs, new("U", "optional m×r factor (default: the balanced SVD factors of Y)"), new("V", "optional n×r factor")],
        SampleInput = """{ "Y": [[3, 0], [0, 1]], "lambda": 0.5, "loss": "squared", "U": [[1, 1], [0, 1]], "V": [[1, 0], [1, 1]] }""",
        Measure = c => new Dictionary<string, int>(Problems.Measure(c.Problem)) { ["r"] = c.Pair.Width },
        Sizes = [new("m", 1, Problems.MaxDimension), new("n", 1, Problems.MaxDimension), new("r", 1, MaxWidth)],
    };

    public static IEnumerable<LowerBoundCase> Shrink(LowerBoundCase c)
    {
        var p = c.Problem;
        for (var k = 0; k < c.Pair.Width && c.Pair.Width > 1; k++)
            yield return c with { Pair = new Factors(c.Pair.U.RemoveColumn(k), c.Pair.V.RemoveColumn(k)) };
        for (var i = 0; i < p.Rows && p.Rows > 1; i++)
            yield return c with { Problem = p with { Y = p.Y.RemoveRow(i) }, Pair = c.Pair with { U = c.Pair.U.RemoveRow(i) } };
        for (var j = 0; j < p.Columns && p.Columns > 1; j++)
            yield return c with { Problem = p with { Y = p.Y.RemoveColumn(j) }, Pair = c.Pair with { V = c.Pair.V.RemoveRow(j) } };
        foreach (var q in Problems.Shrink(p).Where(q => q.Rows == p.Rows && q.Columns == p.Columns)) yield return c with { Problem = q };
        foreach (var u in Generators.Shrink.Entries(c.Pair.U)) yield return c with { Pair = c.Pair with { U = u } };
        foreach (var v in Generators.Shrink.Entries(c.Pair.V)) yield return c with { Pair = c.Pair with { V = v } };
    }
}
