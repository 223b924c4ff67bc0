using System.Numerics;
using Fractions;
using MathNet.Numerics.LinearAlgebra;

namespace Verification.Numerics;

/// <summary>Helpers for exact rationals: parsing "p/q" strings, canonical formatting, exact conversion of doubles.</summary>
public static class Exact
{
    /// <summary>
    /// The double nearest p/q within 2u relative error, from the leading 64 bits of p and q: unlike a conversion of p and q
    /// to doubles first, a numerator and a denominator beyond double's range (10⁻⁶⁰⁰ written exactly) give the value they
    /// stand for (0 or ±∞ only when the value itself is beyond double's range).
    /// </summary>
    public static double ToDouble(Fraction x)
    {
        if (x.IsZero) return 0;
        var p = System.Numerics.BigInteger.Abs(x.Numerator);
        var q = System.Numerics.BigInteger.Abs(x.Denominator);
#pragma warning disable RS0030 // Fractions' conversion is right while numerator and denominator are within double's range
        if (p.GetBitLength() <= 1000 && q.GetBitLength() <= 1000) return x.ToDouble();
#pragma warning restore RS0030
        var a = (int)Math.Max(0, p.GetBitLength() - 64);
        var b = (int)Math.Max(0, q.GetBitLength() - 64);
        var shift = (long)a - b;
        var m = (double)(p >> a) / (double)(q >> b);
        var d = shift > 5000 ? double.PositiveInfinity : shift < -5000 ? 0 : Math.ScaleB(m, (int)shift);
        return x.Numerator.Sign * x.Denominator.Sign < 0 ? -d : d;
    }

    /// <summary>
    /// <see cref="ToDouble(Fraction)"/> as an extension. Fractions' own <c>Fraction.ToDouble()</c> converts numerator and
    /// denominator to doubles first and so returns 0 for every value below about 2⁻⁹⁷¹ (10⁻³⁰⁰ is 0); the library bans it
    /// (src/BannedSymbols.txt).
    /// </summary>
    public static double ToDoubleAnyScale(this Fraction x) => ToDouble(x);

    /// <summary>Lowest terms, "p/q", or "p" when q = 1.</summary>
    public static string Format(Fraction x)
    {
        var n = x.Numerator;
        var d = x.Denominator;
        if (d.Sign < 0) { n = -n; d = -d; }
        var g = BigInteger.GreatestCommonDivisor(n, d);
        if (!g.IsZero && !g.IsOne) { n /= g; d /= g; }
        return d.IsOne ? n.ToString() : $"{n}/{d}";
    }

    /// <summary>The largest decimal exponent an exact literal may carry (|e| ≤ 10000 after moving the decimal point).</summary>
    public const int MaxDecimalExponent = 10_000;

    private static readonly System.Text.RegularExpressions.Regex Decimal =
        new(@"^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Parses an integer, "p/q" (integers p, q ≠ 0), or a decimal literal such as "0.25", "1e-29" or
    /// "0.12345678901234567890123456789" as the exact rational it spells, at any length. An exponent beyond
    /// ±<see cref="MaxDecimalExponent"/> is refused (<see cref="FormatException"/>), as are NaN and infinities.
    /// </summary>
    public static Fraction Parse(string text)
    {
        var s = text.Trim();
        if (s.Length == 0) throw new FormatException("empty number");
        var slash = s.IndexOf('/');
        if (slash >= 0)
        {
            var p = ParseInteger(s[..slash].Trim(), text);
            var q = ParseInteger(s[(slash + 1)..].Trim(), text);
            if (q.IsZero) throw new FormatException($"zero denominator in '{text}'");
            return new Fraction(p, q);
        }
        var match = Decimal.Match(s);
        if (!match.Success || match.Groups[2].Length + match.Groups[3].Length == 0)
            throw new FormatException($"'{text}' is not a decimal number");
        var digits = match.Groups[2].Value + match.Groups[3].Value;
        var mantissa = BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        if (match.Groups[1].Value == "-") mantissa = -mantissa;
        var written = match.Groups[4].Success ? match.Groups[4].Value : "0";
        if (!long.TryParse(written, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var exponent)
            || Math.Abs(exponent - match.Groups[3].Length) > MaxDecimalExponent)
            throw new FormatException($"the exponent of '{text}' is beyond ±{MaxDecimalExponent}");
        exponent -= match.Groups[3].Length;
        var power = BigInteger.Pow(10, (int)Math.Abs(exponent));
        return exponent >= 0 ? new Fraction(mantissa * power) : new Fraction(mantissa, power);
    }

    private static BigInteger ParseInteger(string s, string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(s, "^[+-]?[0-9]+$")
            ? BigInteger.Parse(s, System.Globalization.CultureInfo.InvariantCulture)
            : throw new FormatException($"'{text}' is not p/q with integers p and q");

    /// <summary>The exact rational value of a finite double (every double is a dyadic rational).</summary>
    public static Fraction FromDouble(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentException("not a finite number", nameof(x));
        // Fractions 8.3.2 maps −0.0 to a tiny nonzero value; zero of either sign is exactly 0.
        if (x == 0) return Fraction.Zero;
        // It also reads a subnormal as if it had the implicit leading bit (3e-320 became about 2^-1022): decode those here.
        if (Math.Abs(x) < 2.2250738585072014E-308) // the smallest normal double, 2^-1022
        {
            var mantissa = BitConverter.DoubleToInt64Bits(Math.Abs(x)) & 0xF_FFFF_FFFF_FFFFL;
            var value = new Fraction(new BigInteger(mantissa), BigInteger.One << 1074);
            return x < 0 ? -value : value;
        }
        return Fraction.FromDouble(x);
    }
}

/// <summary>An immutable matrix of exact rationals.</summary>
public sealed class ExactMatrix
{
    private readonly Fraction[,] entries;

    public ExactMatrix(Fraction[,] entries) => this.entries = (Fraction[,])entries.Clone();

    public int RowCount => entries.GetLength(0);
    public int ColumnCount => entries.GetLength(1);
    public Fraction this[int i, int j] => entries[i, j];

    public static ExactMatrix Create(int rows, int columns, Func<int, int, Fraction> entry)
    {
        var a = new Fraction[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                a[i, j] = entry(i, j);
        return new ExactMatrix(a);
    }

    public static ExactMatrix FromDoubles(Matrix<double> m) => Create(m.RowCount, m.ColumnCount, (i, j) => Exact.FromDouble(m[i, j]));

    public static ExactMatrix FromRows(IReadOnlyList<IReadOnlyList<Fraction>> rows)
    {
        var columns = rows.Count == 0 ? 0 : rows[0].Count;
        return Create(rows.Count, columns, (i, j) => rows[i][j]);
    }

    public Matrix<double> ToDouble() => Matrix<double>.Build.Dense(RowCount, ColumnCount, (i, j) => Exact.ToDouble(entries[i, j]));

    public ExactMatrix Transpose() => Create(ColumnCount, RowCount, (i, j) => entries[j, i]);

    public ExactMatrix Multiply(ExactMatrix other)
    {
        if (ColumnCount != other.RowCount) throw new ArgumentException("inner dimensions differ");
        return Create(RowCount, other.ColumnCount, (i, j) =>
        {
            var s = Fraction.Zero;
            for (var k = 0; k < ColumnCount; k++) s += entries[i, k] * other.entries[k, j];
            return s;
        });
    }

    public ExactMatrix Subtract(ExactMatrix other) => Create(RowCount, ColumnCount, (i, j) => entries[i, j] - other.entries[i, j]);

    public Fraction FrobeniusNormSquared()
    {
        var s = Fraction.Zero;
        foreach (var x in entries) s += x * x;
        return s;
    }

    /// <summary>‖column j‖².</summary>
    public Fraction ColumnNormSquared(int j)
    {
        var s = Fraction.Zero;
        for (var i = 0; i < RowCount; i++) s += entries[i, j] * entries[i, j];
        return s;
    }
}
