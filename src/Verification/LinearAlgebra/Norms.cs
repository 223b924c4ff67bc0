using MathNet.Numerics.LinearAlgebra;

namespace Verification.LinearAlgebra;

public static class Norms
{
    public static double FrobeniusSquared(Matrix<double> m)
    {
        var s = 0.0;
        foreach (var x in m.Enumerate()) s += x * x;
        return s;
    }

    /// <summary>‖X‖_* = Σ σ_i.</summary>
    public static double Nuclear(Matrix<double> x) =>
        Svd.Values(x).Sum();

    public static double Spectral(Matrix<double> x) =>
        x.RowCount == 0 || x.ColumnCount == 0 ? 0 : Svd.Values(x)[0];

    /// <summary>Σ_i ‖u_i‖‖v_i‖ over paired columns.</summary>
    public static double PathNorm(Matrix<double> u, Matrix<double> v)
    {
        var s = 0.0;
        for (var i = 0; i < u.ColumnCount; i++) s += u.Column(i).L2Norm() * v.Column(i).L2Norm();
        return s;
    }

    /// <summary>Entrywise |A|·|B|ᵀ summed: an upper bound on the magnitude of every term in forming A·Bᵀ.</summary>
    public static double AbsoluteProductMass(Matrix<double> a, Matrix<double> b) =>
        FrobeniusSquared(a.PointwiseAbs() * b.PointwiseAbs().Transpose());
}
