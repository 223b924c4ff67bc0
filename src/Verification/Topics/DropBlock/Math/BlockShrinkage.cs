using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;

namespace Verification.Topics.DropBlock;

/// <summary>
/// The convex problem min_M ‖Y − M‖_F² + μ‖M‖_(k)² over rank M ≤ p: keep Y's singular vectors and apply the k-support prox to the
/// top p singular values (von Neumann's trace inequality makes the problem spectral). <see cref="X"/> is the prox of the top
/// p singular values, <see cref="Weights"/> its variational weights.
/// </summary>
public sealed record SpectralShrinkage(double[] Sigma, int Kept, int K, double Mu, double[] X, double[] Weights, Matrix<double> Minimizer,
    double Value, Matrix<double> Left, Matrix<double> Right);

/// <summary>
/// A factorization with r blocks of b columns built from the k-support atoms of a spectrum: atom j (support S_j, |S_j| ≤ b,
/// norm t_j) is split into n_j equal pieces, one block each (Σ n_j = r). Σ_g ‖U_gV_gᵀ‖² = Σ_j t_j²/n_j, which equals
/// (1/r)‖M‖_(b)² exactly when every piece has the same norm (<see cref="Even"/>).
/// </summary>
public sealed record BlockSplit(Factors Factors, int[] Pieces, double[] AtomNorms, double Regularizer, bool Even, double[] BlockNorms);

public static class BlockShrinkages
{
    /// <summary>
    /// THEORY.md's dropblock.minimizer recipe: μ = λ/r, k = b, the prox applied to the top d = r·b singular values of Y
    /// (k is capped at the number of singular values kept).
    /// </summary>
    public static SpectralShrinkage DropBlockRecipe(Matrix<double> y, double lambda, int r, int b) => Solve(y, lambda / r, b, r * b);

    public static SpectralShrinkage Solve(Matrix<double> y, double mu, int b, int maxRank)
    {
        var svd = Svd.Of(y);
        var sigma = svd.S.ToArray();
        var kept = Math.Min(maxRank, sigma.Length);
        var k = Math.Max(1, Math.Min(b, kept));
        var top = sigma.Take(kept).ToArray();
        var prox = kept == 0 ? new ProxResult([], [], double.NaN) : KSupport.Prox(top, k, mu);
        var x = prox.X;
        var minimizer = Matrix<double>.Build.Dense(y.RowCount, y.ColumnCount);
        for (var i = 0; i < kept; i++)
            if (x[i] != 0) minimizer += x[i] * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
        var value = 0.0;
        for (var i = 0; i < sigma.Length; i++)
        {
            var xi = i < kept ? x[i] : 0;
            value += (sigma[i] - xi) * (sigma[i] - xi);
        }
        var weights = kept == 0 ? [] : KSupport.Norm(x, k).Weights;
        if (kept > 0) value += mu * KSupport.Norm(x, k).Squared;
        return new SpectralShrinkage(sigma, kept, k, mu, x, weights, minimizer, value, svd.U, svd.VT.Transpose());
    }

    /// <summary>
    /// The block factorization of M = Left·diag(x)·Rightᵀ (orthonormal columns) with r blocks of b columns from the k-support atoms
    /// of x (k = min(b, len x)); pieces are allocated greedily (each atom at least one), which minimizes Σ_j t_j²/n_j. Null when
    /// the atoms outnumber the blocks.
    /// </summary>
    public static BlockSplit? Split(Matrix<double> left, Matrix<double> right, IReadOnlyList<double> x, int r, int b)
    {
        int m = left.RowCount, n = right.RowCount, d = r * b;
        var u = Matrix<double>.Build.Dense(m, d);
        var v = Matrix<double>.Build.Dense(n, d);
        if (x.Count == 0 || x.All(xi => xi == 0)) return new BlockSplit(new Factors(u, v), [], [], 0, true, new double[r]);
        var k = Math.Min(b, x.Count);
        var atoms = KSupport.Atoms(x, k);
        if (atoms.Count > r) return null;
        var norms = atoms.Select(a => Math.Sqrt(a.Atom.Sum(t => t * t))).ToArray();
        var pieces = Enumerable.Repeat(1, atoms.Count).ToArray();
        for (var extra = atoms.Count; extra < r; extra++)
        {
            var j = Enumerable.Range(0, atoms.Count).MaxBy(i => norms[i] * norms[i] / pieces[i] - norms[i] * norms[i] / (pieces[i] + 1));
            pieces[j]++;
        }
        var block = 0;
        var blockNorms = new double[r];
        for (var j = 0; j < atoms.Count; j++)
            for (var p = 0; p < pieces[j]; p++, block++)
            {
                var column = block * b;
                foreach (var s in atoms[j].Support)
                {
                    var value = atoms[j].Atom[s] / pieces[j];
                    var root = Math.Sqrt(Math.Abs(value));
                    u.SetColumn(column, left.Column(s) * (root * Math.Sign(value)));
                    v.SetColumn(column, right.Column(s) * root);
                    column++;
                }
                blockNorms[block] = norms[j] / pieces[j];
            }
        var regularizer = Enumerable.Range(0, atoms.Count).Sum(j => norms[j] * norms[j] / pieces[j]);
        var even = blockNorms.Max() - blockNorms.Min() <= 1e-9 * Math.Max(blockNorms.Max(), double.Epsilon);
        return new BlockSplit(new Factors(u, v), pieces, norms, regularizer, even, blockNorms);
    }

    /// <summary>The split of a matrix M at width r: its SVD and the atoms of its singular values (up to its numerical rank).</summary>
    public static BlockSplit? Split(Matrix<double> m, int r, int b)
    {
        var svd = Svd.Of(m);
        var sigma = svd.S.ToArray();
        var rank = Thresholding.Rank(sigma, m.RowCount, m.ColumnCount);
        return Split(svd.U, svd.VT.Transpose(), sigma.Take(rank).ToArray(), r, b);
    }

    /// <summary>
    /// The minimum of Σ_g ‖M_g‖² over decompositions M = M_1 + M_2 (two blocks, rank M_g ≤ b) of M = s·Q, Q an n×n orthogonal
    /// matrix, b ≤ n ≤ 2b: s²(3n − 2b)/2 (README, "the open question"): for fixed column spaces P_g the least-norm decomposition
    /// costs s² tr(S⁻¹) with S = P_1 + P_2, whose spectrum (Jordan's two-subspace decomposition) is 2 on the k = 2b − n dimensions
    /// of R_1 ∩ R_2, 1 ± cos θ on pairs and 1 elsewhere; by convexity of 1/s the pairs cost at least 2, so tr S⁻¹ ≥ k/2 + (n − k).
    /// Null outside b ≤ n ≤ 2b (below b one block holds M; above 2b no two blocks do).
    /// </summary>
    public static double? TwoBlockRegularizerOfScaledOrthogonal(int n, int b, double s) =>
        n < b || n > 2 * b ? null : s * s * (3.0 * n - 2 * b) / 2;

    /// <summary>
    /// The minimum of f(U, V) = ‖Y − UVᵀ‖² + λ Σ_g ‖U_gV_gᵀ‖² with two blocks of b columns at Y = s·Q (Q n×n orthogonal), λ &gt; 0:
    /// min over column spaces of λ s² tr((S + λI)⁻¹), S = P_1 + P_2 of rank-(≤ b) projections; with k = dim(R_1 ∩ R_2) the best
    /// spectrum is 2 (k times), 1 (2b' − 2k times), 0 (n − 2b' + k times), b' = min(b, n), so the minimum is the smallest over k of
    /// λ s² [k/(2 + λ) + (2b' − 2k)/(1 + λ) + (n − 2b' + k)/λ]. Returns the value and the best k.
    /// </summary>
    public static (double Value, int Intersection) TwoBlockMinimumOfScaledOrthogonal(int n, int b, double s, double lambda)
    {
        if (!(lambda > 0)) throw new ArgumentException("the closed form needs λ > 0");
        var bb = Math.Min(b, n);
        var best = (Value: double.PositiveInfinity, Intersection: -1);
        for (var k = Math.Max(0, 2 * bb - n); k <= bb; k++)
        {
            var value = lambda * s * s * (k / (2 + lambda) + (2.0 * bb - 2 * k) / (1 + lambda) + (n - 2.0 * bb + k) / lambda);
            if (value < best.Value) best = (value, k);
        }
        return best;
    }

    /// <summary>
    /// s when M = s·Q for a square orthogonal Q (all singular values equal to s, within <paramref name="relative"/>), else null.
    /// </summary>
    public static double? ScaledOrthogonal(Matrix<double> m, double relative)
    {
        if (m.RowCount != m.ColumnCount || m.RowCount == 0) return null;
        var sigma = Thresholding.SingularValues(m);
        return sigma[0] > 0 && sigma[0] - sigma[^1] <= relative * sigma[0] ? sigma.Average() : null;
    }

    /// <summary>
    /// The two-block factorization attaining <see cref="TwoBlockRegularizerOfScaledOrthogonal"/> for M (n×n, all singular values s,
    /// b ≤ n ≤ 2b): with M = W diag(s) Zᵀ, both blocks share the k = 2b − n directions w_1 … w_k (weight s/2 each) and split the
    /// other 2(n − b) directions (weight s), so M_1 + M_2 = M and Σ‖M_g‖² = s²(k/2 + 2(n − b)). For M = s·I the factors are
    /// coordinate vectors and halves, exact in binary.
    /// </summary>
    public static Factors TwoBlockFactorsOfScaledOrthogonal(Matrix<double> m, int b)
    {
        var n = m.RowCount;
        if (n < b || n > 2 * b) throw new ArgumentException($"the construction needs b ≤ n ≤ 2b, got n = {n}, b = {b}");
        Matrix<double> left, right;
        double[] sigma;
        if (m.Equals(m[0, 0] * Matrix<double>.Build.DenseIdentity(n)))
        {
            (left, right, sigma) = (Matrix<double>.Build.DenseIdentity(n), Matrix<double>.Build.DenseIdentity(n), Enumerable.Repeat(m[0, 0], n).ToArray());
            if (m[0, 0] < 0) (right, sigma) = (-right, sigma.Select(Math.Abs).ToArray());
        }
        else
        {
            var svd = Svd.Of(m);
            (left, right, sigma) = (svd.U, svd.VT.Transpose(), svd.S.ToArray());
        }
        var shared = 2 * b - n;
        var own = n - b;
        var u = Matrix<double>.Build.Dense(n, 2 * b);
        var v = Matrix<double>.Build.Dense(n, 2 * b);
        for (var g = 0; g < 2; g++)
        {
            var directions = Enumerable.Range(0, shared).Concat(Enumerable.Range(shared + g * own, own)).ToArray();
            for (var j = 0; j < directions.Length; j++)
            {
                var i = directions[j];
                var weight = i < shared ? sigma[i] / 2 : sigma[i];
                u.SetColumn(g * b + j, left.Column(i));
                v.SetColumn(g * b + j, right.Column(i) * weight);
            }
        }
        return new Factors(u, v);
    }

    /// <summary>
    /// An upper bound on min_{UVᵀ = M} Σ_g ‖U_gV_gᵀ‖² from a numerical search: local descent on ‖M − UVᵀ‖² + ε Σ_g ‖U_gV_gᵀ‖² (a small
    /// ε, so the blocks nearly reproduce M), then, for the column spaces P_g of the blocks found, the exact least-norm decomposition
    /// M_g = P_g S⁺ M (S = Σ P_g), which is feasible when range M ⊆ range S. Returns the decomposition's factors and value, or null.
    /// </summary>
    public static (Factors Factors, double Value)? SearchDecomposition(Matrix<double> m, int r, int b, int starts, ulong seed)
    {
        var scale = Math.Max(m.FrobeniusNorm(), 1e-300);
        var descent = BlockFactorization.LocalDescent(m / scale, 1e-4, r, b, starts, seed);
        var point = descent.LowestPoint;
        int rows = m.RowCount, columns = m.ColumnCount;
        var projections = new List<Matrix<double>>();
        var s = Matrix<double>.Build.Dense(rows, rows);
        for (var g = 0; g < r; g++)
        {
            var block = DropBlockObjective.Block(point.U, g, b);
            var svd = Svd.Of(block);
            var rank = Thresholding.Rank(svd.S.ToArray(), block.RowCount, block.ColumnCount);
            var basis = svd.U.SubMatrix(0, rows, 0, rank);
            var p = basis * basis.Transpose();
            projections.Add(p);
            s += p;
        }
        var pseudo = PseudoInverse(s);
        var lambdaMatrix = pseudo * m;
        var u = Matrix<double>.Build.Dense(rows, r * b);
        var v = Matrix<double>.Build.Dense(columns, r * b);
        var value = 0.0;
        var sum = Matrix<double>.Build.Dense(rows, columns);
        for (var g = 0; g < r; g++)
        {
            var piece = projections[g] * lambdaMatrix;
            sum += piece;
            value += Norms.FrobeniusSquared(piece);
            var f = Factorizations.BalancedSvd(piece, b);
            u.SetSubMatrix(0, g * b, f.U);
            v.SetSubMatrix(0, g * b, f.V);
        }
        if ((sum - m).FrobeniusNorm() > 1e-9 * scale) return null;
        return (new Factors(u, v), value);
    }

    /// <summary>The Moore–Penrose pseudo-inverse through the guarded <see cref="Svd"/> (singular values above max(m, n)·u·σ_1 are inverted).</summary>
    private static Matrix<double> PseudoInverse(Matrix<double> a)
    {
        var svd = Svd.Of(a);
        var sigma = svd.S.ToArray();
        var rank = Thresholding.Rank(sigma, a.RowCount, a.ColumnCount);
        var inverse = Matrix<double>.Build.Dense(a.ColumnCount, a.RowCount);
        for (var i = 0; i < rank; i++)
            inverse += svd.VT.Row(i).OuterProduct(svd.U.Column(i)) / sigma[i];
        return inverse;
    }

    /// <summary>
    /// A minimizer of f with two blocks at Y = W diag(s) Zᵀ (n×n, all singular values s, λ &gt; 0): the column spaces share the
    /// k* = <see cref="TwoBlockMinimumOfScaledOrthogonal"/> directions w_1 … w_k (weight s/(2 + λ) in each block) and own b' − k* more each
    /// (weight s/(1 + λ)); the remaining directions are dropped. Its value is the closed-form minimum.
    /// </summary>
    public static Factors TwoBlockMinimizerOfScaledOrthogonal(Matrix<double> y, int b, double lambda)
    {
        var n = y.RowCount;
        var svd = Svd.Of(y);
        var s = svd.S.Average();
        var (_, shared) = TwoBlockMinimumOfScaledOrthogonal(n, b, s, lambda);
        var own = Math.Min(b, n) - shared;
        var u = Matrix<double>.Build.Dense(n, 2 * b);
        var v = Matrix<double>.Build.Dense(n, 2 * b);
        for (var g = 0; g < 2; g++)
        {
            var directions = Enumerable.Range(0, shared).Concat(Enumerable.Range(shared + g * own, own)).ToArray();
            for (var j = 0; j < directions.Length; j++)
            {
                var i = directions[j];
                u.SetColumn(g * b + j, svd.U.Column(i));
                v.SetColumn(g * b + j, svd.VT.Row(i) * (s / ((i < shared ? 2 : 1) + lambda)));
            }
        }
        return new Factors(u, v);
    }
}
