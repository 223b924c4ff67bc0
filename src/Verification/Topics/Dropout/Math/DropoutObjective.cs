using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.Dropout;

/// <summary>
/// The dropout objective for matrix factorization: the stochastic loss ‖Y − θ⁻¹U diag(z) Vᵀ‖_F² for a mask z, and the
/// closed form of its expectation ‖Y − UVᵀ‖_F² + λ Σ_i ‖u_i‖²‖v_i‖², λ = (1 − θ)/θ (Cavazza et al. 2018).
/// </summary>
public static class DropoutObjective
{
    /// <summary>Σ_i ‖u_i‖²‖v_i‖².</summary>
    public static double Regularizer(Matrix<double> u, Matrix<double> v)
    {
        var s = 0.0;
        for (var i = 0; i < u.ColumnCount; i++)
        {
            var a = u.Column(i).DotProduct(u.Column(i));
            var b = v.Column(i).DotProduct(v.Column(i));
            s += a * b;
        }
        return s;
    }

    public static Fraction Regularizer(ExactMatrix u, ExactMatrix v)
    {
        var s = Fraction.Zero;
        for (var i = 0; i < u.ColumnCount; i++) s += u.ColumnNormSquared(i) * v.ColumnNormSquared(i);
        return s;
    }

    /// <summary>λ = (1 − θ)/θ, the weight of the regularizer for retain probability θ.</summary>
    public static Fraction Lambda(Fraction theta) => (Fraction.One - theta) / theta;

    public static double Lambda(double theta) => (1 - theta) / theta;

    /// <summary>‖Y − UVᵀ‖_F² + λ Σ_i ‖u_i‖²‖v_i‖².</summary>
    public static double ClosedForm(DropoutCase c) => ClosedForm(c, c.Lambda);

    /// <summary>‖Y − UVᵀ‖_F² + weight · Σ_i ‖u_i‖²‖v_i‖².</summary>
    public static double ClosedForm(DropoutCase c, double weight) =>
        Norms.FrobeniusSquared(c.Y - c.U * c.V.Transpose()) + weight * Regularizer(c.U, c.V);

    public static Fraction ClosedForm(ExactDropoutCase c) => ClosedForm(c, Lambda(c.Theta));

    public static Fraction ClosedForm(ExactDropoutCase c, Fraction weight) =>
        c.Y.Subtract(c.U.Multiply(c.V.Transpose())).FrobeniusNormSquared() + weight * Regularizer(c.U, c.V);

    /// <summary>
    /// An upper bound on every term summed in the loss of any mask, Σ_ij (|Y_ij| + θ⁻¹ Σ_k |U_ik||V_jk|)²:
    /// the magnitude for tolerances and the range for Monte Carlo intervals.
    /// </summary>
    public static double LossBound(DropoutCase c)
    {
        var abs = c.U.PointwiseAbs() * c.V.PointwiseAbs().Transpose();
        var s = 0.0;
        for (var i = 0; i < c.Y.RowCount; i++)
            for (var j = 0; j < c.Y.ColumnCount; j++)
            {
                var t = Math.Abs(c.Y[i, j]) + abs[i, j] / c.Theta;
                s += t * t;
            }
        return s;
    }
}
