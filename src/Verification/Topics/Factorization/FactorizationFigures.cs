using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.Factorization;

/// <summary>The topic's pictures: the meta-algorithm's progress, and f against F along a path of factorizations.</summary>
public static class FactorizationFigures
{
    /// <summary>Y = Q₁ diag(4, 3, 2, 1) Q₂ᵀ (random orthogonal Q₁, Q₂, seed 7), λ = 1/2: X* = S_λ(Y) has rank 4.</summary>
    public static ConvexProblem MetaExample { get; } = ConvexProblem.Create(Rotated(4, [4, 3, 2, 1], 7), 0.5, ConvexLoss.Squared);

    private static Matrix<double> Rotated(int n, double[] sigma, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var q1 = Normal.RandomOrthogonal(n, rng);
        var q2 = Normal.RandomOrthogonal(n, rng);
        return q1 * Matrix<double>.Build.DenseOfDiagonalArray(sigma) * q2.Transpose();
    }

    public static Figure MetaAlgorithm { get; } = new(FactorizationClaims.MetaAlgorithmClaim.Id,
        "the meta-algorithm on Y = Q₁ diag(4, 3, 2, 1) Q₂ᵀ, λ = 1/2 (squared loss) from a Gaussian start of width 1: f against descent iterations with min F, the gap f − min F on a log scale, and the width",
        1500, 520, DrawMetaAlgorithm);

    public static IReadOnlyList<Panel> DrawMetaAlgorithm()
    {
        var p = MetaExample;
        var s = p.Solve(FactorizationClaims.Solver);
        var start = MetaAlgorithmCases.Start(p, 1, "gaussian", 1, 1);
        var run = Factorization.MetaAlgorithm.Run(p.Loss, p.Y, p.Lambda, start, 1, p.Smaller + 3);
        var trace = run.Trace;
        var last = Math.Max(1, trace.Count - 1);
        var values = trace.Select(t => (X: (double)t.Iteration, Y: t.Value)).ToArray();
        var top = values.Max(v => v.Y);
        var objective = new Panel($"f during the meta-algorithm (widths {string.Join("→", run.Rounds.Select(r => r.Width))})", "step (L-BFGS iterations and appends)", "f(U, V)",
            0, last, s.Primal - 0.05 * (top - s.Primal), top + 0.05 * (top - s.Primal))
        {
            SquareUnits = false,
            Lines =
            [
                new LineSeries("f (smooth form, = f at balanced points)", values, "#1f77b4"),
                new LineSeries($"min F = {s.Primal:G6} (convex solver)", [(0, s.Primal), (last, s.Primal)], "#d62728") { Dashed = true },
            ],
        };
        var gaps = values.Select(v => (v.X, Math.Log10(Math.Max(v.Y - s.Primal, 1e-16)))).ToArray();
        var gap = new Panel("log₁₀(f − min F)", "step (L-BFGS iterations and appends)", "log₁₀(f − min F)", 0, last, -16.5, gaps.Max(g => g.Item2) + 0.5)
        {
            SquareUnits = false,
            Lines = [new LineSeries("f − min F (floored at 1e-16)", gaps, "#2ca02c")],
        };
        var widths = trace.Select(t => ((double)t.Iteration, (double)t.Width)).ToArray();
        var width = new Panel($"width r (final {run.FinalWidth} ≤ min(m, n) + 1 = {p.Smaller + 1})", "step (L-BFGS iterations and appends)", "r", 0, last, 0, p.Smaller + 1.5)
        {
            SquareUnits = false,
            Lines =
            [
                new LineSeries("width", widths, "#9467bd") { Steps = true },
                new LineSeries("min(m, n) + 1", [(0, p.Smaller + 1.0), (last, p.Smaller + 1.0)], "#7f7f7f") { Dashed = true },
            ],
        };
        return [objective, gap, width];
    }

    public static Figure LowerBound { get; } = new(FactorizationClaims.ConvexLowerBound.Id,
        "f(U, V) and F(UVᵀ) along the segment from a random pair (t = 0) to the balanced factors of the convex minimizer (t = 1), with min F: the squared loss on Y = Q₁ diag(4, 3, 2, 1) Q₂ᵀ, λ = 1/2, and the logistic loss on the signs of that Y, λ = 1",
        1400, 520, DrawLowerBound);

    public static IReadOnlyList<Panel> DrawLowerBound() =>
    [
        Path("squared loss", MetaExample, 3),
        Path("logistic loss (±1 targets)", ConvexProblem.Create(MetaExample.Y.Map(e => e >= 0 ? 1.0 : -1.0), 1, ConvexLoss.Logistic), 5),
    ];

    private static Panel Path(string title, ConvexProblem p, ulong seed)
    {
        var s = p.Solve(FactorizationClaims.Solver);
        var width = p.Smaller + 1;
        var optimum = Factorizations.BalancedSvd(s.X, width, s.Rank);
        var start = FactorizationClaims.RandomStart(p, width, new SplitMix64(seed));
        const int points = 161;
        var f = new (double, double)[points];
        var convex = new (double, double)[points];
        for (var k = 0; k < points; k++)
        {
            var t = -0.25 + 1.5 * k / (points - 1);
            var pair = new Factors((1 - t) * start.U + t * optimum.U, (1 - t) * start.V + t * optimum.V);
            f[k] = (t, p.Factorized(pair));
            convex[k] = (t, p.Convex(pair.Product));
        }
        var top = Math.Min(f.Max(v => v.Item2), s.Primal + 3 * (f[points / 6].Item2 - s.Primal) + 1);
        return new Panel($"{title}: F(UV^T) ≤ f(U, V), min F = min f = {s.Primal:G6}", "t (0: random pair, 1: balanced factors of X*)", "objective",
            -0.25, 1.25, s.Primal - 0.1 * (top - s.Primal), top)
        {
            SquareUnits = false,
            Lines =
            [
                new LineSeries("f(U, V) = loss(Y, UV^T) + λ Σ‖u_i‖‖v_i‖", f, "#1f77b4"),
                new LineSeries("F(UV^T) = loss(Y, UV^T) + λ‖UV^T‖_*", convex, "#ff7f0e"),
                new LineSeries("min F", [(-0.25, s.Primal), (1.25, s.Primal)], "#d62728") { Dashed = true },
            ],
        };
    }
}
