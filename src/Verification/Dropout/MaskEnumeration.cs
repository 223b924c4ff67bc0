using System.Numerics;
using Fractions;
using Verification.LinearAlgebra;

namespace Verification.Dropout;

/// <summary>
/// The exact expectation E_z ‖Y − θ⁻¹U diag(z)Vᵀ‖_F² by visiting all 2^r masks, weighted θ^{|z|}(1 − θ)^{r−|z|}.
/// Masks are visited in Gray-code order so that U diag(z) Vᵀ changes by one rank-one term per mask; losses are summed
/// per popcount and weighted once at the end. The floating-point path re-forms the product from scratch every
/// <see cref="RefreshInterval"/> masks so that rounding does not drift along the walk.
/// </summary>
public static class MaskEnumeration
{
    /// <summary>The largest width enumerated exactly; beyond it use the Monte Carlo estimate.</summary>
    public const int MaxWidth = 24;

    public const int RefreshInterval = 256;

    private const int ChunkCount = 64;

    public static void CheckWidth(int r)
    {
        if (r > MaxWidth)
            throw new EnumerationLimitException(
                $"width r = {r} is above the exact enumeration limit r ≤ {MaxWidth} (2^{r} masks); use the Monte Carlo estimate (--monte-carlo) instead");
    }

    public static double Expectation(DropoutCase c)
    {
        var r = c.Width;
        CheckWidth(r);
        var sums = new double[r + 1];
        var total = 1L << r;
        var chunks = r >= 12 ? ChunkCount : 1;
        var partial = new double[chunks][];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks == 1 ? 1 : Environment.ProcessorCount }, chunk =>
        {
            var from = total * chunk / chunks;
            var to = total * (chunk + 1) / chunks;
            partial[chunk] = EnumerateRange(c, from, to);
        });
        // Fixed combination order: the result does not depend on the number of cores.
        for (var chunk = 0; chunk < chunks; chunk++)
            for (var k = 0; k <= r; k++) sums[k] += partial[chunk][k];
        var e = 0.0;
        for (var k = 0; k <= r; k++)
            e += Math.Pow(c.Theta, k) * Math.Pow(1 - c.Theta, r - k) * sums[k];
        return e;
    }

    private static double[] EnumerateRange(DropoutCase c, long from, long to)
    {
        int m = c.Y.RowCount, n = c.Y.ColumnCount, r = c.Width;
        var y = c.Y.ToRowMajorArray();
        var u = c.U.ToRowMajorArray();
        var v = c.V.ToRowMajorArray();
        var p = new double[m * n];
        var sum = new double[r + 1];
        var compensation = new double[r + 1];
        var inverseTheta = 1 / c.Theta;
        long mask = 0;
        for (var step = from; step < to; step++)
        {
            var gray = step ^ (step >> 1);
            if (step == from || (step - from) % RefreshInterval == 0)
            {
                Form(p, u, v, m, n, r, gray);
            }
            else
            {
                var k = BitOperations.TrailingZeroCount(step);
                var sign = ((gray >> k) & 1) == 1 ? 1.0 : -1.0;
                for (var i = 0; i < m; i++)
                {
                    var uik = sign * u[i * r + k];
                    for (var j = 0; j < n; j++) p[i * n + j] += uik * v[j * r + k];
                }
            }
            mask = gray;
            var loss = 0.0;
            for (var t = 0; t < p.Length; t++)
            {
                var d = y[t] - p[t] * inverseTheta;
                loss += d * d;
            }
            var count = BitOperations.PopCount((ulong)mask);
            // Neumaier summation per popcount: up to 2^24 terms are added into each bucket.
            var s = sum[count];
            var tot = s + loss;
            compensation[count] += Math.Abs(s) >= Math.Abs(loss) ? (s - tot) + loss : (loss - tot) + s;
            sum[count] = tot;
        }
        for (var k = 0; k <= r; k++) sum[k] += compensation[k];
        return sum;
    }

    private static void Form(double[] p, double[] u, double[] v, int m, int n, int r, long mask)
    {
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                for (var k = 0; k < r; k++)
                    if (((mask >> k) & 1) == 1) s += u[i * r + k] * v[j * r + k];
                p[i * n + j] = s;
            }
    }

    /// <summary>
    /// The same expectation in exact rational arithmetic. Entries are scaled to integers by the common denominators of
    /// Y, U and V; per mask only integer sums Σ Y∘P and Σ P∘P are accumulated (per popcount), and θ enters once at the end.
    /// </summary>
    public static Fraction Expectation(ExactDropoutCase c)
    {
        int m = c.Y.RowCount, n = c.Y.ColumnCount, r = c.Width;
        CheckWidth(r);
        var dy = CommonDenominator(c.Y);
        var du = CommonDenominator(c.U);
        var dv = CommonDenominator(c.V);
        var y = Scaled(c.Y, dy);
        var u = Scaled(c.U, du);
        var v = Scaled(c.V, dv);
        var a = new BigInteger[m * n * r];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < r; k++) a[(i * n + j) * r + k] = u[i, k] * v[j, k];

        var cross = new BigInteger[r + 1];
        var square = new BigInteger[r + 1];
        var p = new BigInteger[m * n];
        var total = 1L << r;
        for (long step = 0; step < total; step++)
        {
            var gray = step ^ (step >> 1);
            if (step > 0)
            {
                var k = BitOperations.TrailingZeroCount(step);
                var add = ((gray >> k) & 1) == 1;
                for (var t = 0; t < p.Length; t++) p[t] = add ? p[t] + a[t * r + k] : p[t] - a[t * r + k];
            }
            var count = BitOperations.PopCount((ulong)gray);
            BigInteger s1 = 0, s2 = 0;
            for (var i = 0; i < m; i++)
                for (var j = 0; j < n; j++)
                {
                    var pij = p[i * n + j];
                    if (pij.IsZero) continue;
                    s1 += y[i, j] * pij;
                    s2 += pij * pij;
                }
            cross[count] += s1;
            square[count] += s2;
        }

        var ySquared = c.Y.FrobeniusNormSquared();
        var theta = c.Theta;
        var scaleCross = new Fraction(dy * du * dv);
        var scaleSquare = new Fraction(du * dv * du * dv);
        var e = Fraction.Zero;
        for (var k = 0; k <= r; k++)
        {
            var weight = Power(theta, k) * Power(Fraction.One - theta, r - k);
            if (weight.IsZero) continue;
            var bucket = new Fraction(Binomial(r, k)) * ySquared
                         - new Fraction(2) / theta * new Fraction(cross[k]) / scaleCross
                         + new Fraction(square[k]) / (theta * theta * scaleSquare);
            e += weight * bucket;
        }
        return e;
    }

    private static BigInteger CommonDenominator(ExactMatrix x)
    {
        BigInteger d = 1;
        for (var i = 0; i < x.RowCount; i++)
            for (var j = 0; j < x.ColumnCount; j++)
            {
                var q = BigInteger.Abs(x[i, j].Denominator);
                d = d / BigInteger.GreatestCommonDivisor(d, q) * q;
            }
        return d;
    }

    private static BigInteger[,] Scaled(ExactMatrix x, BigInteger d)
    {
        var s = new BigInteger[x.RowCount, x.ColumnCount];
        for (var i = 0; i < x.RowCount; i++)
            for (var j = 0; j < x.ColumnCount; j++)
            {
                var f = x[i, j];
                s[i, j] = f.Numerator * (d / f.Denominator);
            }
        return s;
    }

    private static Fraction Power(Fraction x, int k)
    {
        var p = Fraction.One;
        for (var i = 0; i < k; i++) p *= x;
        return p;
    }

    private static BigInteger Binomial(int n, int k)
    {
        BigInteger b = 1;
        for (var i = 1; i <= k; i++) b = b * (n - k + i) / i;
        return b;
    }
}

/// <summary>Thrown when a width is beyond what exact enumeration can visit; the message suggests Monte Carlo.</summary>
public sealed class EnumerationLimitException(string message) : Exception(message);
