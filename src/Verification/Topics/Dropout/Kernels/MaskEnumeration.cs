using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Fractions;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.Dropout;

/// <summary>
/// The exact expectation E_z ‖Y − θ⁻¹U diag(z) Vᵀ‖_F² by visiting all 2^r masks, weighted θ^{|z|}(1 − θ)^{r−|z|}.
/// Floating point: the loss of a mask is ‖Y‖² − (2/θ) Σ_{k∈z} a_k + θ⁻² Σ_{k,l∈z} G_kl with a_k = u_kᵀY v_k and the
/// Gram terms G_kl = (u_kᵀu_l)(v_kᵀv_l). Masks are visited in Gray-code order, so one unit flips per mask and the
/// loss is updated in O(r) through s_k = Σ_{l∈z} G_kl (a vector update). Losses are summed per popcount and weighted
/// once at the end. The walk is split into fixed mask ranges run in parallel and combined in a fixed order, so the
/// result does not depend on the number of cores; every range re-forms its state from scratch every
/// <see cref="RefreshInterval"/> masks so that rounding does not drift along the walk.
/// </summary>
public static class MaskEnumeration
{
    /// <summary>The largest width enumerated exactly; beyond it use the Monte Carlo estimate.</summary>
    public const int MaxWidth = 28;

    public const int RefreshInterval = 256;

    private const int ChunkCount = 64;

    /// <summary>The largest width enumerated in exact rational arithmetic (big-integer sums per mask are ~50× slower).</summary>
    public const int ExactMaxWidth = 24;

    public static void CheckExactWidth(int r)
    {
        if (r > ExactMaxWidth)
            throw new EnumerationLimitException(
                $"width r = {r} is above the exact rational enumeration limit r ≤ {ExactMaxWidth}; drop \"exact\" for floating-point enumeration (r ≤ {MaxWidth}) or use the Monte Carlo estimate (--monte-carlo)");
    }

    public static void CheckWidth(int r)
    {
        if (r > MaxWidth)
            throw new EnumerationLimitException(
                $"width r = {r} is above the exact enumeration limit r ≤ {MaxWidth} (2^{r} masks); use the Monte Carlo estimate (--monte-carlo) instead");
    }

    /// <summary>
    /// The longest chain of rounded operations behind one enumerated value: a Gram entry (max(m, n)), a state
    /// re-formation (r), up to <see cref="RefreshInterval"/> updates, the loss and the weighting (a few more).
    /// With <see cref="DropoutObjective.LossBound"/> it gives the summation tolerance of the enumeration.
    /// </summary>
    public static int Chain(int m, int n, int r) => Math.Max(m, n) + 2 * r + RefreshInterval + 16;

    public static double Expectation(DropoutCase c) => Expectation(GramTerms.Of(c), c.Theta);

    /// <summary>The expectation from precomputed Gram terms (for batches that share them).</summary>
    public static double Expectation(GramTerms g, double theta)
    {
        var r = g.Width;
        CheckWidth(r);
        var walk = new Walk(g);
        var total = 1L << r;
        var chunks = r >= 14 ? ChunkCount : 1;
        var partial = new (double[] Linear, double[] Quadratic)[chunks];
        if (chunks == 1) partial[0] = walk.Run(0, total);
        else Parallel.For(0, chunks, chunk => partial[chunk] = walk.Run(total * chunk / chunks, total * (chunk + 1) / chunks));

        // Fixed combination order: the result does not depend on the number of cores.
        var linear = new double[r + 1];
        var quadratic = new double[r + 1];
        for (var chunk = 0; chunk < chunks; chunk++)
            for (var k = 0; k <= r; k++)
            {
                linear[k] += partial[chunk].Linear[k];
                quadratic[k] += partial[chunk].Quadratic[k];
            }
        var inverseTheta = 1 / theta;
        var e = 0.0;
        var binomial = 1.0;
        for (var k = 0; k <= r; k++)
        {
            // Σ over the C(r, k) masks with k units kept of ‖Y‖² − (2/θ) Σ a + θ⁻² Σ G.
            var sum = binomial * g.TargetNormSquared - 2 * inverseTheta * linear[k] + inverseTheta * inverseTheta * quadratic[k];
            e += Math.Pow(theta, k) * Math.Pow(1 - theta, r - k) * sum;
            binomial = binomial * (r - k) / (k + 1);
        }
        return e;
    }

    /// <summary>
    /// The Gray-code walk over a range of masks. Per mask: one flipped unit k, s ← s ± G_k (a vector update of length r),
    /// Σ a and Σ G updated by scalars, and both added to the bucket of the mask's popcount. Buckets are plain sums over
    /// one refresh block, folded into Neumaier-compensated totals at the end of the block.
    /// </summary>
    private sealed class Walk
    {
        private readonly int r;
        private readonly int stride;
        private readonly double[] gram; // row-major r × stride, zero-padded to a multiple of the vector width
        private readonly double[] alignment;

        public Walk(GramTerms g)
        {
            r = g.Width;
            stride = (r + 3) & ~3;
            gram = new double[Math.Max(1, r) * stride];
            for (var k = 0; k < r; k++)
                Array.Copy(g.Gram, k * r, gram, k * stride, r);
            alignment = g.Alignment;
        }

        public (double[] Linear, double[] Quadratic) Run(long from, long to)
        {
            var s = new double[stride];
            var blockLinear = new double[r + 1];
            var blockQuadratic = new double[r + 1];
            var linearTotal = new double[r + 1];
            var linearCompensation = new double[r + 1];
            var quadraticTotal = new double[r + 1];
            var quadraticCompensation = new double[r + 1];
            for (var block = from; block < to; block += RefreshInterval)
            {
                var end = Math.Min(block + RefreshInterval, to);
                var gray = block ^ (block >> 1);
                var (linear, quadratic) = Form(gray, s);
                var count = BitOperations.PopCount((ulong)gray);
                blockLinear[count] += linear;
                blockQuadratic[count] += quadratic;
                for (var step = block + 1; step < end; step++)
                {
                    var k = BitOperations.TrailingZeroCount(step);
                    gray ^= 1L << k;
                    var diagonal = gram[k * stride + k];
                    if (((gray >> k) & 1) == 1)
                    {
                        quadratic += 2 * s[k] + diagonal;
                        linear += alignment[k];
                        AddRow(s, k, 1);
                        count++;
                    }
                    else
                    {
                        quadratic += diagonal - 2 * s[k];
                        linear -= alignment[k];
                        AddRow(s, k, -1);
                        count--;
                    }
                    blockLinear[count] += linear;
                    blockQuadratic[count] += quadratic;
                }
                for (var c = 0; c <= r; c++)
                {
                    Neumaier(ref linearTotal[c], ref linearCompensation[c], blockLinear[c]);
                    Neumaier(ref quadraticTotal[c], ref quadraticCompensation[c], blockQuadratic[c]);
                    blockLinear[c] = 0;
                    blockQuadratic[c] = 0;
                }
            }
            for (var c = 0; c <= r; c++)
            {
                linearTotal[c] += linearCompensation[c];
                quadraticTotal[c] += quadraticCompensation[c];
            }
            return (linearTotal, quadraticTotal);
        }

        /// <summary>s ← s + sign · G_k, four lanes at a time.</summary>
        private void AddRow(double[] s, int k, double sign)
        {
            ref var target = ref MemoryMarshal.GetArrayDataReference(s);
            ref var row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(gram), k * stride);
            if (Vector256.IsHardwareAccelerated)
            {
                var factor = Vector256.Create(sign);
                for (var i = 0; i < stride; i += 4)
                {
                    var sum = Vector256.LoadUnsafe(ref target, (nuint)i) + factor * Vector256.LoadUnsafe(ref row, (nuint)i);
                    sum.StoreUnsafe(ref target, (nuint)i);
                }
            }
            else
            {
                for (var i = 0; i < stride; i++) Unsafe.Add(ref target, i) += sign * Unsafe.Add(ref row, i);
            }
        }

        /// <summary>s_k = Σ_{l∈z} G_kl, and the mask's Σ a_k and Σ_{k,l∈z} G_kl, from scratch.</summary>
        private (double Linear, double Quadratic) Form(long mask, double[] s)
        {
            double linear = 0, quadratic = 0;
            for (var k = 0; k < r; k++)
            {
                var sk = 0.0;
                for (var l = 0; l < r; l++)
                    if (((mask >> l) & 1) == 1) sk += gram[k * stride + l];
                s[k] = sk;
                if (((mask >> k) & 1) == 1)
                {
                    linear += alignment[k];
                    quadratic += sk;
                }
            }
            return (linear, quadratic);
        }

        private static void Neumaier(ref double total, ref double compensation, double x)
        {
            var t = total + x;
            compensation += Math.Abs(total) >= Math.Abs(x) ? (total - t) + x : (x - t) + total;
            total = t;
        }
    }

    /// <summary>
    /// The same expectation in exact rational arithmetic. Entries are scaled to integers by the common denominators of
    /// Y, U and V; per mask only integer sums Σ Y∘P and Σ P∘P are accumulated (per popcount), and θ enters once at the end.
    /// </summary>
    public static Fraction Expectation(ExactDropoutCase c)
    {
        int m = c.Y.RowCount, n = c.Y.ColumnCount, r = c.Width;
        CheckExactWidth(r);
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

        var (cross, square) = FitsInt128(y, a, m, n, r)
            ? IntegerWalk(ToLong(y, m, n), a.Select(x => (long)x).ToArray(), m, n, r)
            : BigIntegerWalk(y, a, m, n, r, 0, 1L << r);

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

    /// <summary>
    /// Whether every per-mask sum Σ Y∘P and Σ P∘P, and a block of <see cref="RefreshInterval"/> of them, fits in Int128 with
    /// the entries of P in a long: then the walk runs on machine integers (exactly), and only block sums become big integers.
    /// </summary>
    private static bool FitsInt128(BigInteger[,] y, BigInteger[] a, int m, int n, int r)
    {
        BigInteger pMax = 0, yMax = 0;
        for (var t = 0; t < m * n; t++)
        {
            BigInteger row = 0;
            for (var k = 0; k < r; k++) row += BigInteger.Abs(a[t * r + k]);
            if (row > pMax) pMax = row;
            var yt = BigInteger.Abs(y[t / n, t % n]);
            if (yt > yMax) yMax = yt;
        }
        var limit = BigInteger.One << 125;
        var block = (BigInteger)(m * n) * RefreshInterval;
        return pMax < long.MaxValue && yMax < long.MaxValue
               && block * pMax * pMax < limit && block * yMax * pMax < limit;
    }

    private static long[] ToLong(BigInteger[,] y, int m, int n)
    {
        var result = new long[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++) result[i * n + j] = (long)y[i, j];
        return result;
    }

    /// <summary>The exact walk on longs and Int128, split into the same fixed mask ranges as the floating-point walk.</summary>
    private static (BigInteger[] Cross, BigInteger[] Square) IntegerWalk(long[] y, long[] a, int m, int n, int r)
    {
        var total = 1L << r;
        var chunks = r >= 14 ? ChunkCount : 1;
        var partial = new (BigInteger[] Cross, BigInteger[] Square)[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks == 1 ? 1 : Environment.ProcessorCount }, chunk =>
        {
            long from = total * chunk / chunks, to = total * (chunk + 1) / chunks;
            var cross = new BigInteger[r + 1];
            var square = new BigInteger[r + 1];
            var blockCross = new Int128[r + 1];
            var blockSquare = new Int128[r + 1];
            var p = new long[m * n];
            var gray = from ^ (from >> 1);
            for (var t = 0; t < p.Length; t++)
                for (var k = 0; k < r; k++)
                    if (((gray >> k) & 1) == 1) p[t] += a[t * r + k];
            for (var step = from; step < to; step++)
            {
                if (step > from)
                {
                    var k = BitOperations.TrailingZeroCount(step);
                    gray ^= 1L << k;
                    if (((gray >> k) & 1) == 1) for (var t = 0; t < p.Length; t++) p[t] += a[t * r + k];
                    else for (var t = 0; t < p.Length; t++) p[t] -= a[t * r + k];
                }
                Int128 s1 = 0, s2 = 0;
                for (var t = 0; t < p.Length; t++)
                {
                    s1 += (Int128)y[t] * p[t];
                    s2 += (Int128)p[t] * p[t];
                }
                var count = BitOperations.PopCount((ulong)gray);
                blockCross[count] += s1;
                blockSquare[count] += s2;
                if ((step - from) % RefreshInterval == RefreshInterval - 1 || step == to - 1)
                    for (var c = 0; c <= r; c++)
                    {
                        cross[c] += (BigInteger)blockCross[c];
                        square[c] += (BigInteger)blockSquare[c];
                        blockCross[c] = 0;
                        blockSquare[c] = 0;
                    }
            }
            partial[chunk] = (cross, square);
        });
        var crossTotal = new BigInteger[r + 1];
        var squareTotal = new BigInteger[r + 1];
        foreach (var (cross, square) in partial)
            for (var c = 0; c <= r; c++)
            {
                crossTotal[c] += cross[c];
                squareTotal[c] += square[c];
            }
        return (crossTotal, squareTotal);
    }

    /// <summary>The exact walk on big integers, for entries whose scaled sums do not fit in Int128.</summary>
    private static (BigInteger[] Cross, BigInteger[] Square) BigIntegerWalk(BigInteger[,] y, BigInteger[] a, int m, int n, int r, long from, long to)
    {
        var cross = new BigInteger[r + 1];
        var square = new BigInteger[r + 1];
        var p = new BigInteger[m * n];
        for (var step = from; step < to; step++)
        {
            var gray = step ^ (step >> 1);
            if (step > from)
            {
                var k = BitOperations.TrailingZeroCount(step);
                var add = ((gray >> k) & 1) == 1;
                for (var t = 0; t < p.Length; t++) p[t] = add ? p[t] + a[t * r + k] : p[t] - a[t * r + k];
            }
            var count = BitOperations.PopCount((ulong)gray);
            BigInteger s1 = 0, s2 = 0;
            for (var t = 0; t < p.Length; t++)
            {
                var pt = p[t];
                if (pt.IsZero) continue;
                s1 += y[t / n, t % n] * pt;
                s2 += pt * pt;
            }
            cross[count] += s1;
            square[count] += s2;
        }
        return (cross, square);
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
public sealed class EnumerationLimitException(string message) : LimitExceededException(message);
