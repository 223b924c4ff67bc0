using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;
using Verification.Topics.Dropout;

namespace Verification.Topics.DropBlock;

/// <summary>
/// A DropBlock instance: target Y (m×N), factors U (m×d), V (n×d) with d = r·b hidden units in r contiguous blocks of b units,
/// data X (n×N; null means X = I, N = n), retain probability θ. Block g masks the b columns U_g, V_g together.
/// </summary>
public sealed record DropBlockCase(Matrix<double> Y, Matrix<double> U, Matrix<double> V, Matrix<double>? X, int BlockSize, double Theta)
{
    public int Width => U.ColumnCount;
    public int Blocks => Width / BlockSize;
    public double Lambda => DropoutObjective.Lambda(Theta);

    /// <summary>W = XᵀV (N×d), or V when X = I: the loss is ‖Y − θ⁻¹U(diag(w) ⊗ I_b)Wᵀ‖².</summary>
    public Matrix<double> W => X is null ? V : X.TransposeThisAndMultiply(V);

    /// <summary>The data matrix (the identity when X is not given).</summary>
    public Matrix<double> Data => X ?? Matrix<double>.Build.DenseIdentity(V.RowCount);

    public ExpectationMethod Method { get; init; }
    public MaskSampling Sampling { get; init; } = MaskSampling.Default;

    /// <summary>The exact rational twin when the instance was given exactly ("exact": true); else null.</summary>
    public ExactDropBlockCase? ExactTwin { get; init; }

    public ExactDropBlockCase ToExact() => ExactTwin ?? new ExactDropBlockCase(
        ExactMatrix.FromDoubles(Y), ExactMatrix.FromDoubles(U), ExactMatrix.FromDoubles(V), X is null ? null : ExactMatrix.FromDoubles(X),
        BlockSize, Exact.FromDouble(Theta));

    /// <summary>
    /// A reproducible random instance with X = I: Y uniform in [−1, 1] (m×n), U and V uniform scaled by 1/√d (d = r·b), as
    /// <see cref="DropoutCase.Random"/>. The benchmarks and the accuracy properties use the same instances.
    /// </summary>
    public static DropBlockCase Random(int m, int n, int blocks, int blockSize, double theta, int seed)
    {
        var c = DropoutCase.Random(m, n, blocks * blockSize, theta, seed);
        return new DropBlockCase(c.Y, c.U, c.V, null, blockSize, theta);
    }

    /// <summary>Validates shapes (b divides d, U m×d, V n×d, X n×N, Y m×N) and θ ∈ (0, 1]; throws <see cref="ArgumentException"/>.</summary>
    public static DropBlockCase Create(Matrix<double> y, Matrix<double> u, Matrix<double> v, Matrix<double>? x, int blockSize, double theta)
    {
        CheckShapes(y.RowCount, y.ColumnCount, u.RowCount, u.ColumnCount, v.RowCount, v.ColumnCount, x?.RowCount, x?.ColumnCount, blockSize);
        if (!(theta > 0 && theta <= 1)) throw new ArgumentException($"theta must lie in (0,1], got {theta}");
        return new DropBlockCase(y, u, v, x, blockSize, theta);
    }

    public static void CheckShapes(int ym, int yn, int um, int ud, int vn, int vd, int? xn, int? xN, int blockSize)
    {
        if (um != ym) throw new ArgumentException($"mismatched shapes: U has {um} rows but Y has {ym}");
        if (ud != vd) throw new ArgumentException($"mismatched shapes: U has {ud} columns but V has {vd}");
        if (xn is { } rows && rows != vn) throw new ArgumentException($"mismatched shapes: X has {rows} rows but V has {vn}");
        if (xN is { } columns && columns != yn) throw new ArgumentException($"mismatched shapes: X has {columns} columns but Y has {yn}");
        if (xn is null && vn != yn) throw new ArgumentException($"mismatched shapes: V has {vn} rows but Y has {yn} columns (without X, Y must be m×n)");
        CheckBlocks(ud, blockSize);
    }

    public static void CheckBlocks(int width, int blockSize)
    {
        if (blockSize < 1) throw new ArgumentException($"block size b must be at least 1, got {blockSize}");
        if (width % blockSize != 0)
            throw new ArgumentException($"block size b = {blockSize} does not divide the width d = {width} (U and V have d = r·b columns, r blocks of b)");
    }
}

/// <summary>The same instance in exact rational arithmetic.</summary>
public sealed record ExactDropBlockCase(ExactMatrix Y, ExactMatrix U, ExactMatrix V, ExactMatrix? X, int BlockSize, Fraction Theta)
{
    public int Width => U.ColumnCount;
    public int Blocks => Width / BlockSize;

    public ExactMatrix W => X is null ? V : X.Transpose().Multiply(V);

    public static ExactDropBlockCase Create(ExactMatrix y, ExactMatrix u, ExactMatrix v, ExactMatrix? x, int blockSize, Fraction theta)
    {
        DropBlockCase.CheckShapes(y.RowCount, y.ColumnCount, u.RowCount, u.ColumnCount, v.RowCount, v.ColumnCount, x?.RowCount, x?.ColumnCount, blockSize);
        if (theta <= Fraction.Zero || theta > Fraction.One) throw new ArgumentException($"theta must lie in (0,1], got {Exact.Format(theta)}");
        return new ExactDropBlockCase(y, u, v, x, blockSize, theta);
    }

    /// <summary>The nearest doubles, carrying this instance as their exact twin.</summary>
    public DropBlockCase ToDoubles() =>
        new DropBlockCase(Y.ToDouble(), U.ToDouble(), V.ToDouble(), X?.ToDouble(), BlockSize, Theta.ToDoubleAnyScale()) { ExactTwin = this };
}
