using MathNet.Numerics.LinearAlgebra;
using Verification.Claims;

namespace Verification.Dropout;

/// <summary>An instance of the dropout objective: target Y (m×n), factors U (m×r), V (n×r), retain probability θ.</summary>
public sealed record DropoutCase(Matrix<double> Y, Matrix<double> U, Matrix<double> V, double Theta)
{
    public int Width => U.ColumnCount;
    public double Lambda => DropoutObjective.Lambda(Theta);

    /// <summary>
    /// A reproducible random instance: Y uniform in [−1, 1] (m×n), U and V uniform scaled by 1/√r so that UVᵀ stays of
    /// order one as r grows. The benchmarks and the accuracy properties use the same instances.
    /// </summary>
    public static DropoutCase Random(int m, int n, int r, double theta, int seed) => new(
        Matrix<double>.Build.Random(m, n, new MathNet.Numerics.Distributions.ContinuousUniform(-1, 1, new System.Random(seed))),
        Matrix<double>.Build.Random(m, r, new MathNet.Numerics.Distributions.ContinuousUniform(-1, 1, new System.Random(seed + 1))) / Math.Sqrt(Math.Max(1, r)),
        Matrix<double>.Build.Random(n, r, new MathNet.Numerics.Distributions.ContinuousUniform(-1, 1, new System.Random(seed + 2))) / Math.Sqrt(Math.Max(1, r)),
        theta);

    /// <summary>Validates shapes (U m×r, V n×r for Y m×n) and θ ∈ (0, 1].</summary>
    public static DropoutCase Create(Matrix<double> y, Matrix<double> u, Matrix<double> v, double theta)
    {
        CheckShapes(y.RowCount, y.ColumnCount, u.RowCount, u.ColumnCount, v.RowCount, v.ColumnCount);
        if (!(theta > 0 && theta <= 1)) throw new InputException($"theta must lie in (0,1], got {theta}");
        return new DropoutCase(y, u, v, theta);
    }

    public static void CheckShapes(int ym, int yn, int um, int ur, int vn, int vr)
    {
        if (um != ym) throw new InputException($"mismatched shapes: U has {um} rows but Y has {ym}");
        if (vn != yn) throw new InputException($"mismatched shapes: V has {vn} rows but Y has {yn} columns");
        if (ur != vr) throw new InputException($"mismatched shapes: U has {ur} columns but V has {vr}");
    }
}

/// <summary>The same instance in exact rational arithmetic.</summary>
public sealed record ExactDropoutCase(ExactMatrix Y, ExactMatrix U, ExactMatrix V, Fractions.Fraction Theta)
{
    public int Width => U.ColumnCount;

    public static ExactDropoutCase Create(ExactMatrix y, ExactMatrix u, ExactMatrix v, Fractions.Fraction theta)
    {
        DropoutCase.CheckShapes(y.RowCount, y.ColumnCount, u.RowCount, u.ColumnCount, v.RowCount, v.ColumnCount);
        if (theta <= Fractions.Fraction.Zero || theta > Fractions.Fraction.One) throw new InputException($"theta must lie in (0,1], got {Exact.Format(theta)}");
        return new ExactDropoutCase(y, u, v, theta);
    }

    public static ExactDropoutCase FromDoubles(DropoutCase c) => new(
        ExactMatrix.FromDoubles(c.Y), ExactMatrix.FromDoubles(c.U), ExactMatrix.FromDoubles(c.V), Exact.FromDouble(c.Theta));
}
