using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using Verification.Numerics;

namespace Verification.LinearAlgebra;

/// <summary>
/// A Monte Carlo estimate with a confidence interval that holds with probability at least 1 − δ for any distribution on
/// [0, B]: the empirical Bernstein bound of Maurer and Pontil (2009),
/// |mean − E| ≤ √(2 V ln(4/δ) / N) + 7 B ln(4/δ) / (3 (N − 1)), V the sample variance.
/// It is a rigorous interval, so a verdict that uses it does not flake at the CLT's rate.
/// </summary>
public sealed record MonteCarloEstimate(double Estimate, double Lower, double Upper, long Samples, double Delta)
{
    public double HalfWidth => (Upper - Lower) / 2;
    public bool Contains(double x) => x >= Lower && x <= Upper;

    /// <summary>How far x lies outside the interval (0 inside): the residual of a Monte Carlo check.</summary>
    public double Distance(double x) => Math.Max(0, Math.Max(Lower - x, x - Upper));
}

/// <summary>Monte Carlo over masks of a loss described by <see cref="GramTerms"/>, for widths beyond enumeration.</summary>
public static class MaskMonteCarlo
{
    public const double DefaultDelta = 1e-9;

    /// <summary>
    /// Samples masks z_k ~ Bernoulli(θ) in batches of <paramref name="batch"/> until the interval's half-width is at most
    /// <paramref name="relativeWidth"/> times the bound B (an upper bound on every mask's loss), or <paramref name="maxSamples"/>
    /// masks have been drawn. A batch's losses come from matrix products with the Gram terms: ‖Y‖² − (2/θ)·Z a +
    /// θ⁻²·rowsum((Z G) ∘ Z), Z the batch's 0/1 mask matrix; no per-mask product is formed. The sequential stopping rule is
    /// checked after every batch (a fixed schedule, so the same seed gives the same estimate).
    /// </summary>
    public static MonteCarloEstimate Expectation(GramTerms terms, double theta, double bound, ulong seed, long maxSamples = 1 << 20,
        double relativeWidth = 1e-3, int batch = 4096, double delta = DefaultDelta)
    {
        var rng = new SplitMix64(seed);
        var r = terms.Width;
        var gram = Matrix<double>.Build.Dense(r, r, (k, l) => terms.Gram[k * r + l]);
        var inverseTheta = 1 / theta;
        long count = 0;
        double mean = 0, m2 = 0;
        var interval = (Lower: double.NegativeInfinity, Upper: double.PositiveInfinity);
        while (count < maxSamples)
        {
            var size = (int)Math.Min(batch, maxSamples - count);
            // Z is column-major (MathNet's dense storage): entry (b, k) at k·size + b. Masks are drawn row by row.
            var z = new DenseMatrix(size, r);
            var zv = z.Values;
            for (var b = 0; b < size; b++)
                for (var k = 0; k < r; k++)
                    if (rng.NextDouble() < theta) zv[k * size + b] = 1;
            var zg = Backend.Multiply(z, gram);
            var zgv = zg is DenseMatrix dense ? dense.Values : zg.ToColumnMajorArray();
            var linear = new double[size];
            var quadratic = new double[size];
            for (var k = 0; k < r; k++)
            {
                var ak = terms.Alignment[k];
                var column = k * size;
                for (var b = 0; b < size; b++)
                {
                    var zbk = zv[column + b];
                    linear[b] += zbk * ak;
                    quadratic[b] += zbk * zgv[column + b];
                }
            }
            // Merge the batch into the running mean and M2 one sample at a time, in a fixed order.
            for (var b = 0; b < size; b++)
            {
                var loss = terms.TargetNormSquared - 2 * inverseTheta * linear[b] + inverseTheta * inverseTheta * quadratic[b];
                count++;
                var d = loss - mean;
                mean += d / count;
                m2 += d * (loss - mean);
            }
            interval = Interval(mean, m2, count, bound, delta);
            if ((interval.Upper - interval.Lower) / 2 <= relativeWidth * Math.Max(bound, double.Epsilon)) break;
        }
        return new MonteCarloEstimate(mean, interval.Lower, interval.Upper, count, delta);
    }

    public static (double Lower, double Upper) Interval(double mean, double m2, long n, double bound, double delta)
    {
        if (n < 2) return (double.NegativeInfinity, double.PositiveInfinity);
        var variance = m2 / (n - 1);
        var log = Math.Log(4 / delta);
        var half = Math.Sqrt(2 * variance * log / n) + 7 * bound * log / (3.0 * (n - 1));
        return (mean - half, mean + half);
    }
}
