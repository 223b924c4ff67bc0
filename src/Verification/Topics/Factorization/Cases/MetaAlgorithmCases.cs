using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Factorization;

/// <summary>A problem, the start (U₀, V₀) of the meta-algorithm with how it was built, and the seed of its descents.</summary>
public sealed record MetaCase(ConvexProblem Problem, Factors Start, string StartStyle, ulong Seed)
{
    public int StartWidth => Start.Width;
}

/// <summary>
/// Instances of factorization.meta-algorithm: problems of <see cref="Problems"/> (m, n ≤ 4, three losses) and starts of width
/// r₀ from 1 to min(m, n) + 1, width 1 (the adversarial small width) twice as often as any other: Gaussian factors at scales
/// 10⁻², 1 and 10 relative to Y, tiny factors (10⁻⁶, next to the saddle at 0), exactly zero factors (a critical point),
/// columns in the bottom singular subspace of −∇ℓ(Y, 0) (an invariant subspace of descent for the squared loss, whose
/// critical points there are saddles), and one column repeated r₀ times (rank one). Size 1 gives r₀ = 1, size 100 the 4×4
/// problem with r₀ = 5.
/// </summary>
public static class MetaAlgorithmCases
{
    public static readonly string[] Styles = ["gaussian", "tiny", "zero", "bottom", "repeated"];

    public static InstanceType<MetaCase> All { get; } = InstanceType.Create("problem (Y, λ, ℓ) and start (U₀, V₀)",
        Gen.Sized(size =>
            from d in Problems.Dimensions(size)
            from problem in Problems.OfShape(d.M, d.N)
            from r0 in size >= 100 ? Gen.Constant(Math.Min(d.M, d.N) + 1) : size <= 1 ? Gen.Constant(1)
                : Gen.Frequency((2, Gen.Constant(1)), (3, Gen.Choose(1, Math.Min(d.M, d.N) + 1)))
            from style in Gen.Elements(Styles)
            from scale in Gen.Elements(1e-2, 1.0, 10.0)
            from seed in Gen.Choose(1, int.MaxValue)
            select new MetaCase(problem, Start(problem, r0, style, scale, (ulong)seed), style, (ulong)seed)),
        Shrink,
        c => [.. Problems.Describe(c.Problem), new("U0", Value.Of(c.Start.U)), new("V0", Value.Of(c.Start.V)), new("start", Value.Of(c.StartStyle))]) with
    {
        Reader = input =>
        {
            var problem = Problems.Read(input);
            if (input.Has("U0") || input.Has("V0"))
            {
                var (u, v) = Input.Readers.Pair(input, "U0", "V0");
                if (u.RowCount != problem.Rows || v.RowCount != problem.Columns)
                    throw new Input.InputException($"mismatched shapes: U0 is {u.RowCount}×{u.ColumnCount} and V0 is {v.RowCount}×{v.ColumnCount} but Y is {problem.Rows}×{problem.Columns}");
                return new MetaCase(problem, new Factors(u, v), "given", 1);
            }
            var r0 = input.Has("r") ? Input.Readers.Width(input, max: problem.Smaller + 1, why: "the meta-algorithm's bound on the final width is min(m, n) + 1") : 1;
            return new MetaCase(problem, Start(problem, r0, "gaussian", 1, 1), "gaussian", 1);
        },
        Inputs = [.. Problems.Inputs, new("r", "optional start width, 1 to min(m, n) + 1 (default 1; Gaussian start, seed 1)"), new("U0", "optional m×r₀ start (with V0, instead of r)"), new("V0", "optional n×r₀ start")],
        SampleInput = """{ "Y": [[3, 0, 0], [0, 2, 0], [0, 0, 1]], "lambda": 0.5, "loss": "squared", "r": 1 }""",
        Measure = c => new Dictionary<string, int>(Problems.Measure(c.Problem)) { ["r0"] = c.StartWidth },
        Sizes = [new("m", 1, Problems.MaxDimension), new("n", 1, Problems.MaxDimension), new("r0", 1, Problems.MaxDimension + 1)],
    };

    /// <summary>A start of width r₀ in the given style (seeded).</summary>
    public static Factors Start(ConvexProblem p, int r0, string style, double scale, ulong seed)
    {
        var rng = new SplitMix64(seed);
        int m = p.Rows, n = p.Columns;
        var basic = FactorizationClaims.RandomStart(p, r0, rng);
        switch (style)
        {
            case "gaussian": return new Factors(basic.U * scale, basic.V * scale);
            case "tiny": return new Factors(basic.U * 1e-6, basic.V * 1e-6);
            case "zero": return new Factors(Matrix<double>.Build.Dense(m, r0), Matrix<double>.Build.Dense(n, r0));
            case "repeated":
                return new Factors(
                    Matrix<double>.Build.Dense(m, r0, (i, _) => basic.U[i, 0]),
                    Matrix<double>.Build.Dense(n, r0, (j, _) => basic.V[j, 0]));
            case "bottom":
                var g = -p.Loss.Gradient(p.Y, Matrix<double>.Build.Dense(m, n));
                var svd = ThinSvd.Of(g);
                var k = svd.S.Length;
                var size = Math.Sqrt(Math.Max(p.Y.FrobeniusNorm(), 1e-2) / Math.Max(r0, 1)) * scale;
                var u = Matrix<double>.Build.Dense(m, r0);
                var v = Matrix<double>.Build.Dense(n, r0);
                for (var i = 0; i < r0; i++)
                {
                    var pair = k - 1 - i % k; // the smallest singular pairs first
                    u.SetColumn(i, svd.U.Column(pair) * size * (1 + rng.NextDouble()));
                    v.SetColumn(i, svd.VT.Row(pair) * size * (1 + rng.NextDouble()));
                }
                return new Factors(u, v);
            default: throw new ArgumentOutOfRangeException(nameof(style));
        }
    }

    /// <summary>Fewer start columns, a row or column fewer, simpler problems; the start width stays within min(m, n) + 1.</summary>
    public static IEnumerable<MetaCase> Shrink(MetaCase c) => Candidates(c).Where(x => x.StartWidth <= x.Problem.Smaller + 1);

    private static IEnumerable<MetaCase> Candidates(MetaCase c)
    {
        var f = c.Start;
        var p = c.Problem;
        for (var k = 0; k < f.Width && f.Width > 1; k++) yield return c with { Start = new Factors(f.U.RemoveColumn(k), f.V.RemoveColumn(k)) };
        for (var i = 0; i < p.Rows && p.Rows > 1; i++)
            yield return c with { Problem = p with { Y = p.Y.RemoveRow(i) }, Start = f with { U = f.U.RemoveRow(i) } };
        for (var j = 0; j < p.Columns && p.Columns > 1; j++)
            yield return c with { Problem = p with { Y = p.Y.RemoveColumn(j) }, Start = f with { V = f.V.RemoveRow(j) } };
        foreach (var q in Problems.Shrink(p).Where(q => q.Rows == p.Rows && q.Columns == p.Columns)) yield return c with { Problem = q };
    }
}
