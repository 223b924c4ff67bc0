using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Topics.Dropout;

namespace Verification.Reference;

/// <summary>
/// The straightforward implementations the fast paths are measured and checked against: what a user writes first.
/// They share nothing with the fast kernels beyond MathNet's matrix product.
/// </summary>
public static class ReferenceImplementations
{
    /// <summary>Rebuild U diag(z) Vᵀ for every mask and take the squared Frobenius norm of the residual.</summary>
    public static double ExpectationByRebuilding(DropoutCase c)
    {
        var r = c.Width;
        MaskEnumeration.CheckWidth(r);
        var vt = c.V.Transpose();
        var total = 0.0;
        for (long mask = 0; mask < 1L << r; mask++)
        {
            var z = Matrix<double>.Build.Diagonal(r, r, k => ((mask >> k) & 1) == 1 ? 1.0 : 0.0);
            var weight = 1.0;
            for (var k = 0; k < r; k++) weight *= ((mask >> k) & 1) == 1 ? c.Theta : 1 - c.Theta;
            if (weight == 0) continue;
            total += weight * Norms.FrobeniusSquared(c.Y - c.U * z * vt / c.Theta);
        }
        return total;
    }

    /// <summary>
    /// The best a user of a matrix library does without this project: the Gram trick with masks in batches, the batch's
    /// quadratic forms z_bᵀ G z_b from one matrix product (Z G) ∘ Z, in the spirit of a vectorized numpy script.
    /// </summary>
    public static double ExpectationByBatchedGram(DropoutCase c, int batch = 4096)
    {
        var r = c.Width;
        MaskEnumeration.CheckWidth(r);
        var terms = GramTerms.Of(c);
        var g = Matrix<double>.Build.Dense(r, r, (k, l) => terms.Gram[k * r + l]);
        var a = Vector<double>.Build.Dense(terms.Alignment);
        var total = 0.0;
        var masks = 1L << r;
        for (long start = 0; start < masks; start += batch)
        {
            var count = (int)Math.Min(batch, masks - start);
            var z = Matrix<double>.Build.Dense(count, r, (b, k) => (((start + b) >> k) & 1) == 1 ? 1.0 : 0.0);
            var quadratic = (z * g).PointwiseMultiply(z).RowSums();
            var linear = z * a;
            for (var b = 0; b < count; b++)
            {
                var ones = System.Numerics.BitOperations.PopCount((ulong)(start + b));
                var weight = Math.Pow(c.Theta, ones) * Math.Pow(1 - c.Theta, r - ones);
                total += weight * (terms.TargetNormSquared - 2 / c.Theta * linear[b] + quadratic[b] / (c.Theta * c.Theta));
            }
        }
        return total;
    }

    /// <summary>Monte Carlo by rebuilding the masked product per sample (the same mask stream as <see cref="MonteCarlo"/>).</summary>
    public static double MonteCarloMeanByRebuilding(DropoutCase c, ulong seed, long samples)
    {
        var rng = new SplitMix64(seed);
        var r = c.Width;
        var vt = c.V.Transpose();
        var mean = 0.0;
        for (long i = 0; i < samples; i++)
        {
            var z = Matrix<double>.Build.Diagonal(r, r, _ => rng.NextDouble() < c.Theta ? 1.0 : 0.0);
            var loss = Norms.FrobeniusSquared(c.Y - c.U * z * vt / c.Theta);
            mean += (loss - mean) / (i + 1);
        }
        return mean;
    }
}
