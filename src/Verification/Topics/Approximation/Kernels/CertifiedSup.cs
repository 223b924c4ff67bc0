namespace Verification.Topics.Approximation;

/// <summary>A certified enclosure Lower ≤ sup |e| ≤ Upper over an interval, with where the lower bound was attained.</summary>
public sealed record SupEnclosure(double Lower, double Upper, double ArgMax, int Cells, bool Converged)
{
    public double Estimate => 0.5 * (Lower + Upper);
}

/// <summary>
/// Branch and bound for sup |e| on [lo, hi] from three certified ingredients: the computed |e(m)| at a cell's midpoint, a bound
/// on its rounding error, and a bound on how far e can move from e(m) within the cell's radius. A cell's upper bound is
/// |ê(m)| + error(m) + variation(cell); the global lower bound is the largest |ê(m)| − error(m). The cell with the largest
/// upper bound is split until it is within the relative tolerance of the lower bound (or the cell budget runs out), so
/// Upper is a rigorous bound on the sup, not a sample of it.
/// </summary>
public static class CertifiedSup
{
    public static SupEnclosure Maximize(Func<double, (double Value, double Error)> evaluate, Func<double, double, double, double> variation,
        double lo, double hi, int initialCells, double relativeTolerance, int maxCells)
    {
        if (!(hi > lo)) throw new ArgumentException($"the interval [{lo}, {hi}] is empty");
        var queue = new PriorityQueue<(double U, double V, double Upper), double>();
        double lower = double.NegativeInfinity, argMax = lo;
        var cells = 0;

        void Push(double u, double v)
        {
            var m = 0.5 * (u + v);
            var (value, error) = evaluate(m);
            var magnitude = Math.Abs(value);
            if (magnitude - error > lower)
            {
                lower = magnitude - error;
                argMax = m;
            }
            var radius = Math.Max(m - u, v - m) * (1 + 4 * Verification.Numerics.Rounding.UnitRoundoff);
            var upper = magnitude + error + variation(u, v, radius);
            queue.Enqueue((u, v, upper), -upper);
            cells++;
        }

        // The ends themselves, as degenerate cells.
        foreach (var x in new[] { lo, hi })
        {
            var (value, error) = evaluate(x);
            if (Math.Abs(value) - error > lower)
            {
                lower = Math.Abs(value) - error;
                argMax = x;
            }
        }
        for (var i = 0; i < initialCells; i++) Push(lo + (hi - lo) * i / initialCells, i == initialCells - 1 ? hi : lo + (hi - lo) * (i + 1) / initialCells);

        while (true)
        {
            var top = queue.Peek();
            var target = Math.Max(lower, 0) * (1 + relativeTolerance) + 1e-300;
            if (top.Upper <= target) return new SupEnclosure(Math.Max(lower, 0), top.Upper, argMax, cells, Converged: true);
            if (cells >= maxCells || top.V - top.U <= 4 * double.Epsilon * Math.Max(1, Math.Abs(top.U)))
                return new SupEnclosure(Math.Max(lower, 0), top.Upper, argMax, cells, Converged: false);
            queue.Dequeue();
            var mid = 0.5 * (top.U + top.V);
            Push(top.U, mid);
            Push(mid, top.V);
        }
    }
}
