using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;
using Verification.Topics.Dropout;

namespace Verification.Topics.DropConnect;

/// <summary>Which weights DropConnect masks: the entries of U (the output layer) or of V (the input layer).</summary>
public enum Layer
{
    /// <summary>M ∘ U: the output layer's weights.</summary>
    Output,
    /// <summary>M ∘ V: the input layer's weights.</summary>
    Input,
}

/// <summary>
/// A DropConnect instance: target Y (m×N), factors U (m×r), V (n×r), data X (n×N; null means X = I, N = n), retain probability
/// θ. Every entry of the masked layer is kept independently with probability θ and the kept entries are scaled by θ⁻¹.
/// </summary>
public sealed record DropConnectCase(Matrix<double> Y, Matrix<double> U, Matrix<double> V, Matrix<double>? X, double Theta)
{
    public int Width => U.ColumnCount;
    public double Lambda => DropoutObjective.Lambda(Theta);

    /// <summary>W = XᵀV (N×r), or V when X = I.</summary>
    public Matrix<double> W => X is null ? V : X.TransposeThisAndMultiply(V);

    public Matrix<double> Data => X ?? Matrix<double>.Build.DenseIdentity(V.RowCount);

    public ExpectationMethod Method { get; init; }
    public MaskSampling Sampling { get; init; } = MaskSampling.Default;

    public ExactDropConnectCase? ExactTwin { get; init; }

    public ExactDropConnectCase ToExact() => ExactTwin ?? new ExactDropConnectCase(
        ExactMatrix.FromDoubles(Y), ExactMatrix.FromDoubles(U), ExactMatrix.FromDoubles(V), X is null ? null : ExactMatrix.FromDoubles(X), Exact.FromDouble(Theta));

    /// <summary>Validates shapes (U m×r, V n×r, X n×N, Y m×N) and θ ∈ (0, 1]; throws <see cref="ArgumentException"/>.</summary>
    public static DropConnectCase Create(Matrix<double> y, Matrix<double> u, Matrix<double> v, Matrix<double>? x, double theta)
    {
        CheckShapes(y.RowCount, y.ColumnCount, u.RowCount, u.ColumnCount, v.RowCount, v.ColumnCount, x?.RowCount, x?.ColumnCount);
        if (!(theta > 0 && theta <= 1)) throw new ArgumentException($"theta must lie in (0,1], got {theta}");
        return new DropConnectCase(y, u, v, x, theta);
    }

    public static void CheckShapes(int ym, int yn, int um, int ur, int vn, int vr, int? xn, int? xN)
    {
        if (um != ym) throw new ArgumentException($"mismatched shapes: U has {um} rows but Y has {ym}");
        if (ur != vr) throw new ArgumentException($"mismatched shapes: U has {ur} columns but V has {vr}");
        if (xn is { } rows && rows != vn) throw new ArgumentException($"mismatched shapes: X has {rows} rows but V has {vn}");
        if (xN is { } columns && columns != yn) throw new ArgumentException($"mismatched shapes: X has {columns} columns but Y has {yn}");
        if (xn is null && vn != yn) throw new ArgumentException($"mismatched shapes: V has {vn} rows but Y has {yn} columns (without X, Y must be m×n)");
    }
}

/// <summary>The same instance in exact rational arithmetic.</summary>
public sealed record ExactDropConnectCase(ExactMatrix Y, ExactMatrix U, ExactMatrix V, ExactMatrix? X, Fraction Theta)
{
    public int Width => U.ColumnCount;

    public ExactMatrix W => X is null ? V : X.Transpose().Multiply(V);

    public ExactMatrix Data => X ?? ExactMatrix.Create(V.RowCount, V.RowCount, (i, j) => i == j ? Fraction.One : Fraction.Zero);

    public static ExactDropConnectCase Create(ExactMatrix y, ExactMatrix u, ExactMatrix v, ExactMatrix? x, Fraction theta)
    {
        DropConnectCase.CheckShapes(y.RowCount, y.ColumnCount, u.RowCount, u.ColumnCount, v.RowCount, v.ColumnCount, x?.RowCount, x?.ColumnCount);
        if (theta <= Fraction.Zero || theta > Fraction.One) throw new ArgumentException($"theta must lie in (0,1], got {Exact.Format(theta)}");
        return new ExactDropConnectCase(y, u, v, x, theta);
    }

    public DropConnectCase ToDoubles() =>
        new DropConnectCase(Y.ToDouble(), U.ToDouble(), V.ToDouble(), X?.ToDouble(), Theta.ToDoubleAnyScale()) { ExactTwin = this };
}
