using Fractions;
using MathNet.Numerics.LinearAlgebra;

namespace Verification.Numerics;

/// <summary>
/// The arithmetic of a field, so that one formula (a gradient, a Hessian) is written once and evaluated both in exact
/// rationals and in double precision. <see cref="Fields.Rational"/> and <see cref="Fields.Double"/> are the two instances.
/// </summary>
public abstract class Field<T>
{
    public abstract T Zero { get; }
    public abstract T One { get; }
    public abstract T FromInteger(long k);
    public abstract T Add(T a, T b);
    public abstract T Subtract(T a, T b);
    public abstract T Multiply(T a, T b);
    public abstract T Divide(T a, T b);
    public abstract T Negate(T a);
    public abstract bool IsZero(T a);
    public abstract double ToDouble(T a);
}

/// <summary>The two fields the library evaluates formulas in.</summary>
public static class Fields
{
    public static Field<Fraction> Rational { get; } = new RationalField();
    public static Field<double> Double { get; } = new DoubleField();


    private sealed class RationalField : Field<Fraction>
    {
        public override Fraction Zero => Fraction.Zero;
        public override Fraction One => Fraction.One;
        public override Fraction FromInteger(long k) => new(k);
        public override Fraction Add(Fraction a, Fraction b) => a + b;
        public override Fraction Subtract(Fraction a, Fraction b) => a - b;
        public override Fraction Multiply(Fraction a, Fraction b) => a.IsZero || b.IsZero ? Fraction.Zero : a * b;

        public override Fraction Divide(Fraction a, Fraction b) =>
            b.IsZero ? throw new DivideByZeroException("division by an exact zero") : a / b;

        public override Fraction Negate(Fraction a) => -a;
        public override bool IsZero(Fraction a) => a.IsZero;
        public override double ToDouble(Fraction a) => a.ToDoubleAnyScale();
    }

    private sealed class DoubleField : Field<double>
    {
        public override double Zero => 0;
        public override double One => 1;
        public override double FromInteger(long k) => k;
        public override double Add(double a, double b) => a + b;
        public override double Subtract(double a, double b) => a - b;
        public override double Multiply(double a, double b) => a * b;
        public override double Divide(double a, double b) => a / b;
        public override double Negate(double a) => -a;
        public override bool IsZero(double a) => a == 0;
        public override double ToDouble(double a) => a;
    }
}

/// <summary>An immutable dense matrix over a <see cref="Field{T}"/>: the few operations the generic formulas need.</summary>
public sealed class FieldMatrix<T>
{
    private readonly T[,] entries;

    private FieldMatrix(Field<T> field, T[,] entries)
    {
        Field = field;
        this.entries = entries;
    }

    public Field<T> Field { get; }
    public int RowCount => entries.GetLength(0);
    public int ColumnCount => entries.GetLength(1);
    public T this[int i, int j] => entries[i, j];

    public static FieldMatrix<T> Create(Field<T> field, int rows, int columns, Func<int, int, T> entry)
    {
        var a = new T[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                a[i, j] = entry(i, j);
        return new FieldMatrix<T>(field, a);
    }

    public static FieldMatrix<T> Zero(Field<T> field, int rows, int columns) => Create(field, rows, columns, (_, _) => field.Zero);

    public static FieldMatrix<T> Identity(Field<T> field, int n) => Create(field, n, n, (i, j) => i == j ? field.One : field.Zero);

    public FieldMatrix<T> Transpose() => Create(Field, ColumnCount, RowCount, (i, j) => entries[j, i]);

    public FieldMatrix<T> Multiply(FieldMatrix<T> other)
    {
        if (ColumnCount != other.RowCount)
            throw new ArgumentException($"cannot multiply {RowCount}×{ColumnCount} by {other.RowCount}×{other.ColumnCount}");
        var f = Field;
        var a = new T[RowCount, other.ColumnCount];
        for (var i = 0; i < RowCount; i++)
            for (var j = 0; j < other.ColumnCount; j++)
            {
                var s = f.Zero;
                for (var k = 0; k < ColumnCount; k++)
                    if (!f.IsZero(entries[i, k]) && !f.IsZero(other.entries[k, j])) s = f.Add(s, f.Multiply(entries[i, k], other.entries[k, j]));
                a[i, j] = s;
            }
        return new FieldMatrix<T>(f, a);
    }

    public FieldMatrix<T> Add(FieldMatrix<T> other)
    {
        SameShape(other);
        return Create(Field, RowCount, ColumnCount, (i, j) => Field.Add(entries[i, j], other.entries[i, j]));
    }

    public FieldMatrix<T> Subtract(FieldMatrix<T> other)
    {
        SameShape(other);
        return Create(Field, RowCount, ColumnCount, (i, j) => Field.Subtract(entries[i, j], other.entries[i, j]));
    }

    public FieldMatrix<T> Scale(T c) => Create(Field, RowCount, ColumnCount, (i, j) => Field.Multiply(c, entries[i, j]));

    public T Trace()
    {
        if (RowCount != ColumnCount) throw new ArgumentException("trace of a non-square matrix");
        var s = Field.Zero;
        for (var i = 0; i < RowCount; i++) s = Field.Add(s, entries[i, i]);
        return s;
    }

    /// <summary>⟨A, B⟩ = tr(AᵀB) = Σ a_ij b_ij.</summary>
    public T Inner(FieldMatrix<T> other)
    {
        SameShape(other);
        var s = Field.Zero;
        for (var i = 0; i < RowCount; i++)
            for (var j = 0; j < ColumnCount; j++) s = Field.Add(s, Field.Multiply(entries[i, j], other.entries[i, j]));
        return s;
    }

    public bool IsZero()
    {
        foreach (var x in entries)
            if (!Field.IsZero(x)) return false;
        return true;
    }

    public FieldMatrix<T> Map(Func<T, T> f) => Create(Field, RowCount, ColumnCount, (i, j) => f(entries[i, j]));

    public Matrix<double> ToDouble() => Matrix<double>.Build.Dense(RowCount, ColumnCount, (i, j) => Field.ToDouble(entries[i, j]));

    private void SameShape(FieldMatrix<T> other)
    {
        if (RowCount != other.RowCount || ColumnCount != other.ColumnCount)
            throw new ArgumentException($"shapes differ: {RowCount}×{ColumnCount} and {other.RowCount}×{other.ColumnCount}");
    }
}

/// <summary>Conversions between <see cref="FieldMatrix{T}"/> and the library's exact and floating matrices.</summary>
public static class FieldMatrices
{
    public static FieldMatrix<Fraction> Of(ExactMatrix m) => FieldMatrix<Fraction>.Create(Fields.Rational, m.RowCount, m.ColumnCount, (i, j) => m[i, j]);

    public static FieldMatrix<double> Of(Matrix<double> m) => FieldMatrix<double>.Create(Fields.Double, m.RowCount, m.ColumnCount, (i, j) => m[i, j]);

    public static ExactMatrix ToExact(this FieldMatrix<Fraction> m) => ExactMatrix.Create(m.RowCount, m.ColumnCount, (i, j) => m[i, j]);
}
