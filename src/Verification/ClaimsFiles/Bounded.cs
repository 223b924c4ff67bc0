using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

namespace Verification.ClaimsFiles;

/// <summary>
/// A matrix of doubles with, for every entry, a rigorous bound on its distance to the exact value of the expression (a
/// running error analysis: each rounded operation adds u or γ_n times the magnitude of what it combined, Higham §3.1),
/// so that the tolerance of a comparison is reasoned from the expression itself. A Monte Carlo interval enters as its
/// half-width (it holds with the interval's confidence).
/// </summary>
public sealed class Bounded
{
    private const double U = Rounding.UnitRoundoff;

    public Bounded(int rows, int columns, double[] values, double[] errors)
    {
        Rows = rows;
        Columns = columns;
        Values = values;
        Errors = errors;
    }

    public int Rows { get; }
    public int Columns { get; }
    public double[] Values { get; }
    public double[] Errors { get; }

    public double this[int i, int j] => Values[i * Columns + j];
    public double ErrorAt(int i, int j) => Errors[i * Columns + j];

    public static Bounded Exact(Matrix<double> m) =>
        Create(m.RowCount, m.ColumnCount, (i, j) => (m[i, j], 0));

    public static Bounded Scalar(double value, double error = 0) => new(1, 1, [value], [error]);

    public static Bounded Create(int rows, int columns, Func<int, int, (double Value, double Error)> entry)
    {
        var v = new double[rows * columns];
        var e = new double[rows * columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                (v[i * columns + j], e[i * columns + j]) = entry(i, j);
        return new Bounded(rows, columns, v, e);
    }

    public Matrix<double> ToMatrix() => Matrix<double>.Build.Dense(Rows, Columns, (i, j) => this[i, j]);

    /// <summary>‖errors‖_F: a bound on the spectral (and Frobenius) norm of the error matrix.</summary>
    public double ErrorNorm() => Math.Sqrt(Errors.Sum(e => e * e)) * (1 + 4 * U);

    public double FrobeniusNorm() => Math.Sqrt(Values.Sum(v => v * v));

    public Bounded Map(Func<double, double, (double, double)> f) => Create(Rows, Columns, (i, j) => f(this[i, j], ErrorAt(i, j)));

    /// <summary>
    /// The absolute error a product or quotient may add when it underflows into the subnormals (half the smallest subnormal,
    /// rounded up to it): relative bounds alone say nothing there (1e-160 · 1e-160 rounds to a multiple of 2^-1074).
    /// </summary>
    public const double Underflow = double.Epsilon;

    public static (double, double) Add(double a, double ea, double b, double eb)
    {
        var v = a + b;
        return (v, ea + eb + 2 * U * Math.Abs(v));
    }

    public static (double, double) Multiply(double a, double ea, double b, double eb)
    {
        var v = a * b;
        return (v, Math.Abs(a) * eb + Math.Abs(b) * ea + ea * eb + 2 * U * Math.Abs(v) + Underflow);
    }

    /// <summary>a/b; an error bound of +∞ when b's error interval contains 0 (the comparison is then no evidence).</summary>
    public static (double, double) Divide(double a, double ea, double b, double eb)
    {
        var v = a / b;
        if (Math.Abs(b) <= eb) return (v, double.PositiveInfinity);
        return (v, (ea * Math.Abs(b) + Math.Abs(a) * eb) / (Math.Abs(b) * (Math.Abs(b) - eb)) + 2 * U * Math.Abs(v) + Underflow);
    }

    public static Bounded operator +(Bounded a, Bounded b) => Create(a.Rows, a.Columns, (i, j) => Add(a[i, j], a.ErrorAt(i, j), b[i, j], b.ErrorAt(i, j)));

    public static Bounded operator -(Bounded a) => new(a.Rows, a.Columns, a.Values.Select(x => -x).ToArray(), a.Errors);

    public static Bounded operator -(Bounded a, Bounded b) => a + -b;

    public Bounded Scale(double c, double ec) => Map((x, e) => Multiply(c, ec, x, e));

    public Bounded Hadamard(Bounded b) => Create(Rows, Columns, (i, j) => Multiply(this[i, j], ErrorAt(i, j), b[i, j], b.ErrorAt(i, j)));

    public Bounded Kronecker(Bounded b) => Create(Rows * b.Rows, Columns * b.Columns, (i, j) =>
        Multiply(this[i / b.Rows, j / b.Columns], ErrorAt(i / b.Rows, j / b.Columns), b[i % b.Rows, j % b.Columns], b.ErrorAt(i % b.Rows, j % b.Columns)));

    public Bounded Transpose() => Create(Columns, Rows, (i, j) => (this[j, i], ErrorAt(j, i)));

    /// <summary>A product: each entry a sum of K products, held to Σ(|a||e_b| + |b||e_a| + e_a e_b) + 2γ_{K+1}Σ|a||b| (+ 2K underflows).</summary>
    public static Bounded operator *(Bounded a, Bounded b)
    {
        var k = a.Columns;
        var gamma = 2 * Rounding.Gamma(k + 1);
        return Create(a.Rows, b.Columns, (i, j) =>
        {
            double s = 0, magnitude = 0, propagated = 0;
            for (var l = 0; l < k; l++)
            {
                var (x, ex, y, ey) = (a[i, l], a.ErrorAt(i, l), b[l, j], b.ErrorAt(l, j));
                s += x * y;
                magnitude += Math.Abs(x * y);
                propagated += Math.Abs(x) * ey + Math.Abs(y) * ex + ex * ey;
            }
            return (s, propagated * (1 + gamma) + gamma * magnitude + 2 * k * Underflow);
        });
    }

    /// <summary>Σ entries², held to Σ(2|x|e + e²) + 2γ_{N+1}Σx².</summary>
    public (double Value, double Error) SumOfSquares()
    {
        double s = 0, propagated = 0;
        for (var t = 0; t < Values.Length; t++)
        {
            s += Values[t] * Values[t];
            propagated += 2 * Math.Abs(Values[t]) * Errors[t] + Errors[t] * Errors[t];
        }
        var gamma = 2 * Rounding.Gamma(Values.Length + 1);
        return (s, propagated * (1 + gamma) + gamma * s + 2 * Values.Length * Underflow);
    }

    /// <summary>√a for a ≥ −e; |√x − √a| ≤ min(√e, e/√a) for every x within e of a.</summary>
    public static (double, double) Sqrt(double a, double e, Func<string> where)
    {
        if (a < -e) throw new DomainException($"{where()} takes the square root of a negative number ({a:G6})");
        var v = Math.Sqrt(Math.Max(a, 0));
        var propagated = Math.Sqrt(e);
        if (a > 0) propagated = Math.Min(propagated, e / Math.Sqrt(a));
        return (v, propagated + 2 * U * v);
    }
}
