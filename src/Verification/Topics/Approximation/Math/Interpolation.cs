using Verification.Numerics;
using Verification.Topics.Depth;

namespace Verification.Topics.Approximation;

/// <summary>The largest |f − F| over [a, b], attained at <see cref="At"/>, exactly (a rational or a quadratic surd).</summary>
public sealed record SupError(QuadraticSurd Value, QuadraticSurd At, IReadOnlyList<(QuadraticSurd X, QuadraticSurd Error)> Candidates)
{
    public double Approximate => Value.ToDouble();

    /// <summary>The first candidate with |f − F| above <paramref name="bound"/> (exact comparison), or null when none is.</summary>
    public (QuadraticSurd X, QuadraticSurd Error)? Exceeding(Rational bound)
    {
        foreach (var c in Candidates)
            if (c.Error.Abs().CompareTo(bound) > 0) return c;
        return null;
    }

    /// <summary>True when some candidate reaches <paramref name="bound"/> exactly.</summary>
    public bool Attains(Rational bound) => Candidates.Any(c => c.Error.Abs().CompareTo(bound) == 0);
}

/// <summary>
/// The ReLU interpolant of THEORY.md on N equal intervals of [a, b]: knots x_i = a + ih (h = (b − a)/N), slopes
/// s_i = (f(x_i) − f(x_{i−1}))/h, and F(x) = f(x₀) + s₁ReLU(x − x₀) + Σ_{i=1}^{N−1}(s_{i+1} − s_i)ReLU(x − x_i), a network with one
/// hidden layer of N units.
/// </summary>
public static class Interpolation
{
    /// <summary>The largest N the interpolation builds and certifies exactly.</summary>
    public const int MaxN = 4096;

    public static Rational[] Knots(Rational a, Rational b, int n)
    {
        if (n < 1) throw new ArgumentException($"N must be at least 1, got {n}");
        if (n > MaxN) throw new LimitExceededException($"N = {n} is above the limit {MaxN} of exact interpolation");
        if (a >= b) throw new ArgumentException($"the interval [{a}, {b}] is empty");
        var h = (b - a) / n;
        return Enumerable.Range(0, n + 1).Select(i => a + i * h).ToArray();
    }

    /// <summary>The network of the formula, from the knots and the values f(x_i).</summary>
    public static ReluNetwork Network(IReadOnlyList<Rational> knots, IReadOnlyList<Rational> values)
    {
        var n = knots.Count - 1;
        if (n < 1 || values.Count != knots.Count) throw new ArgumentException("the interpolant needs N + 1 ≥ 2 knots and as many values");
        var slopes = Enumerable.Range(1, n).Select(i => (values[i] - values[i - 1]) / (knots[i] - knots[i - 1])).ToArray();
        var w1 = ReluNetwork.Column(Enumerable.Repeat(Rational.One, n).ToArray());
        var b1 = Enumerable.Range(0, n).Select(i => -knots[i]).ToArray();
        var readout = Enumerable.Range(0, n).Select(i => i == 0 ? slopes[0] : slopes[i] - slopes[i - 1]).ToArray();
        return ReluNetwork.FromLayers((w1, b1), (ReluNetwork.Row(readout), [values[0]]));
    }

    /// <summary>
    /// sup over [Start, End] of |f − F| for a piecewise-linear F: on each piece, the maximum of |f − ℓ| is at an end or at a
    /// critical point of f − ℓ (exact candidates from the target), so the sup is the largest candidate.
    /// </summary>
    public static SupError Sup(ExactTarget f, PiecewiseLinear interpolant)
    {
        if (!interpolant.IsBounded) throw new ArgumentException("the sup error needs a bounded interval");
        var candidates = new List<(QuadraticSurd X, QuadraticSurd Error)>();
        for (var i = 0; i < interpolant.PieceCount; i++)
        {
            var (lo, hi) = interpolant.PieceInterval(i);
            candidates.AddRange(f.Candidates(interpolant.Slope(i), interpolant.Intercept(i), lo!.Value, hi!.Value));
        }
        var best = candidates.MaxBy(c => Math.Abs(c.Error.ToDouble()));
        return new SupError(best.Error.Abs(), best.X, candidates);
    }
}
