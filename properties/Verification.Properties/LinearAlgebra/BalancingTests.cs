using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.LinearAlgebra;

/// <summary>
/// Balancing a factorization by rotations (issue 9, item 13): column products and their spread at hand values, the Gram
/// rotation's constant diagonal on symmetric and non-symmetric Gram matrices of every small size, the Householder completion
/// near ±e₁, the equalizing rotation's every field (found, not found, already balanced), and the soundness of its rounding bound.
/// </summary>
public class BalancingTests
{
    private static Matrix<double> M(double[,] a) => Matrix<double>.Build.DenseOfArray(a);
    private const double U = Rounding.UnitRoundoff;

    private static void IsOrthogonal(Matrix<double> q, double tol = 1e-14)
    {
        Assert.Equal(q.RowCount, q.ColumnCount);
        var error = (q.TransposeThisAndMultiply(q) - Matrix<double>.Build.DenseIdentity(q.RowCount)).InfinityNorm();
        Assert.True(error <= tol, $"‖QᵀQ − I‖∞ = {error:G3}");
    }

    private static Matrix<double> Givens(int r, int i, int j, double phi)
    {
        var g = Matrix<double>.Build.DenseIdentity(r);
        g[i, i] = Math.Cos(phi); g[j, j] = Math.Cos(phi);
        g[j, i] = Math.Sin(phi); g[i, j] = -Math.Sin(phi);
        return g;
    }

    // ---------------------------------------------------------------- products and spread

    [Fact]
    public void Products_are_column_norm_products_and_the_spread_is_max_minus_min()
    {
        // ‖(3, 4)‖ = 5, ‖(0, 1)‖ = 1; ‖(1, 0, 2)‖ = √5, ‖(0, 2, 0)‖ = 2: p = (5√5, 2).
        var u = M(new double[,] { { 3, 0 }, { 4, 1 } });
        var v = M(new double[,] { { 1, 0 }, { 0, 2 }, { 2, 0 } });
        var p = Balancing.Products(u, v);
        Assert.Equal(2, p.Length);
        Assert.Equal(5 * Math.Sqrt(5), p[0], 14);
        Assert.Equal(2.0, p[1], 14);
        Assert.Equal(2.0, Balancing.Spread([3.0, 1.0, 2.0]));
        Assert.Equal(4.0, Balancing.Spread([-1.0, 3.0, 2.0]));
        Assert.Equal(0.0, Balancing.Spread([]));
        Assert.Equal(0.0, Balancing.Spread([-4.0]));
        // r = 0: no columns, no products.
        Assert.Empty(Balancing.Products(Matrix<double>.Build.Dense(2, 0), Matrix<double>.Build.Dense(3, 0)));
    }

    // ---------------------------------------------------------------- the Gram rotation

    /// <summary>Q orthogonal and diag(QᵀGQ) = (tr G/r)·𝟙.</summary>
    private static void BalancesGram(Matrix<double> g, double tol = 1e-13)
    {
        var q = Balancing.GramRotation(g);
        Assert.Equal(g.RowCount, q.RowCount);
        IsOrthogonal(q);
        var diagonal = q.TransposeThisAndMultiply(g * q).Diagonal();
        var target = g.Trace() / g.RowCount;
        var scale = 1 + g.FrobeniusNorm();
        foreach (var x in diagonal) Assert.True(Math.Abs(x - target) <= tol * scale, $"diagonal {diagonal} is not {target}");
    }

    [Fact]
    public void The_gram_rotation_equalizes_the_diagonal_at_every_small_size()
    {
        // r = 2: G = [[1, 2], [2, 5]], tr/2 = 3.
        BalancesGram(M(new double[,] { { 1, 2 }, { 2, 5 } }));
        // Already constant diagonal with off-diagonal entries, and a multiple of I.
        BalancesGram(M(new double[,] { { 2, 1, 0 }, { 1, 2, 1 }, { 0, 1, 2 } }));
        BalancesGram(3 * Matrix<double>.Build.DenseIdentity(4));
        // Seeded Gram matrices AᵀA of sizes 2..6 (the recursion's every depth).
        var rng = new SplitMix64(11);
        for (var r = 2; r <= 6; r++)
        {
            var a = Matrix<double>.Build.Dense(r + 1, r, (_, _) => rng.NextGaussian());
            BalancesGram(a.TransposeThisAndMultiply(a));
        }
    }

    [Fact]
    public void The_gram_rotation_of_a_non_symmetric_matrix_equalizes_its_diagonal()
    {
        // diag(QᵀGQ) depends only on the symmetric part of G (an antisymmetric A has xᵀAx = 0), so it is constant too.
        // G = [[4, 3, 0], [−1, 1, 2], [0, 0, 1]]: tr/3 = 2.
        BalancesGram(M(new double[,] { { 4, 3, 0 }, { -1, 1, 2 }, { 0, 0, 1 } }));
        BalancesGram(M(new double[,] { { 0, 5 }, { -1, 2 } }));
    }

    [Fact]
    public void The_gram_rotation_of_sizes_0_and_1_is_the_identity()
    {
        var empty = Balancing.GramRotation(Matrix<double>.Build.Dense(0, 0));
        Assert.Equal((0, 0), (empty.RowCount, empty.ColumnCount));
        var one = Balancing.GramRotation(M(new double[,] { { 7 } }));
        Assert.Equal(1, one.RowCount);
        Assert.Equal(1.0, Math.Abs(one[0, 0]));
    }

    // ---------------------------------------------------------------- the completion

    private static void Completes(double[] w, double tol = 1e-15)
    {
        var vector = Vector<double>.Build.DenseOfArray(w);
        var h = Balancing.Completion(vector);
        IsOrthogonal(h, 4 * tol);
        var first = h.Column(0);
        var error = Math.Min((first - vector).InfinityNorm(), (first + vector).InfinityNorm());
        Assert.True(error <= tol, $"first column {first} is not ±{vector}: error {error:G3}");
    }

    [Fact]
    public void The_completion_is_orthogonal_with_first_column_plus_or_minus_w()
    {
        Completes([1.0, 0.0, 0.0]);
        Completes([-1.0, 0.0, 0.0]);
        Completes([0.0, 1.0, 0.0]);
        Completes([0.6, 0.8]);
        Completes([-0.6, 0.8]);
        Completes([1.0]);
        Completes([-1.0]);
        Completes([0.5, -0.5, 0.5, 0.5]);
    }

    /// <summary>
    /// w = (cos t, sin t) with t = 10⁻⁹: reflecting onto the wrong side of e₁ makes v = w − e₁ ≈ (−5·10⁻¹⁹, 10⁻⁹), whose first
    /// entry is lost to rounding (cos t = 1 in doubles), and the first column comes out as e₁, off w by 10⁻⁹. The sign choice
    /// keeps v = −w − e₁ away from 0; the same near −e₁.
    /// </summary>
    [Fact]
    public void The_completion_is_accurate_near_plus_and_minus_e1()
    {
        var t = 1e-9;
        Completes([Math.Cos(t), Math.Sin(t)]);
        Completes([-Math.Cos(t), Math.Sin(t)]);
        Completes([Math.Cos(t), 0.0, -Math.Sin(t)]);
    }

    // ---------------------------------------------------------------- the equalizing rotation

    /// <summary>R orthogonal, UR(VR)ᵀ = UVᵀ, Products = the products of (UR, VR), their spread within Target.</summary>
    private static EqualizingResult Equalizes(Matrix<double> u, Matrix<double> v, ulong seed = 1)
    {
        var result = Balancing.EqualizingRotation(u, v, seed);
        Assert.True(result.Found);
        IsOrthogonal(result.R, 1e-13);
        var a = u * result.R;
        var b = v * result.R;
        Assert.True((a.TransposeAndMultiply(b) - u.TransposeAndMultiply(v)).InfinityNorm() <= 1e-13 * (1 + u.FrobeniusNorm() * v.FrobeniusNorm()));
        var p = Balancing.Products(a, b);
        Assert.Equal(p, result.Products);
        Assert.True(Balancing.Spread(p) <= result.Target, $"spread {Balancing.Spread(p):G3} above the target {result.Target:G3}");
        // The target is the rounding bound for the rotations made.
        Assert.Equal(Balancing.SpreadTolerance(u, v, result.Rotations), result.Target);
        Assert.Equal(0, result.Restarts);
        return result;
    }

    [Fact]
    public void A_balanced_pair_needs_no_rotation()
    {
        // U = V = I: products (1, 1), spread 0 ≤ target: R = I, no rotation.
        var i = Matrix<double>.Build.DenseIdentity(2);
        var result = Equalizes(i, i);
        Assert.Equal(0, result.Rotations);
        Assert.Equal(Matrix<double>.Build.DenseIdentity(2), result.R);
        Assert.Equal([1.0, 1.0], result.Products);
        // A zero factor: every product is 0 and the target (relative to ‖U‖_F‖V‖_F = 0) is 0 too; 0 ≤ 0 is success.
        var zero = Equalizes(Matrix<double>.Build.Dense(3, 2), M(new double[,] { { 1, 2 }, { 3, 4 } }));
        Assert.Equal(0, zero.Rotations);
        Assert.Equal(0.0, zero.Target);
        Assert.Equal([0.0, 0.0], zero.Products);
        Assert.Equal(Matrix<double>.Build.DenseIdentity(2), zero.R);
        // r = 1: a single product is always equalized.
        var one = Equalizes(M(new double[,] { { 2 }, { 1 } }), M(new double[,] { { 3 } }));
        Assert.Equal(0, one.Rotations);
        Assert.Equal(3 * Math.Sqrt(5), one.Products[0], 14);
    }

    [Fact]
    public void Two_columns_are_equalized_by_one_rotation()
    {
        // U = diag(2, 1) (3×2), V = I: products (2, 1). One Givens rotation at a root of p₁(φ) − p₂(φ) equalizes both.
        var u = M(new double[,] { { 2, 0 }, { 0, 1 }, { 0, 0 } });
        var v = Matrix<double>.Build.DenseIdentity(2);
        var result = Equalizes(u, v);
        Assert.Equal(1, result.Rotations);
        // Σ p_i ≥ ‖UVᵀ‖_* = 3 (the nuclear norm is the least sum of column products over factorizations).
        Assert.True(result.Products.Sum() >= 3 - 1e-12);
    }

    [Fact]
    public void Several_columns_are_equalized_by_a_sequence_of_rotations()
    {
        // U = diag(4, 2, 1, 1/2) (5×4 with a zero row), V = (4×4) with columns of norms 1, 1, 1, 1 but not orthogonal.
        var u = M(new double[,] { { 4, 0, 0, 0 }, { 0, 2, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 0.5 }, { 0, 0, 0, 0 } });
        var v = M(new double[,] { { 1, 0.6, 0, 0 }, { 0, 0.8, 0, 0.6 }, { 0, 0, 1, 0 }, { 0, 0, 0, 0.8 } });
        var result = Equalizes(u, v);
        Assert.True(result.Rotations >= 2, "four products (4, 2, 1, ½) need more than one rotation");
        // A seeded family of 3×3 and 4×3 pairs.
        var rng = new SplitMix64(3);
        for (var trial = 0; trial < 4; trial++)
        {
            var a = Matrix<double>.Build.Dense(3 + trial % 2, 3, (_, _) => rng.NextGaussian());
            var b = Matrix<double>.Build.Dense(4, 3, (_, _) => rng.NextGaussian());
            var r = Equalizes(a, b, (ulong)trial);
            Assert.True(r.Rotations >= 1);
        }
    }

    // ---------------------------------------------------------------- the rounding bound

    /// <summary>
    /// Soundness: U = V = R(θ) (2×2 rotations) are balanced in exact arithmetic (every column has norm 1, so every product is 1),
    /// and the spread of the computed products is rounding error alone; the bound covers it. Not loose: with no rotation the
    /// bound is within a factor 10³ of the hand value u·(m + n + 2r)·‖U‖_F‖V‖_F for forming the products, and each rotation
    /// adds about 2·6√r·u·‖U‖_F‖V‖_F (the drift of R's orthogonality), linearly.
    /// </summary>
    [Fact]
    public void The_spread_tolerance_covers_the_rounding_of_a_balanced_pair_and_is_not_loose()
    {
        var worst = 0.0;
        for (var k = 1; k < 40; k++)
        {
            var r = Givens(3, 0, 2, 0.1 * k) * Givens(3, 0, 1, 0.37 * k);
            var p = Balancing.Products(r, r);
            worst = Math.Max(worst, Balancing.Spread(p));
            Assert.True(Balancing.Spread(p) <= Balancing.SpreadTolerance(r, r, 0));
        }
        Assert.True(worst > 0, "the instance shows rounding");

        // m = 5, n = 3, r = 4, ‖U‖_F = ‖V‖_F = 2: hand value u·(5 + 3 + 8)·4 = 64u.
        var u = Matrix<double>.Build.Dense(5, 4, (i, j) => i == j ? 1.0 : 0.0);
        var v = Matrix<double>.Build.Dense(3, 4, (i, j) => i == j % 3 ? 1.0 : 0.0);
        Assert.Equal(2.0, u.FrobeniusNorm() * v.FrobeniusNorm() / 2, 14);
        var products = 2 * U * (5 + 3 + 2 * 4) * 4;   // both factors' products, with ‖U‖‖V‖ = 4
        var perRotation = 2 * 6 * Math.Sqrt(4) * U * 4;
        var t0 = Balancing.SpreadTolerance(u, v, 0);
        Assert.InRange(t0, products + perRotation, 1e3 * products);
        // Linear in the number of rotations, each adding 2·6√r·u·‖U‖‖V‖ (to first order in u).
        var t10 = Balancing.SpreadTolerance(u, v, 10);
        Assert.Equal(10 * perRotation, t10 - t0, 1e-6 * perRotation * 10);
        // Scales with ‖U‖_F‖V‖_F.
        Assert.Equal(6 * t0, Balancing.SpreadTolerance(3 * u, 2 * v, 0), 1e-12 * t0);
    }
}
