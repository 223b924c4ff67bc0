using System.Numerics;
using Fractions;
using Verification.Numerics;

namespace Verification.LinearAlgebra;

/// <summary>
/// Masked contributions in exact rational arithmetic: a target y (T entries, a matrix read as a vector) and contributions
/// C_k (T entries each, the columns of <see cref="Contributions"/>). The loss of a mask z is ‖y − θ⁻¹ Σ_{k∈z} C_k‖².
/// </summary>
public sealed record ExactContributions(Fraction[] Target, ExactMatrix Contributions)
{
    public int Width => Contributions.ColumnCount;
    public int Entries => Target.Length;

    /// <summary>Rank-one contributions u_k w_kᵀ of the columns of U (m×d) and W (N×d), against Y (m×N), entries row-major.</summary>
    public static ExactContributions OfUnits(ExactMatrix y, ExactMatrix u, ExactMatrix w)
    {
        int m = y.RowCount, n = y.ColumnCount, d = u.ColumnCount;
        if (u.RowCount != m || w.RowCount != n || w.ColumnCount != d) throw new ArgumentException("mismatched shapes of Y, U and W");
        var target = new Fraction[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++) target[i * n + j] = y[i, j];
        return new ExactContributions(target, ExactMatrix.Create(m * n, d, (t, k) => u[t / n, k] * w[t % n, k]));
    }

    /// <summary>Consecutive groups of <paramref name="blockSize"/> contributions masked together: each block's contribution is their sum.</summary>
    public ExactContributions Aggregate(int blockSize)
    {
        if (blockSize < 1 || Width % blockSize != 0)
            throw new ArgumentException($"block size b = {blockSize} does not divide the width {Width}");
        return this with
        {
            Contributions = ExactMatrix.Create(Entries, Width / blockSize, (t, g) =>
            {
                var s = Fraction.Zero;
                for (var k = g * blockSize; k < (g + 1) * blockSize; k++) s += Contributions[t, k];
                return s;
            }),
        };
    }
}

/// <summary>
/// The exact expectation E_z ‖y − θ⁻¹ Σ_{k∈z} C_k‖² over all 2^r masks, in rational arithmetic. Entries are scaled to integers by
/// the common denominators of y and of the contributions; per mask only integer sums Σ y∘p and Σ p∘p are accumulated (per
/// popcount, p = Σ_{k∈z} C_k), on longs and Int128 when the scaled sums fit and on big integers otherwise, and θ enters once
/// at the end. The walk visits masks in Gray-code order (one contribution flips per mask) over the same fixed mask ranges as
/// <see cref="GrayCodeEnumeration"/>.
/// </summary>
public static class ExactMaskEnumeration
{
    /// <summary>The largest width enumerated in exact rational arithmetic (big-integer sums per mask are ~50× slower).</summary>
    public const int MaxWidth = 24;

    private const int ChunkCount = 64;

    private const int RefreshInterval = GrayCodeEnumeration.RefreshInterval;

    public static void CheckWidth(int r)
    {
        if (r > MaxWidth)
            throw new EnumerationLimitException(
                $"width r = {r} is above the exact rational enumeration limit r ≤ {MaxWidth}; drop \"exact\" for floating-point enumeration (r ≤ {GrayCodeEnumeration.MaxWidth}) or use the Monte Carlo estimate (--monte-carlo)");
    }

    public static Fraction Expectation(ExactContributions c, Fraction theta)
    {
        CheckWidth(c.Width);
        var ySquared = Fraction.Zero;
        foreach (var y in c.Target) ySquared += y * y;
        return ySquared + Part(c, Enumerable.Range(0, c.Width).ToArray(), Enumerable.Range(0, c.Entries).ToArray(), theta);
    }

    /// <summary>
    /// The same expectation one interacting component at a time: contributions k and l interact when ⟨C_k, C_l⟩ ≠ 0, and masks
    /// of different components never meet in the loss, so E = ‖y‖² + Σ_c E_{z_c}[−(2/θ)⟨y, p_c⟩ + θ⁻²‖p_c‖²]; each component
    /// is walked over the entries its contributions touch.
    /// </summary>
    public static Fraction ExpectationByComponents(ExactContributions c, Fraction theta)
    {
        var components = Components(c);
        foreach (var component in components)
            if (component.Length > MaxWidth)
                throw new EnumerationLimitException(
                    $"{c.Width} masked contributions with an interacting group of {component.Length} > {MaxWidth} cannot be enumerated exactly; drop \"exact\" or use --monte-carlo");
        var e = Fraction.Zero;
        foreach (var y in c.Target) e += y * y;
        foreach (var component in components)
        {
            var support = Enumerable.Range(0, c.Entries).Where(t => component.Any(k => !c.Contributions[t, k].IsZero)).ToArray();
            e += Part(c, component, support, theta);
        }
        return e;
    }

    /// <summary>The interacting components (exact inner products); zero contributions belong to none.</summary>
    public static IReadOnlyList<int[]> Components(ExactContributions c)
    {
        var w = c.Width;
        var parent = Enumerable.Range(0, w).ToArray();
        int Find(int k) => parent[k] == k ? k : parent[k] = Find(parent[k]);
        var active = new bool[w];
        for (var k = 0; k < w; k++)
            for (var t = 0; t < c.Entries; t++)
                if (!c.Contributions[t, k].IsZero) active[k] = true;
        for (var k = 0; k < w; k++)
            for (var l = k + 1; l < w; l++)
            {
                if (!active[k] || !active[l]) continue;
                var dot = Fraction.Zero;
                for (var t = 0; t < c.Entries; t++) dot += c.Contributions[t, k] * c.Contributions[t, l];
                if (!dot.IsZero) parent[Find(k)] = Find(l);
            }
        return Enumerable.Range(0, w).Where(k => active[k]).GroupBy(Find).Select(g => g.ToArray()).ToArray();
    }

    /// <summary>E_z[−(2/θ)⟨y, p⟩ + θ⁻²‖p‖²] over the masks of the given contributions, on the given entries (p vanishes elsewhere).</summary>
    private static Fraction Part(ExactContributions c, int[] units, int[] entries, Fraction theta)
    {
        int r = units.Length, t = entries.Length;
        var dy = CommonDenominator(entries.Select(e => c.Target[e]));
        var dc = CommonDenominator(entries.SelectMany(e => units.Select(k => c.Contributions[e, k])));
        var y = entries.Select(e => Scaled(c.Target[e], dy)).ToArray();
        var a = new BigInteger[t * r];
        for (var e = 0; e < t; e++)
            for (var k = 0; k < r; k++) a[e * r + k] = Scaled(c.Contributions[entries[e], units[k]], dc);

        var (cross, square) = FitsInt128(y, a, t, r)
            ? IntegerWalk(y.Select(x => (long)x).ToArray(), a.Select(x => (long)x).ToArray(), t, r)
            : BigIntegerWalk(y, a, t, r, 0, 1L << r);

        var scaleCross = new Fraction(dy * dc);
        var scaleSquare = new Fraction(dc * dc);
        var e2 = Fraction.Zero;
        for (var k = 0; k <= r; k++)
        {
            var weight = Power(theta, k) * Power(Fraction.One - theta, r - k);
            if (weight.IsZero) continue;
            var bucket = -new Fraction(2) / theta * new Fraction(cross[k]) / scaleCross
                         + new Fraction(square[k]) / (theta * theta * scaleSquare);
            e2 += weight * bucket;
        }
        return e2;
    }

    /// <summary>
    /// Whether every per-mask sum Σ y∘p and Σ p∘p, and a block of <see cref="RefreshInterval"/> of them, fits in Int128 with
    /// the entries of p in a long: then the walk runs on machine integers (exactly), and only block sums become big integers.
    /// </summary>
    private static bool FitsInt128(BigInteger[] y, BigInteger[] a, int t, int r)
    {
        BigInteger pMax = 0, yMax = 0;
        for (var e = 0; e < t; e++)
        {
            BigInteger row = 0;
            for (var k = 0; k < r; k++) row += BigInteger.Abs(a[e * r + k]);
            if (row > pMax) pMax = row;
            var ye = BigInteger.Abs(y[e]);
            if (ye > yMax) yMax = ye;
        }
        var limit = BigInteger.One << 125;
        var block = (BigInteger)t * RefreshInterval;
        return pMax < long.MaxValue && yMax < long.MaxValue
               && block * pMax * pMax < limit && block * yMax * pMax < limit;
    }

    /// <summary>The exact walk on longs and Int128, split into the same fixed mask ranges as the floating-point walk.</summary>
    private static (BigInteger[] Cross, BigInteger[] Square) IntegerWalk(long[] y, long[] a, int entries, int r)
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
            var p = new long[entries];
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
    private static (BigInteger[] Cross, BigInteger[] Square) BigIntegerWalk(BigInteger[] y, BigInteger[] a, int entries, int r, long from, long to)
    {
        var cross = new BigInteger[r + 1];
        var square = new BigInteger[r + 1];
        var p = new BigInteger[entries];
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
                s1 += y[t] * pt;
                s2 += pt * pt;
            }
            cross[count] += s1;
            square[count] += s2;
        }
        return (cross, square);
    }

    private static BigInteger CommonDenominator(IEnumerable<Fraction> values)
    {
        BigInteger d = 1;
        foreach (var x in values)
        {
            var q = BigInteger.Abs(x.Denominator);
            d = d / BigInteger.GreatestCommonDivisor(d, q) * q;
        }
        return d;
    }

    private static BigInteger Scaled(Fraction f, BigInteger d) => f.Numerator * (d / f.Denominator);

    private static Fraction Power(Fraction x, int k)
    {
        var p = Fraction.One;
        for (var i = 0; i < k; i++) p *= x;
        return p;
    }
}
