using MathNet.Numerics.LinearAlgebra;

namespace Verification.Numerics;

/// <summary>SplitMix64: a small, fast, reproducible generator (the same seed gives the same stream on every platform).</summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    /// <summary>The SplitMix64 finalizer: a well-mixed 64-bit value for any input.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64() => Mix(state += 0x9E3779B97F4A7C15UL);

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double NextGaussian() => Normal.FromUniforms(1 - NextDouble(), NextDouble());
}

/// <summary>The one Gaussian sampler and the one random orthogonal matrix of the library.</summary>
public static class Normal
{
    /// <summary>Box–Muller: a standard normal from u₁ ∈ (0, 1] and u₂ ∈ [0, 1).</summary>
    public static double FromUniforms(double u1, double u2) => Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);

    /// <summary>
    /// The orthogonal factor of the QR decomposition of a square Gaussian matrix, with column signs fixed so that R has a
    /// positive diagonal: a Haar-distributed random orthogonal matrix.
    /// </summary>
    public static Matrix<double> OrthogonalFrom(Matrix<double> gaussian)
    {
        var n = gaussian.RowCount;
        if (n == 0) return gaussian.Clone();
        var qr = gaussian.QR();
        var q = qr.Q.Clone();
        for (var j = 0; j < n; j++)
            if (qr.R[j, j] < 0) q.SetColumn(j, q.Column(j).Negate());
        return q;
    }

    public static Matrix<double> RandomOrthogonal(int n, SplitMix64 rng) =>
        OrthogonalFrom(Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextGaussian()));
}

/// <summary>
/// A request beyond what a method can do exactly or in reasonable time (e.g. 2^r masks for a large r). Math throws it with
/// a message a user can act on; the input layer and the CLI report it as one line.
/// </summary>
public class LimitExceededException(string message) : Exception(message);

/// <summary>
/// A floating-point computation met a non-finite value (an overflow, or a NaN from ∞ − ∞): its result would be no
/// evidence. Checks that meet it are inconclusive, never failures.
/// </summary>
public sealed class NonFiniteException(string message) : ArithmeticException(message);
