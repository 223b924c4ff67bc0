using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.DropBlock;

/// <summary>
/// The DropBlock objective (Pal, Lane, Vidal, Haeffele 2020): the stochastic loss ‖Y − θ⁻¹U(diag(w) ⊗ I_b)VᵀX‖_F² for a block
/// mask w, the closed form of its expectation ‖Y − UVᵀX‖² + λ Σ_g ‖U_gV_gᵀX‖², and the slide's right side
/// ‖Y − UVᵀ‖² + λ Σ_g ‖U_g‖_F²‖V_g‖_F². Block g is the columns g·b … g·b + b − 1.
/// </summary>
public static class DropBlockObjective
{
    public static Matrix<double> Block(Matrix<double> m, int g, int b) => m.SubMatrix(0, m.RowCount, g * b, b);

    public static ExactMatrix Block(ExactMatrix m, int g, int b) => ExactMatrix.Create(m.RowCount, b, (i, k) => m[i, g * b + k]);

    /// <summary>Σ_g ‖U_g W_gᵀ‖_F² (with W = XᵀV this is Σ_g ‖U_gV_gᵀX‖²).</summary>
    public static double Regularizer(Matrix<double> u, Matrix<double> w, int b)
    {
        var s = 0.0;
        for (var g = 0; g < u.ColumnCount / b; g++) s += Norms.FrobeniusSquared(Block(u, g, b) * Block(w, g, b).Transpose());
        return s;
    }

    public static Fraction Regularizer(ExactMatrix u, ExactMatrix w, int b)
    {
        var s = Fraction.Zero;
        for (var g = 0; g < u.ColumnCount / b; g++) s += Block(u, g, b).Multiply(Block(w, g, b).Transpose()).FrobeniusNormSquared();
        return s;
    }

    /// <summary>The block products p_g = ‖U_g W_gᵀ‖_F.</summary>
    public static double[] BlockNorms(Matrix<double> u, Matrix<double> w, int b) =>
        Enumerable.Range(0, u.ColumnCount / b).Select(g => (Block(u, g, b) * Block(w, g, b).Transpose()).FrobeniusNorm()).ToArray();

    /// <summary>The slide's regularizer Σ_g ‖U_g‖_F²‖V_g‖_F².</summary>
    public static double SlideRegularizer(Matrix<double> u, Matrix<double> v, int b)
    {
        var s = 0.0;
        for (var g = 0; g < u.ColumnCount / b; g++) s += Norms.FrobeniusSquared(Block(u, g, b)) * Norms.FrobeniusSquared(Block(v, g, b));
        return s;
    }

    public static Fraction SlideRegularizer(ExactMatrix u, ExactMatrix v, int b)
    {
        var s = Fraction.Zero;
        for (var g = 0; g < u.ColumnCount / b; g++) s += Block(u, g, b).FrobeniusNormSquared() * Block(v, g, b).FrobeniusNormSquared();
        return s;
    }

    /// <summary>‖Y − UVᵀX‖² + weight · Σ_g ‖U_gV_gᵀX‖².</summary>
    public static double ClosedForm(DropBlockCase c, double weight)
    {
        var w = c.W;
        return Norms.FrobeniusSquared(c.Y - c.U * w.Transpose()) + weight * Regularizer(c.U, w, c.BlockSize);
    }

    public static Fraction ClosedForm(ExactDropBlockCase c, Fraction weight)
    {
        var w = c.W;
        return c.Y.Subtract(c.U.Multiply(w.Transpose())).FrobeniusNormSquared() + weight * Regularizer(c.U, w, c.BlockSize);
    }

    /// <summary>The slide's right side ‖Y − UVᵀ‖² + weight · Σ_g ‖U_g‖²‖V_g‖² (X dropped; defined when Y is m×n).</summary>
    public static double SlideForm(DropBlockCase c, double weight) =>
        Norms.FrobeniusSquared(c.Y - c.U * c.V.Transpose()) + weight * SlideRegularizer(c.U, c.V, c.BlockSize);

    public static Fraction SlideForm(ExactDropBlockCase c, Fraction weight) =>
        c.Y.Subtract(c.U.Multiply(c.V.Transpose())).FrobeniusNormSquared() + weight * SlideRegularizer(c.U, c.V, c.BlockSize);

    /// <summary>The loss of one block mask, rebuilt from its definition: ‖Y − θ⁻¹U(diag(w) ⊗ I_b)VᵀX‖² (w_g = 1 keeps block g).</summary>
    public static double StochasticLoss(DropBlockCase c, IReadOnlyList<bool> mask)
    {
        var keep = Matrix<double>.Build.Diagonal(c.Width, c.Width, k => mask[k / c.BlockSize] ? 1.0 : 0.0);
        return Norms.FrobeniusSquared(c.Y - c.U * keep * c.V.Transpose() * c.Data / c.Theta);
    }

    /// <summary>The Gram terms of the r blocks: the units' terms (u_k, (XᵀV)_k) summed over blocks.</summary>
    public static GramTerms Terms(DropBlockCase c) => GramTerms.OfUnits(c.Y, c.U, c.W).Aggregate(c.BlockSize);

    /// <summary>The blocks' exact contributions vec(U_g V_gᵀ X) against vec(Y).</summary>
    public static ExactContributions Contributions(ExactDropBlockCase c) =>
        ExactContributions.OfUnits(c.Y, c.U, c.W).Aggregate(c.BlockSize);

    /// <summary>
    /// Σ_ij (|Y_ij| + θ⁻¹(|U| |X|ᵀ|V|)_ij)², which bounds every mask's loss and every term summed in it: the magnitude of the
    /// summation tolerance and the range of the Monte Carlo interval.
    /// </summary>
    public static double LossBound(DropBlockCase c)
    {
        var wAbs = c.X is null ? c.V.PointwiseAbs() : c.X.PointwiseAbs().TransposeThisAndMultiply(c.V.PointwiseAbs());
        var abs = c.U.PointwiseAbs() * wAbs.Transpose();
        var s = 0.0;
        for (var i = 0; i < c.Y.RowCount; i++)
            for (var j = 0; j < c.Y.ColumnCount; j++)
            {
                var t = Math.Abs(c.Y[i, j]) + abs[i, j] / c.Theta;
                s += t * t;
            }
        return s;
    }

    /// <summary>The rounded operations behind one enumerated value: W = XᵀV (n), a unit term (max(m, N)), block sums (b²), the walk.</summary>
    public static int Chain(DropBlockCase c) =>
        GrayCodeEnumeration.Chain(c.V.RowCount + Math.Max(c.Y.RowCount, c.Y.ColumnCount) + c.BlockSize * c.BlockSize, c.Blocks);
}
