using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.Dropout;

/// <summary>A gradient with respect to the pair of factors (U, V).</summary>
public sealed record FactorGradient(Matrix<double> U, Matrix<double> V)
{
    public double Norm => Math.Sqrt(Norms.FrobeniusSquared(U) + Norms.FrobeniusSquared(V));
}

public sealed record ExactFactorGradient(ExactMatrix U, ExactMatrix V);

/// <summary>
/// Analytic gradients of the dropout objectives.
/// Stochastic loss L_z = ‖Y − θ⁻¹U D Vᵀ‖², D = diag(z), residual E = Y − θ⁻¹U D Vᵀ: ∇_U = −2θ⁻¹ E V D, ∇_V = −2θ⁻¹ Eᵀ U D.
/// Regularized objective f = ‖Y − UVᵀ‖² + λ Σ_i ‖u_i‖²‖v_i‖², residual E = Y − UVᵀ:
/// ∇_U = −2 E V + 2λ U diag(‖v_i‖²), ∇_V = −2 Eᵀ U + 2λ V diag(‖u_i‖²).
/// Along one coordinate both objectives are quadratic, so a central difference with any step is exact in exact arithmetic.
/// </summary>
public static class DropoutGradients
{
    public static FactorGradient Stochastic(DropoutCase c, IReadOnlyList<bool> mask)
    {
        var d = Matrix<double>.Build.Diagonal(c.Width, c.Width, k => mask[k] ? 1.0 : 0.0);
        var e = c.Y - c.U * d * c.V.Transpose() / c.Theta;
        return new FactorGradient(-2 / c.Theta * e * c.V * d, -2 / c.Theta * e.TransposeThisAndMultiply(c.U) * d);
    }

    public static FactorGradient Objective(Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda)
    {
        var e = y - u * v.Transpose();
        var du = Matrix<double>.Build.Diagonal(u.ColumnCount, u.ColumnCount, i => v.Column(i).DotProduct(v.Column(i)));
        var dv = Matrix<double>.Build.Diagonal(u.ColumnCount, u.ColumnCount, i => u.Column(i).DotProduct(u.Column(i)));
        return new FactorGradient(-2 * e * v + 2 * lambda * u * du, -2 * e.TransposeThisAndMultiply(u) + 2 * lambda * v * dv);
    }

    /// <summary>
    /// A bound on the magnitude of the terms summed in <see cref="Objective(Matrix{double}, Matrix{double}, Matrix{double}, double)"/>: 2(|Y| + |U||V|ᵀ)|V| + 2λ|U|‖v‖² and the same for V,
    /// as a Frobenius norm; the scale of the rounding error of a computed gradient.
    /// </summary>
    public static double ObjectiveGradientMagnitude(Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda)
    {
        var e = y.PointwiseAbs() + u.PointwiseAbs() * v.PointwiseAbs().Transpose();
        var gu = 2 * e * v.PointwiseAbs() + 2 * lambda * u.PointwiseAbs() * Matrix<double>.Build.Diagonal(u.ColumnCount, u.ColumnCount, i => v.Column(i).DotProduct(v.Column(i)));
        var gv = 2 * e.Transpose() * u.PointwiseAbs() + 2 * lambda * v.PointwiseAbs() * Matrix<double>.Build.Diagonal(u.ColumnCount, u.ColumnCount, i => u.Column(i).DotProduct(u.Column(i)));
        return Math.Sqrt(Norms.FrobeniusSquared(gu) + Norms.FrobeniusSquared(gv));
    }

    public static ExactFactorGradient Stochastic(ExactDropoutCase c, IReadOnlyList<bool> mask)
    {
        var r = c.Width;
        var inverse = Fraction.One / c.Theta;
        var ud = ExactMatrix.Create(c.U.RowCount, r, (i, k) => mask[k] ? c.U[i, k] : Fraction.Zero);
        var vd = ExactMatrix.Create(c.V.RowCount, r, (j, k) => mask[k] ? c.V[j, k] : Fraction.Zero);
        var e = c.Y.Subtract(Scale(ud.Multiply(c.V.Transpose()), inverse));
        var factor = -2 * inverse;
        return new ExactFactorGradient(Scale(e.Multiply(vd), factor), Scale(e.Transpose().Multiply(ud), factor));
    }

    public static ExactFactorGradient Objective(ExactMatrix y, ExactMatrix u, ExactMatrix v, Fraction lambda)
    {
        var e = y.Subtract(u.Multiply(v.Transpose()));
        var eu = e.Multiply(v);
        var ev = e.Transpose().Multiply(u);
        var gu = ExactMatrix.Create(u.RowCount, u.ColumnCount, (i, k) => -2 * eu[i, k] + 2 * lambda * u[i, k] * v.ColumnNormSquared(k));
        var gv = ExactMatrix.Create(v.RowCount, v.ColumnCount, (j, k) => -2 * ev[j, k] + 2 * lambda * v[j, k] * u.ColumnNormSquared(k));
        return new ExactFactorGradient(gu, gv);
    }

    /// <summary>The exact loss of one mask: ‖Y − θ⁻¹ U diag(z) Vᵀ‖_F².</summary>
    public static Fraction StochasticLoss(ExactDropoutCase c, IReadOnlyList<bool> mask)
    {
        var ud = ExactMatrix.Create(c.U.RowCount, c.Width, (i, k) => mask[k] ? c.U[i, k] : Fraction.Zero);
        return c.Y.Subtract(Scale(ud.Multiply(c.V.Transpose()), Fraction.One / c.Theta)).FrobeniusNormSquared();
    }

    /// <summary>
    /// Central differences (F(x + h e) − F(x − h e)) / 2h for every entry of U and of V, in exact arithmetic with step h = 1:
    /// exact for objectives that are quadratic along each coordinate.
    /// </summary>
    public static ExactFactorGradient CentralDifferences(ExactMatrix u, ExactMatrix v, Func<ExactMatrix, ExactMatrix, Fraction> objective)
    {
        ExactMatrix Bump(ExactMatrix x, int i, int k, Fraction h) => ExactMatrix.Create(x.RowCount, x.ColumnCount, (a, b) => a == i && b == k ? x[a, b] + h : x[a, b]);
        var half = new Fraction(1, 2);
        var gu = ExactMatrix.Create(u.RowCount, u.ColumnCount, (i, k) => (objective(Bump(u, i, k, 1), v) - objective(Bump(u, i, k, -1), v)) * half);
        var gv = ExactMatrix.Create(v.RowCount, v.ColumnCount, (j, k) => (objective(u, Bump(v, j, k, 1)) - objective(u, Bump(v, j, k, -1))) * half);
        return new ExactFactorGradient(gu, gv);
    }

    /// <summary>Central differences in floating point with step h = 1 (exact up to rounding for coordinate-wise quadratics).</summary>
    public static FactorGradient CentralDifferences(Matrix<double> u, Matrix<double> v, Func<Matrix<double>, Matrix<double>, double> objective)
    {
        Matrix<double> Bump(Matrix<double> x, int i, int k, double h) { var c = x.Clone(); c[i, k] += h; return c; }
        var gu = Matrix<double>.Build.Dense(u.RowCount, u.ColumnCount, (i, k) => (objective(Bump(u, i, k, 1), v) - objective(Bump(u, i, k, -1), v)) / 2);
        var gv = Matrix<double>.Build.Dense(v.RowCount, v.ColumnCount, (j, k) => (objective(u, Bump(v, j, k, 1)) - objective(u, Bump(v, j, k, -1))) / 2);
        return new FactorGradient(gu, gv);
    }

    /// <summary>E_z ∇ L_z over all 2^r masks, exactly.</summary>
    public static ExactFactorGradient ExpectedStochastic(ExactDropoutCase c)
    {
        var r = c.Width;
        MaskEnumeration.CheckWidth(r);
        ExactMatrix? gu = null, gv = null;
        var mask = new bool[r];
        for (long z = 0; z < 1L << r; z++)
        {
            var weight = Fraction.One;
            for (var k = 0; k < r; k++)
            {
                mask[k] = ((z >> k) & 1) == 1;
                weight *= mask[k] ? c.Theta : Fraction.One - c.Theta;
            }
            if (weight.IsZero) continue;
            var g = Stochastic(c, mask);
            gu = gu is null ? Scale(g.U, weight) : Add(gu, Scale(g.U, weight));
            gv = gv is null ? Scale(g.V, weight) : Add(gv, Scale(g.V, weight));
        }
        return new ExactFactorGradient(gu!, gv!);
    }

    /// <summary>E_z ∇ L_z over all 2^r masks in floating point.</summary>
    public static FactorGradient ExpectedStochastic(DropoutCase c)
    {
        var r = c.Width;
        MaskEnumeration.CheckWidth(r);
        var gu = Matrix<double>.Build.Dense(c.U.RowCount, r);
        var gv = Matrix<double>.Build.Dense(c.V.RowCount, r);
        var mask = new bool[r];
        for (long z = 0; z < 1L << r; z++)
        {
            var weight = 1.0;
            for (var k = 0; k < r; k++)
            {
                mask[k] = ((z >> k) & 1) == 1;
                weight *= mask[k] ? c.Theta : 1 - c.Theta;
            }
            if (weight == 0) continue;
            var g = Stochastic(c, mask);
            gu += weight * g.U;
            gv += weight * g.V;
        }
        return new FactorGradient(gu, gv);
    }

    public static ExactMatrix Scale(ExactMatrix x, Fraction s) => ExactMatrix.Create(x.RowCount, x.ColumnCount, (i, j) => x[i, j] * s);

    public static ExactMatrix Add(ExactMatrix a, ExactMatrix b) => ExactMatrix.Create(a.RowCount, a.ColumnCount, (i, j) => a[i, j] + b[i, j]);

    public static bool AreEqual(ExactFactorGradient a, ExactFactorGradient b) => Equal(a.U, b.U) && Equal(a.V, b.V);

    public static bool Equal(ExactMatrix a, ExactMatrix b)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount) return false;
        for (var i = 0; i < a.RowCount; i++)
            for (var j = 0; j < a.ColumnCount; j++)
                if (a[i, j] != b[i, j]) return false;
        return true;
    }

    /// <summary>The largest entrywise |a − b| over both factors, as a double (0 exactly when equal).</summary>
    public static double Distance(ExactFactorGradient a, ExactFactorGradient b)
    {
        var worst = 0.0;
        foreach (var (x, y) in new[] { (a.U, b.U), (a.V, b.V) })
            for (var i = 0; i < x.RowCount; i++)
                for (var j = 0; j < x.ColumnCount; j++)
                    worst = Math.Max(worst, Math.Abs((x[i, j] - y[i, j]).ToDoubleAnyScale()));
        return worst;
    }
}
