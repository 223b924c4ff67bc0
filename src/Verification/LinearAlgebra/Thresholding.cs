using MathNet.Numerics.LinearAlgebra;

namespace Verification.LinearAlgebra;

/// <summary>
/// The shrinkage of a spectrum by a common threshold τ: which singular values survive (ρ), the threshold, and the
/// thresholded matrix Σ_{i≤ρ} (σ_i − τ) w_i z_iᵀ together with the objective value the threshold attains.
/// </summary>
public sealed record Shrinkage(int Rho, double Tau, IReadOnlyList<double> Sigma, int Rank, Matrix<double> Minimizer, double Value);

/// <summary>
/// One step of singular value thresholding: X = S_τ(Z) = Σ (σ_i − τ)_+ a_i b_iᵀ, with the singular values of Z before
/// (<see cref="Sigma"/>) and after (<see cref="Shrunk"/>, the singular values of X). The proximal map of τ‖·‖_*.
/// </summary>
public sealed record NuclearProx(Matrix<double> X, double[] Sigma, double[] Shrunk)
{
    /// <summary>‖X‖_* = Σ (σ_i − τ)_+, read off the thresholded spectrum.</summary>
    public double Nuclear => Shrunk.Sum();

    public int Rank => Shrunk.Count(s => s > 0);
}

/// <summary>Singular value thresholding S_τ and the spectral shrinkage rules of the dropout minimizers.</summary>
public static class Thresholding
{
    /// <summary>S_τ(Y) = W diag((σ_i − τ)_+) Zᵀ (THEORY.md, Notation): every singular value is shrunk.</summary>
    public static Matrix<double> Svt(Matrix<double> y, double tau) => Svt(y, tau, int.MaxValue);

    /// <summary>S_τ restricted to the top <paramref name="rank"/> singular triples: Σ_{i≤rank} (σ_i − τ)_+ w_i z_iᵀ.</summary>
    public static Matrix<double> Svt(Matrix<double> y, double tau, int rank)
    {
        var x = Matrix<double>.Build.Dense(y.RowCount, y.ColumnCount);
        var svd = Svd.Of(y);
        var k = Math.Min(rank, svd.S.Count);
        for (var i = 0; i < k; i++)
        {
            var s = svd.S[i] - tau;
            if (s <= 0) continue;
            x += s * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
        }
        return x;
    }

    /// <summary>The singular values, in decreasing order, with min(m, n) entries.</summary>
    public static double[] SingularValues(Matrix<double> y) =>
        Svd.Values(y);

    /// <summary>Numerical rank: singular values above max(m, n)·u·σ_1 (the backward error of the SVD).</summary>
    public static int Rank(IReadOnlyList<double> sigma, int m, int n)
    {
        if (sigma.Count == 0) return 0;
        var cut = Math.Max(m, n) * Numerics.Rounding.UnitRoundoff * sigma[0];
        return sigma.Count(s => s > cut);
    }

    /// <summary>
    /// The common rule of both minimizers: τ_j = a Σ_{i≤j} σ_i / (b + a j), ρ = max{ j ≤ cap : σ_j &gt; τ_j } (0 if none),
    /// τ = τ_ρ (0 when ρ = 0).
    /// </summary>
    public static (int Rho, double Tau) Threshold(IReadOnlyList<double> sigma, double a, double b, int cap)
    {
        var rho = 0;
        var sum = 0.0;
        // a·S/(b + a·j) is evaluated as S/(b/a + j), which cannot overflow for a large weight a (e.g. λ = 1e308).
        double Tau(double s, int j) => a > 0 ? s / (b / a + j) : 0;
        for (var j = 1; j <= Math.Min(cap, sigma.Count); j++)
        {
            sum += sigma[j - 1];
            if (sigma[j - 1] > Tau(sum, j)) rho = j;
        }
        var top = 0.0;
        for (var i = 0; i < rho; i++) top += sigma[i];
        return (rho, rho == 0 ? 0 : Tau(top, rho));
    }

    /// <summary>
    /// argmin_X ‖Y − X‖_F² + λ₁‖X‖_*² (dropout.variable-rate-minimizer): ρ = max{ j : σ_j &gt; λ₁ Σ_{i≤j} σ_i / (1 + λ₁ j) },
    /// τ = λ₁ Σ_{i≤ρ} σ_i / (1 + λ₁ρ), X* = S_τ(Y). With <paramref name="cap"/>, ρ is at most the cap (the rule, not the minimizer).
    /// </summary>
    public static Shrinkage VariableRate(Matrix<double> y, double lambda1, int cap = int.MaxValue)
    {
        var sigma = SingularValues(y);
        var rank = Rank(sigma, y.RowCount, y.ColumnCount);
        var (rho, tau) = Threshold(sigma, lambda1, 1, Math.Min(cap, rank));
        return new Shrinkage(rho, tau, sigma, rank, Svt(y, tau, rho), ShrunkValue(sigma, rho, tau, lambda1));
    }

    /// <summary>
    /// The fixed-width dropout minimizer (dropout.fixed-width-minimizer): ρ = max{ j ≤ min(r, rank Y) : σ_j &gt; λ Σ_{i≤j} σ_i / (r + λ j) },
    /// τ = λ Σ_{i≤ρ} σ_i / (r + λρ); the product of a minimizer is S_τ restricted to the top ρ singular triples
    /// (equal to S_τ(Y) unless the width cap binds with σ_{ρ+1} &gt; τ), and the minimum value is
    /// Σ_{i≤ρ} τ² + Σ_{i&gt;ρ} σ_i² + (λ/r)(Σ_{i≤ρ}(σ_i − τ))².
    /// </summary>
    public static Shrinkage FixedWidth(Matrix<double> y, double lambda, int r)
    {
        var sigma = SingularValues(y);
        var rank = Rank(sigma, y.RowCount, y.ColumnCount);
        var (rho, tau) = Threshold(sigma, lambda, r, Math.Min(r, rank));
        return new Shrinkage(rho, tau, sigma, rank, Svt(y, tau, rho), ShrunkValue(sigma, rho, tau, lambda / r));
    }

    /// <summary>Σ_{i≤ρ} τ² + Σ_{i&gt;ρ} σ_i² + weight·(Σ_{i≤ρ}(σ_i − τ))².</summary>
    public static double ShrunkValue(IReadOnlyList<double> sigma, int rho, double tau, double weight)
    {
        double kept = 0, tail = 0;
        for (var i = 0; i < sigma.Count; i++)
        {
            if (i < rho) kept += sigma[i] - tau;
            else tail += sigma[i] * sigma[i];
        }
        return rho * tau * tau + tail + weight * kept * kept;
    }

    /// <summary>
    /// How far X is from being S_τ restricted to ρ triples of Y for some SVD of Y, without choosing one: with X = Σ s_i a_i b_iᵀ,
    /// the largest of |s_i − (σ_i − τ)| (i ≤ ρ), s_i (i &gt; ρ), ‖Y b_i − (s_i + τ) a_i‖ and ‖Yᵀ a_i − (s_i + τ) b_i‖ (i ≤ ρ).
    /// Zero exactly when Y maps the singular pairs of X as the thresholding requires.
    /// </summary>
    public static double ThresholdingResidual(Matrix<double> y, Matrix<double> x, double tau, int rho, IReadOnlyList<double> sigma)
    {
        var svd = Svd.Of(x);
        var worst = 0.0;
        for (var i = 0; i < svd.S.Count; i++)
        {
            var s = svd.S[i];
            if (i >= rho)
            {
                worst = Math.Max(worst, s);
                continue;
            }
            worst = Math.Max(worst, Math.Abs(s - (sigma[i] - tau)));
            var a = svd.U.Column(i);
            var b = svd.VT.Row(i);
            worst = Math.Max(worst, (y * b - (s + tau) * a).L2Norm());
            worst = Math.Max(worst, (y.TransposeThisAndMultiply(a) - (s + tau) * b).L2Norm());
        }
        return worst;
    }

    /// <summary>
    /// The proximal map of τ‖·‖_*: argmin_X ½‖X − Z‖_F² + τ‖X‖_* = S_τ(Z) (Cai, Candès, Shen 2010). The SVD is
    /// <see cref="ThinSvd.Of"/> (one-sided Jacobi up to min(m, n) = 24, so small problems give the same bits on every backend;
    /// LAPACK's dgesdd or MathNet above), and X is formed from the kept triples only.
    /// </summary>
    public static NuclearProx Prox(Matrix<double> z, double tau)
    {
        if (!(tau >= 0)) throw new ArgumentException($"the threshold must be ≥ 0, got {tau}");
        var svd = ThinSvd.Of(z);
        var shrunk = svd.S.Select(s => Math.Max(s - tau, 0)).ToArray();
        var k = shrunk.Count(s => s > 0);
        Matrix<double> x;
        if (k == 0) x = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount);
        else
        {
            var left = svd.U.SubMatrix(0, z.RowCount, 0, k).Clone();
            for (var i = 0; i < k; i++) left.SetColumn(i, left.Column(i) * shrunk[i]);
            var right = svd.VT.SubMatrix(0, k, 0, z.ColumnCount);
            x = Math.Min(z.RowCount, z.ColumnCount) <= ThinSvd.JacobiLimit ? left * right : Numerics.Backend.Multiply(left, right);
        }
        return new NuclearProx(x, svd.S, shrunk);
    }
}
