using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

namespace Verification.LinearAlgebra;

/// <summary>An equalizing rotation found by <see cref="Balancing.EqualizingRotation"/>, or the best attempt when the search stopped.</summary>
public sealed record EqualizingResult(Matrix<double> R, double[] Products, bool Found, int Rotations, int Restarts, double Target);

/// <summary>
/// Balancing a factorization by a rotation R (U → UR, V → VR keeps UVᵀ): the column products ‖u_i‖‖v_i‖, the Gram-based
/// algorithm of dropout.balance-gram, and a search for an equalizing rotation of an arbitrary pair.
/// </summary>
public static class Balancing
{
    /// <summary>p_i = ‖u_i‖‖v_i‖.</summary>
    public static double[] Products(Matrix<double> u, Matrix<double> v) =>
        Enumerable.Range(0, u.ColumnCount).Select(i => u.Column(i).L2Norm() * v.Column(i).L2Norm()).ToArray();

    /// <summary>max_i p_i − min_i p_i (0 for an equalized pair).</summary>
    public static double Spread(IReadOnlyList<double> products) => products.Count == 0 ? 0 : products.Max() - products.Min();

    /// <summary>
    /// The Gram-based balancing of THEORY.md (dropout.balance-gram): G₁ = G − (tr G/r)I; at each step take the trailing
    /// zero-trace k×k block B, its eigenvectors e_j, w = k^{-1/2} Σ_j e_j (so wᵀBw = tr B/k = 0), complete w to an orthogonal
    /// matrix (a Householder reflector whose first column is ±w), conjugate, and recurse on the trailing (k−1)×(k−1) block.
    /// Returns Q with diag(Qᵀ G Q) = (tr G / r)·𝟙.
    /// </summary>
    public static Matrix<double> GramRotation(Matrix<double> g)
    {
        var r = g.RowCount;
        var q = Matrix<double>.Build.DenseIdentity(r);
        if (r == 0) return q;
        var centered = g - g.Trace() / r * Matrix<double>.Build.DenseIdentity(r);
        centered = (centered + centered.Transpose()) / 2;
        for (var k = 0; k < r - 1; k++)
        {
            var conjugated = q.TransposeThisAndMultiply(centered) * q;
            var block = conjugated.SubMatrix(k, r - k, k, r - k);
            block = (block + block.Transpose()) / 2;
            var eigenvectors = block.Evd(Symmetricity.Symmetric).EigenVectors;
            var w = eigenvectors.RowSums() / Math.Sqrt(r - k);
            var h = Completion(w);
            var step = Matrix<double>.Build.DenseIdentity(r);
            step.SetSubMatrix(k, k, h);
            q *= step;
        }
        return q;
    }

    /// <summary>An orthogonal matrix whose first column is ±w (w a unit vector): the Householder reflector exchanging e_1 and ±w.</summary>
    public static Matrix<double> Completion(Vector<double> w)
    {
        var s = w.Count;
        var sign = w[0] > 0 ? -1.0 : 1.0; // reflect onto the side of e_1 that keeps v = sign·w − e_1 away from 0
        var v = sign * w;
        v[0] -= 1;
        var norm = v.DotProduct(v);
        var h = Matrix<double>.Build.DenseIdentity(s);
        if (norm == 0) return h;
        return h - 2 / norm * v.OuterProduct(v);
    }

    /// <summary>
    /// A rotation R with (UR, VR) equalized, by Givens sweeps. Each step takes the columns i, j with the largest and smallest
    /// product and rotates them in their plane by the angle φ ∈ [0, π/2] at which the two products are equal: the difference
    /// g(φ) = p_i(φ) − p_j(φ) satisfies g(π/2) = −g(0), so a root exists; g is scanned on 32 subintervals, every sign change is
    /// bisected to machine precision, and the root whose common value is nearest the mean product is taken. The other
    /// columns do not move. Stopping rule: success as soon as max p − min p ≤ the rounding bound <see cref="SpreadTolerance"/>, with
    /// the products computed from U·R and V·R as a check of the result computes them;
    /// otherwise after 60·r² rotations restart from a random rotation (seeded), at most 4 restarts, then report not found.
    /// </summary>
    public static EqualizingResult EqualizingRotation(Matrix<double> u, Matrix<double> v, ulong seed = 1)
    {
        var r = u.ColumnCount;
        var rng = new SplitMix64(seed);
        var best = (R: Matrix<double>.Build.DenseIdentity(r), Products: Products(u, v), Spread: double.PositiveInfinity);
        var total = 0;
        for (var restart = 0; restart <= 4; restart++)
        {
            var rotation = restart == 0 ? Matrix<double>.Build.DenseIdentity(r) : Normal.RandomOrthogonal(r, rng);
            var rotations = 0;
            while (true)
            {
                // U·R and V·R are formed afresh at every step, so success is decided on exactly the products a check of
                // (UR, VR) computes, not on factors accumulated through the rotations.
                var a = u * rotation;
                var b = v * rotation;
                var p = Products(a, b);
                var target = SpreadTolerance(u, v, total + rotations);
                var spread = Spread(p);
                if (spread < best.Spread) best = (rotation.Clone(), p, spread);
                if (spread <= target) return new EqualizingResult(rotation, p, true, total + rotations, restart, target);
                if (rotations >= 60 * r * r) break;
                var i = Array.IndexOf(p, p.Max());
                var j = Array.IndexOf(p, p.Min());
                ApplyGivens(rotation, i, j, EqualizingAngle(a, b, i, j, p.Average()));
                rotations++;
            }
            total += rotations;
        }
        return new EqualizingResult(best.R, best.Products, false, total, 4, SpreadTolerance(u, v, total));
    }

    /// <summary>
    /// The rounding bound on the spread of products computed from U·R and V·R: each rotation perturbs R's orthogonality by at most
    /// ~6u per entry, and forming a column product costs m + n + 2r operations; relative to ‖U‖_F‖V‖_F.
    /// </summary>
    public static double SpreadTolerance(Matrix<double> u, Matrix<double> v, int rotations) =>
        2 * Rounding.Gamma(u.RowCount + v.RowCount + 2 * u.ColumnCount + 6.0 * (rotations + 1) * Math.Sqrt(u.ColumnCount))
        * u.FrobeniusNorm() * v.FrobeniusNorm();

    private static double EqualizingAngle(Matrix<double> a, Matrix<double> b, int i, int j, double mean)
    {
        var ai = a.Column(i); var aj = a.Column(j); var bi = b.Column(i); var bj = b.Column(j);
        (double Difference, double Common) At(double phi)
        {
            double c = Math.Cos(phi), s = Math.Sin(phi);
            var pi = (c * ai + s * aj).L2Norm() * (c * bi + s * bj).L2Norm();
            var pj = (c * aj - s * ai).L2Norm() * (c * bj - s * bi).L2Norm();
            return (pi - pj, (pi + pj) / 2);
        }

        const int grid = 32;
        var bestPhi = 0.0;
        var bestDistance = double.PositiveInfinity;
        var left = 0.0;
        var gLeft = At(0).Difference;
        for (var k = 1; k <= grid; k++)
        {
            var right = Math.PI / 2 * k / grid;
            var gRight = At(right).Difference;
            if (gLeft == 0 || Math.Sign(gLeft) != Math.Sign(gRight))
            {
                double lo = left, hi = right, glo = gLeft;
                for (var it = 0; it < 80 && glo != 0; it++)
                {
                    var mid = (lo + hi) / 2;
                    if (mid == lo || mid == hi) break;
                    var gm = At(mid).Difference;
                    if (gm == 0) { lo = hi = mid; break; }
                    if (Math.Sign(gm) == Math.Sign(glo)) { lo = mid; glo = gm; }
                    else hi = mid;
                }
                var root = glo == 0 ? lo : (lo + hi) / 2;
                var distance = Math.Abs(At(root).Common - mean);
                if (distance < bestDistance) { bestDistance = distance; bestPhi = root; }
            }
            left = right;
            gLeft = gRight;
        }
        return bestPhi;
    }

    /// <summary>Columns (i, j) ← (c·x_i + s·x_j, c·x_j − s·x_i).</summary>
    private static void ApplyGivens(Matrix<double> x, int i, int j, double phi)
    {
        double c = Math.Cos(phi), s = Math.Sin(phi);
        for (var row = 0; row < x.RowCount; row++)
        {
            var xi = x[row, i];
            var xj = x[row, j];
            x[row, i] = c * xi + s * xj;
            x[row, j] = c * xj - s * xi;
        }
    }
}
