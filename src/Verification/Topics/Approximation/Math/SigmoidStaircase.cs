using Verification.Numerics;

namespace Verification.Topics.Approximation;

/// <summary>
/// The sigmoid staircase of N steps on [0, 1]: knots x_i = i/N, steps at the midpoints t_i = (i − ½)/N of height
/// Δ_i = f(x_i) − f(x_{i−1}), and G(x) = f(x₀) + Σ_{i=1}^N Δ_i σ(k(x − t_i)) with the logistic σ and steepness k &gt; 0.
/// </summary>
/// <remarks>
/// The bound this suite states and checks: for every continuous f with modulus of continuity ω on [0, 1], every N ≥ 1 and k &gt; 0,
/// sup_{[0,1]} |f − G| ≤ ω(1/(2N)) + ω(1/N)·C(k, N), with C(k, N) = ½ + σ(−k/N) + 2q/(1 − q) and q = e^{−k/N}.
/// Proof: let S be the Heaviside staircase f(x₀) + Σ_{t_i &lt; x} Δ_i, which equals f at the knot nearest x, so
/// |f − S| ≤ ω(1/(2N)); and |S − G| ≤ Σ_i |Δ_i|σ(−k|x − t_i|) ≤ ω(1/N)·Σ_i σ(−k|x − t_i|). The midpoints are 1/N apart: the
/// nearest one on each side are at distances d, d′ with d + d′ = 1/N, where σ(−kd) + σ(−kd′) ≤ ½ + σ(−k/N) (the sum is
/// convex in d, σ(−z) being convex for z ≥ 0), and the others add at most Σ_{j≥1} 2e^{−kj/N} = 2q/(1 − q). With k = N²,
/// C → ½ and the bound tends to 0 as N grows for every continuous f.
/// </remarks>
public sealed class SigmoidStaircase
{
    public const int MaxN = 1024;

    private readonly double f0;
    private readonly double[] deltas;
    private readonly double[] midpoints;
    private readonly double absDeltas;
    private readonly double s1;
    private readonly double s2;
    private readonly double f0Error;
    private readonly double[] prefix; // prefix[j] = Σ_{i<j} Δ_i (j = 0..N)

    /// <summary>Steps with |k(x − t_i)| ≥ this are summed as exact steps (σ within e^{−40} ≈ 4·10⁻¹⁸ of 0 or 1), and the gap is bounded.</summary>
    private const double Window = 40;

    public SigmoidStaircase(Target f, int n, double steepness)
    {
        if (n < 1) throw new ArgumentException($"N must be at least 1, got {n}");
        if (n > MaxN) throw new LimitExceededException($"N = {n} is above the limit {MaxN} of the certified sup (each step costs O(N) per evaluation)");
        if (!(steepness > 0) || !double.IsFinite(steepness)) throw new ArgumentException($"the steepness k must be positive and finite, got {steepness}");
        Target = f;
        N = n;
        Steepness = steepness;
        var values = Enumerable.Range(0, n + 1).Select(i => f.Evaluate((double)i / n)).ToArray();
        var errors = Enumerable.Range(0, n + 1).Select(i => KnotError(f, (double)i / n)).ToArray();
        f0 = values[0];
        f0Error = errors[0];
        deltas = Enumerable.Range(1, n).Select(i => values[i] - values[i - 1]).ToArray();
        midpoints = Enumerable.Range(1, n).Select(i => (i - 0.5) / n).ToArray();
        absDeltas = deltas.Sum(Math.Abs);
        prefix = new double[n + 1];
        for (var i = 0; i < n; i++) prefix[i + 1] = prefix[i] + deltas[i];
        var u = Rounding.UnitRoundoff;
        // Per step: the values' errors and the rounding of Δ_i, and σ's error: 5u relative plus ¼ of the error of z = k(x − t_i).
        for (var i = 0; i < n; i++)
        {
            var d = Math.Abs(deltas[i]);
            s1 += errors[i] + errors[i + 1] + 6 * u * d + u * steepness * (2 * midpoints[i] + 1) * d;
            s2 += u * steepness * d;
        }
    }

    /// <summary>The error of f̂ at a knot i/N, itself rounded (relative error u): the evaluation error and f's variation over [x − ux, x + ux].</summary>
    private static double KnotError(Target f, double x)
    {
        var shift = Rounding.UnitRoundoff * x;
        return f.EvaluationError(x) + f.Variation(Math.Max(0, x - shift), Math.Min(1, x + shift), shift);
    }

    public Target Target { get; }
    public int N { get; }
    public double Steepness { get; }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>σ′(z) = σ(z)(1 − σ(z)), even and decreasing in |z|.</summary>
    public static double SigmoidSlope(double z)
    {
        var e = Math.Exp(-Math.Abs(z));
        return e / ((1 + e) * (1 + e));
    }

    /// <summary>The steps i (0-based) whose |k(x − t_i)| may be below the window for x in [u, v]: the others are 0 or 1 within e^{−40}.</summary>
    private (int First, int Last) Near(double u, double v)
    {
        var reach = Window / Steepness;
        var first = (int)Math.Max(0, Math.Floor(N * (u - reach) + 0.5) - 2);
        var last = (int)Math.Min(N - 1, Math.Ceiling(N * (v + reach) + 0.5) + 1);
        return (first, last);
    }

    /// <summary>G(x): the steps far below x as whole steps (prefix sums), those near x through σ, those far above as 0.</summary>
    public double Evaluate(double x)
    {
        var (first, last) = Near(x, x);
        var sum = f0 + prefix[Math.Min(first, N)];
        for (var i = first; i <= last; i++) sum += deltas[i] * Sigmoid(Steepness * (x - midpoints[i]));
        return sum;
    }

    /// <summary>
    /// An upper bound on |computed (f − G)(x) − (f − G)(x)|: the target's own error, the errors of the values f(x_i) in Δ_i,
    /// σ's error (exp within 2 ulps, one rounding each for 1 + e and the quotient, and z = k(x − t_i) rounded), and the
    /// summation of N + 2 terms and the prefix sums (γ_{2N+4} times their magnitudes), and the steps summed as whole steps
    /// (at most e^{−40}·Σ|Δ_i|).
    /// </summary>
    public double EvaluationError(double x, double fx) =>
        (Target.EvaluationError(x) + f0Error + s1 + s2 * Math.Abs(x) + Rounding.Gamma(2 * N + 4) * (Math.Abs(fx) + Math.Abs(f0) + absDeltas)
         + Math.Exp(-Window) * absDeltas) * (1 + 1e-10);

    /// <summary>sup |G′| on [u, v]: Σ |Δ_i|·k·σ′(k·dist(t_i, [u, v])), rounded up.</summary>
    public double SlopeBound(double u, double v)
    {
        var (first, last) = Near(u, v);
        var sum = Math.Exp(-Window) * absDeltas; // the steps outside the window: σ′ ≤ e^{−40} there
        for (var i = first; i <= last; i++)
        {
            var t = midpoints[i];
            var distance = t < u ? u - t : t > v ? t - v : 0;
            sum += Math.Abs(deltas[i]) * SigmoidSlope(Steepness * distance);
        }
        return sum * Steepness * (1 + Rounding.Gamma(N + 8) + 1e-12);
    }

    /// <summary>
    /// A certified enclosure of sup_{[0,1]} |f − G| by <see cref="CertifiedSup"/>: 4N initial cells, the cell variation
    /// ω-bound of f plus radius × <see cref="SlopeBound"/>, refined to the relative tolerance.
    /// </summary>
    public SupEnclosure CertifiedSupError(double relativeTolerance = 1e-3, int maxCells = 400_000) =>
        CertifiedSup.Maximize(
            x =>
            {
                var fx = Target.Evaluate(x);
                return (fx - Evaluate(x), EvaluationError(x, fx));
            },
            (u, v, r) => Target.Variation(u, v, r) + r * SlopeBound(u, v),
            0, 1, 4 * N, relativeTolerance, maxCells);

    /// <summary>C(k, N) = ½ + σ(−k/N) + 2q/(1 − q), q = e^{−k/N}.</summary>
    public static double TailFactor(double steepness, int n)
    {
        var ratio = steepness / n;
        var q = Math.Exp(-ratio);
        return 0.5 + Sigmoid(-ratio) + 2 * q / (-double.ExpM1(-ratio));
    }

    /// <summary>The stated bound ω(1/(2N)) + ω(1/N)·C(k, N).</summary>
    public double Bound() => Bound(Target, N, Steepness);

    public static double Bound(Target f, int n, double steepness) =>
        f.Modulus(Rational.Of(1, 2 * n)) + f.Modulus(Rational.Of(1, n)) * TailFactor(steepness, n);
}
