using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Reporting;

/// <summary>A value a claim reads or computes: a scalar, an exact rational, an integer, a matrix (as rows) or text.</summary>
public abstract record Value
{
    public static Value Of(double x) => new ScalarValue(x);
    public static Value Of(long x) => new IntegerValue(x);
    public static Value Of(Fraction x) => new ExactValue(Exact.Format(x));
    public static Value Of(string text) => new TextValue(text);
    public static Value Of(Matrix<double> m) => new MatrixValue(RowsOf(m));
    public static Value Of(ExactMatrix m) => new ExactMatrixValue(
        Enumerable.Range(0, m.RowCount).Select(i => (IReadOnlyList<string>)Enumerable.Range(0, m.ColumnCount).Select(j => Exact.Format(m[i, j])).ToArray()).ToArray());

    public static IReadOnlyList<IReadOnlyList<double>> RowsOf(Matrix<double> m) =>
        Enumerable.Range(0, m.RowCount).Select(i => (IReadOnlyList<double>)m.Row(i).ToArray()).ToArray();

    /// <summary>The value as a double, for residuals and tables (exact values are rounded).</summary>
    public abstract double Approximate { get; }
}

public sealed record ScalarValue(double Value) : Value
{
    public override double Approximate => Value;
    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record IntegerValue(long Value) : Value
{
    public override double Approximate => Value;
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record ExactValue(string Text) : Value
{
    public override double Approximate => Exact.Parse(Text).ToDoubleAnyScale();
    public override string ToString() => Text;
}

public sealed record TextValue(string Text) : Value
{
    public override double Approximate => double.NaN;
    public override string ToString() => Text;
}

public sealed record MatrixValue(IReadOnlyList<IReadOnlyList<double>> Rows) : Value
{
    public override double Approximate => double.NaN;
    public override string ToString() => "[" + string.Join("; ", Rows.Select(r => string.Join(", ", r.Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture))))) + "]";
}

public sealed record ExactMatrixValue(IReadOnlyList<IReadOnlyList<string>> Rows) : Value
{
    public override double Approximate => double.NaN;
    public override string ToString() => "[" + string.Join("; ", Rows.Select(r => string.Join(", ", r))) + "]";
}

/// <summary>A named input or output of a claim, named as in THEORY.md (Y, U, V, theta, …).</summary>
public sealed record NamedValue(string Name, Value Value);
