using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.DropConnect;

/// <summary>
/// DropConnect on a one-hidden-layer linear network Y ≈ UVᵀX (Pal et al. 2020): every entry of the masked layer is its own
/// Bernoulli(θ) mask. The loss is a sum of rank-one contributions, one per entry:
/// <list type="bullet">
/// <item>output layer (M ∘ U): entry (i, j) contributes U_ij e_i w_jᵀ (w_j = Xᵀv_j). Entries of different rows of U never meet in the
/// loss (⟨e_i w_jᵀ, e_k w_lᵀ⟩ = 0 for i ≠ k): the expectation factorizes into m independent dropout problems of r masks each;</item>
/// <item>input layer (M ∘ V): entry (k, j) contributes V_kj u_j x_kᵀ (x_k the k-th row of X). Entries interact through
/// (u_jᵀu_l)(x_kᵀx_l'): they factorize across k only when XXᵀ is diagonal and across j only when UᵀU is diagonal; in general all
/// n·r masks interact.</item>
/// </list>
/// The shared kernels find the interacting components from the Gram terms and enumerate each one (Σ_c 2^{|c|} masks).
/// </summary>
public static class DropConnectObjective
{
    /// <summary>The rank-one contributions of the masked entries as columns of Ũ (m×·) and W̃ (N×·): contribution k is ũ_k w̃_kᵀ.</summary>
    public static (Matrix<double> U, Matrix<double> W) Units(DropConnectCase c, Layer layer)
    {
        var w = c.W;
        int m = c.Y.RowCount, count = c.Y.ColumnCount, n = c.V.RowCount, r = c.Width;
        if (layer == Layer.Output)
        {
            var u = Matrix<double>.Build.Dense(m, m * r);
            var ww = Matrix<double>.Build.Dense(count, m * r);
            for (var i = 0; i < m; i++)
                for (var j = 0; j < r; j++)
                {
                    u[i, i * r + j] = c.U[i, j];
                    ww.SetColumn(i * r + j, w.Column(j));
                }
            return (u, ww);
        }
        var data = c.Data;
        var ui = Matrix<double>.Build.Dense(m, n * r);
        var wi = Matrix<double>.Build.Dense(count, n * r);
        for (var k = 0; k < n; k++)
            for (var j = 0; j < r; j++)
            {
                ui.SetColumn(k * r + j, c.U.Column(j) * c.V[k, j]);
                wi.SetColumn(k * r + j, data.Row(k));
            }
        return (ui, wi);
    }

    public static (ExactMatrix U, ExactMatrix W) Units(ExactDropConnectCase c, Layer layer)
    {
        var w = c.W;
        int m = c.Y.RowCount, count = c.Y.ColumnCount, n = c.V.RowCount, r = c.Width;
        if (layer == Layer.Output)
            return (ExactMatrix.Create(m, m * r, (i, col) => col / r == i ? c.U[i, col % r] : Fraction.Zero),
                    ExactMatrix.Create(count, m * r, (t, col) => w[t, col % r]));
        var data = c.Data;
        return (ExactMatrix.Create(m, n * r, (i, col) => c.U[i, col % r] * c.V[col / r, col % r]),
                ExactMatrix.Create(count, n * r, (t, col) => data[col / r, t]));
    }

    public static GramTerms Terms(DropConnectCase c, Layer layer)
    {
        var (u, w) = Units(c, layer);
        return GramTerms.OfUnits(c.Y, u, w);
    }

    public static ExactContributions Contributions(ExactDropConnectCase c, Layer layer)
    {
        var (u, w) = Units(c, layer);
        return ExactContributions.OfUnits(c.Y, u, w);
    }

    /// <summary>The regularizer: output layer Σ_j ‖u_j‖²‖Xᵀv_j‖² (dropout's), input layer Σ_j ‖u_j‖² v_jᵀ diag(XXᵀ) v_j.</summary>
    public static double Regularizer(DropConnectCase c, Layer layer)
    {
        var s = 0.0;
        var data = c.Data;
        var w = c.W;
        for (var j = 0; j < c.Width; j++)
        {
            var u2 = c.U.Column(j).DotProduct(c.U.Column(j));
            if (layer == Layer.Output) s += u2 * w.Column(j).DotProduct(w.Column(j));
            else
                for (var k = 0; k < c.V.RowCount; k++) s += u2 * c.V[k, j] * c.V[k, j] * data.Row(k).DotProduct(data.Row(k));
        }
        return s;
    }

    public static Fraction Regularizer(ExactDropConnectCase c, Layer layer)
    {
        var s = Fraction.Zero;
        var data = c.Data;
        var w = c.W;
        for (var j = 0; j < c.Width; j++)
        {
            var u2 = c.U.ColumnNormSquared(j);
            if (layer == Layer.Output) s += u2 * w.ColumnNormSquared(j);
            else
                for (var k = 0; k < c.V.RowCount; k++)
                {
                    var xk = Fraction.Zero;
                    for (var t = 0; t < data.ColumnCount; t++) xk += data[k, t] * data[k, t];
                    s += u2 * c.V[k, j] * c.V[k, j] * xk;
                }
        }
        return s;
    }

    /// <summary>‖Y − UVᵀX‖² + weight · regularizer.</summary>
    public static double ClosedForm(DropConnectCase c, Layer layer, double weight) =>
        Norms.FrobeniusSquared(c.Y - c.U * c.W.Transpose()) + weight * Regularizer(c, layer);

    public static Fraction ClosedForm(ExactDropConnectCase c, Layer layer, Fraction weight) =>
        c.Y.Subtract(c.U.Multiply(c.W.Transpose())).FrobeniusNormSquared() + weight * Regularizer(c, layer);

    /// <summary>The loss of one entry mask, rebuilt from its definition (the mask has the shape of the masked layer).</summary>
    public static double StochasticLoss(DropConnectCase c, Layer layer, Matrix<double> mask)
    {
        var u = layer == Layer.Output ? c.U.PointwiseMultiply(mask) / c.Theta : c.U;
        var v = layer == Layer.Input ? c.V.PointwiseMultiply(mask) / c.Theta : c.V;
        return Norms.FrobeniusSquared(c.Y - u * v.Transpose() * c.Data);
    }

    /// <summary>Σ_ij (|Y_ij| + θ⁻¹(|U||V|ᵀ|X|)_ij)²: bounds every mask's loss and every term summed in it.</summary>
    public static double LossBound(DropConnectCase c)
    {
        var abs = c.U.PointwiseAbs() * (c.X is null ? c.V.PointwiseAbs().Transpose() : c.V.PointwiseAbs().TransposeThisAndMultiply(c.X.PointwiseAbs()));
        var s = 0.0;
        for (var i = 0; i < c.Y.RowCount; i++)
            for (var j = 0; j < c.Y.ColumnCount; j++)
            {
                var t = Math.Abs(c.Y[i, j]) + abs[i, j] / c.Theta;
                s += t * t;
            }
        return s;
    }

    /// <summary>The rounded operations behind one enumerated value: W = XᵀV (n), a term (max(m, N)), the walk over the widest component.</summary>
    public static int Chain(DropConnectCase c, int widest) =>
        GrayCodeEnumeration.Chain(c.V.RowCount + Math.Max(c.Y.RowCount, c.Y.ColumnCount) + 2, widest);
}
