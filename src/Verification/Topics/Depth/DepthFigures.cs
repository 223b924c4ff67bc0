using Verification.Engine;
using Verification.Numerics;

namespace Verification.Topics.Depth;

/// <summary>The depth topic's pictures as data: exact pieces drawn through their breakpoints.</summary>
public static class DepthFigures
{
    private static readonly string[] Colors = ["blue", "red", "green", "purple", "orange"];

    /// <summary>The graph of a function through its ends and breakpoints (exact vertices, so the drawing has no sampling error).</summary>
    public static IReadOnlyList<(double X, double Y)> Vertices(PiecewiseLinear f, Rational start, Rational end)
    {
        var g = f.Restrict(Rational.Max(start, f.Start ?? start), Rational.Min(end, f.End ?? end));
        var points = new List<(double, double)> { (g.Start!.Value.ToDouble(), g.Evaluate(g.Start.Value).ToDouble()) };
        for (var i = 0; i < g.PieceCount - 1; i++) points.Add((g.Breakpoint(i).ToDouble(), g.ValueAtBreakpoint(i).ToDouble()));
        points.Add((g.End!.Value.ToDouble(), g.Evaluate(g.End.Value).ToDouble()));
        return points;
    }

    private static Panel Graph(string title, PiecewiseLinear f, Rational start, Rational end, string color, string label = "")
    {
        var points = Vertices(f, start, end);
        var (low, high) = (points.Min(p => p.Y), points.Max(p => p.Y));
        var margin = Math.Max(0.05 * (high - low), 0.05);
        return new Panel(title, "x", "f(x)", start.ToDouble(), end.ToDouble(), low - margin, high + margin)
        {
            Lines = [new LineSeries(label, points, color, MarkerSize: f.PieceCount <= 64 ? 4 : 0)],
            SquareUnits = false,
        };
    }

    /// <summary>m_k on [0, 1] for k = 1..4.</summary>
    public static IReadOnlyList<Panel> Sawtooth() => Enumerable.Range(1, 4).Select(k =>
    {
        var f = Depth.Sawtooth.ByComposition(k);
        return Graph($"m_{k}: {f.PieceCount} pieces, slopes ±{1 << k}", f, Rational.Zero, Rational.One, Colors[k - 1]);
    }).ToArray();

    /// <summary>The draw (of <paramref name="draws"/> random networks with these widths) with the most pieces on ℝ.</summary>
    public static (ReluNetwork Network, PiecewiseLinear Function) MostPieces(int[] widths, int draws, ulong seed)
    {
        var generator = NetworkCases.Random(widths);
        return Enumerable.Range(0, draws)
            .Select(i => Runner.Generate(generator, Runner.CaseSeed(seed, i), 50))
            .Select(n => (n, n.ToPiecewiseLinear()))
            .MaxBy(t => t.Item2.PieceCount);
    }

    /// <summary>
    /// Twelve hidden units three ways: one wide layer (random weights), four layers of three (random weights), six layers of
    /// two (the sawtooth). For the random ones, the draw with the most pieces of 20, on the interval around its breakpoints.
    /// </summary>
    public static IReadOnlyList<Panel> DeepAgainstShallow()
    {
        var (shallow, fs) = MostPieces([12], 20, 13);
        var (deep, fd) = MostPieces([3, 3, 3, 3], 20, 13);
        var sawtooth = Depth.Sawtooth.Network(6).ToPiecewiseLinear();
        Panel Draw(string name, ReluNetwork n, PiecewiseLinear f, string color)
        {
            var (start, end) = f.PieceCount > 1 ? (f.Breakpoint(0) - 1, f.Breakpoint(f.PieceCount - 2) + 1) : (Rational.MinusOne, Rational.One);
            return Graph($"{name}: {f.PieceCount} pieces (bound {(n.Depth == 1 ? PieceBounds.Shallow(n.Units) : PieceBounds.Deep(n.MaxWidth, n.Depth))})", f, start, end, color);
        }
        return
        [
            Draw("shallow 1 × 12, random", shallow, fs, "blue"),
            Draw("deep 4 × 3, random", deep, fd, "red"),
            Draw("deep 6 × 2, sawtooth", Depth.Sawtooth.Network(6), sawtooth, "green"),
        ];
    }

    /// <summary>The folding network with n = 3 for L = 1, 2, 3 on [0, 1]: 4, 12 and 36 pieces.</summary>
    public static IReadOnlyList<Panel> Folding() => Enumerable.Range(1, 3).Select(depth =>
    {
        var f = Depth.Folding.Network(3, depth).ToPiecewiseLinear(Rational.Zero, Rational.One);
        return Graph($"n = 3, L = {depth}: {f.PieceCount} pieces = 3^{depth - 1}·4", f, Rational.Zero, Rational.One, Colors[depth - 1]);
    }).ToArray();
}
