using Verification.Engine;
using Verification.Numerics;
using Verification.Topics.Depth;

namespace Verification.Topics.Approximation;

/// <summary>A measured convergence: sup errors and the stated bound at each N, and the least-squares slope of log error against log N.</summary>
public sealed record Rate(string Target, IReadOnlyList<int> N, IReadOnlyList<double> Errors, IReadOnlyList<double> Bounds, string BoundName, int FitFrom = 4)
{
    /// <summary>The slope of log₁₀ error against log₁₀ N over N ≥ <see cref="FitFrom"/> (−2 for h², −1 for h).</summary>
    public double Slope => Fit(Errors);

    public double BoundSlope => Fit(Bounds);

    private double Fit(IReadOnlyList<double> ys)
    {
        var points = N.Select((n, i) => (X: Math.Log10(n), Y: Math.Log10(ys[i]))).Where((p, i) => N[i] >= FitFrom && ys[i] > 0).ToArray();
        var (mx, my) = (points.Average(p => p.X), points.Average(p => p.Y));
        return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
    }
}

/// <summary>The approximation topic's pictures as data: log–log sup errors against N next to the bounds, and one approximant.</summary>
public static class ApproximationFigures
{
    public static PolynomialTarget Square { get; } = new([0, 0, 1]);
    public static PolynomialTarget Cubic { get; } = new([Rational.Of(1, 5), -Rational.Half, 0, 1]);
    public static PiecewiseTarget Kink { get; } = PiecewiseTarget.Abs(Rational.Of(1, 3));

    private static readonly string[] Colors = ["blue", "red", "green"];

    /// <summary>Exact sup errors of the ReLU interpolant on [0, 1] for N = 1, 2, 4, …, 1024, against h²‖f″‖/8 (C² targets) or Lh/2.</summary>
    public static IReadOnlyList<Rate> InterpolationRates()
    {
        var ns = Enumerable.Range(0, 11).Select(j => 1 << j).ToArray();
        Rate Measure(ExactTarget f)
        {
            var errors = new List<double>();
            var bounds = new List<double>();
            var smooth = f.SecondDerivativeSup(Rational.Zero, Rational.One);
            foreach (var n in ns)
            {
                var knots = Interpolation.Knots(Rational.Zero, Rational.One, n);
                var interpolant = Interpolation.Network(knots, knots.Select(f.Value).ToArray()).ToPiecewiseLinear(Rational.Zero, Rational.One);
                errors.Add(Interpolation.Sup(f, interpolant).Approximate);
                var h = Rational.Of(1, n);
                bounds.Add((smooth is { } m ? h * h * m / 8 : f.Lipschitz(Rational.Zero, Rational.One) * h / 2).ToDouble());
            }
            return new Rate(f.Name, ns, errors, bounds, smooth is null ? "Lh/2" : "h²‖f″‖/8");
        }
        return [Measure(Square), Measure(Cubic), Measure(Kink)];
    }

    /// <summary>
    /// Certified sup errors (midpoints of enclosures within 0.1 %) of the sigmoid staircase with k = N², N = 1, 2, 4, …, 256; the
    /// slopes are fitted over N ≥ 32, where the sigmoids are steep against the step 1/N (below, k = N² is still smooth).
    /// </summary>
    public static IReadOnlyList<Rate> StaircaseRates()
    {
        var ns = Enumerable.Range(0, 9).Select(j => 1 << j).ToArray();
        Rate Measure(Target f)
        {
            var staircases = ns.Select(n => new SigmoidStaircase(f, n, (double)n * n)).ToArray();
            return new Rate(f.Name, ns, staircases.Select(g => g.CertifiedSupError().Estimate).ToArray(), staircases.Select(g => g.Bound()).ToArray(), "ω(1/2N) + ω(1/N)·C", FitFrom: 32);
        }
        return [Measure(Square), Measure(Kink), Measure(SquareRootTarget.Instance)];
    }

    private static Panel LogLog(string title, IReadOnlyList<Rate> rates)
    {
        var lines = new List<LineSeries>();
        for (var i = 0; i < rates.Count; i++)
        {
            var r = rates[i];
            lines.Add(new LineSeries($"{r.Target}: slope {r.Slope:F2} (N ≥ {r.FitFrom})", r.N.Select((n, j) => (Math.Log10(n), Math.Log10(r.Errors[j]))).ToArray(), Colors[i], MarkerSize: 6));
            lines.Add(new LineSeries($"bound {r.BoundName}: slope {r.BoundSlope:F2}", r.N.Select((n, j) => (Math.Log10(n), Math.Log10(r.Bounds[j]))).ToArray(), Colors[i], Dashed: true));
        }
        var ys = lines.SelectMany(l => l.Points.Select(p => p.Y)).ToArray();
        var xs = lines.SelectMany(l => l.Points.Select(p => p.X)).ToArray();
        return new Panel(title, "log₁₀ N", "log₁₀ sup |f − F|", xs.Min() - 0.1, xs.Max() + 0.1, ys.Min() - 0.3, ys.Max() + 0.3) { Lines = lines, SquareUnits = false };
    }

    private static Panel Curves(string title, Func<double, double> f, Func<double, double> g, string fName, string gName)
    {
        var xs = Enumerable.Range(0, 401).Select(i => i / 400.0).ToArray();
        var fs = xs.Select(x => (x, f(x))).ToArray();
        var gs = xs.Select(x => (x, g(x))).ToArray();
        var ys = fs.Concat(gs).Select(p => p.Item2).ToArray();
        return new Panel(title, "x", "y", 0, 1, ys.Min() - 0.05, ys.Max() + 0.05)
        {
            Lines = [new LineSeries(fName, fs, "blue"), new LineSeries(gName, gs, "red")],
            SquareUnits = false,
        };
    }

    /// <summary>Log–log sup errors of the ReLU interpolant with the bounds' slopes, and the interpolant of the cubic with N = 4.</summary>
    public static IReadOnlyList<Panel> InterpolationPanels()
    {
        var knots = Interpolation.Knots(Rational.Zero, Rational.One, 4);
        var network = Interpolation.Network(knots, knots.Select(Cubic.Value).ToArray());
        var interpolant = network.ToPiecewiseLinear(Rational.Zero, Rational.One);
        return
        [
            LogLog("ReLU interpolant on [0, 1]: exact sup error against N", InterpolationRates()),
            Curves($"f = {Cubic.Name} and its interpolant, N = 4", Cubic.Evaluate, x => interpolant.Evaluate(Rational.FromDouble(x)).ToDouble(), "f", "F (4 ReLU units)"),
        ];
    }

    /// <summary>Log–log certified sup errors of the sigmoid staircase (k = N²) with the bound, and the staircase of √x with N = 8.</summary>
    public static IReadOnlyList<Panel> StaircasePanels()
    {
        var g = new SigmoidStaircase(SquareRootTarget.Instance, 8, 64);
        return
        [
            LogLog("sigmoid staircase, k = N²: certified sup error against N", StaircaseRates()),
            Curves("f = sqrt(x) and its staircase of 8 sigmoids, k = 64", SquareRootTarget.Instance.Evaluate, g.Evaluate, "f", "G"),
        ];
    }
}
