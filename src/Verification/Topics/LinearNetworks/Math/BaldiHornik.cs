using Fractions;
using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>
/// The exact eigen-structure of Σ = Σ_yx Σ_xx⁻¹ Σ_xy: eigenvalues in decreasing order (with repeats) and mutually orthogonal
/// eigenvectors as columns. They are orthonormal when the instance brought a rational orthogonal Q; otherwise each column is an
/// exact (unnormalized) eigenvector from a null space, orthogonalized within its eigenspace.
/// </summary>
public sealed record ExactSpectralData(ExactMatrix Sigma, IReadOnlyList<Fraction> Eigenvalues, ExactMatrix Eigenvectors, bool Orthonormal)
{
    public int Dimension => Eigenvalues.Count;

    public bool Distinct => Eigenvalues.Zip(Eigenvalues.Skip(1)).All(p => p.First != p.Second);

    public bool FullRank => Eigenvalues.All(l => l > Fraction.Zero);
}

/// <summary>A critical point (U, V) of the one-hidden-layer risk built from the index set I (0-based positions in the sorted spectrum).</summary>
public sealed record ShallowCriticalPoint(IReadOnlyList<int> IndexSet, ExactMatrix U, ExactMatrix V, Fraction Value)
{
    public ExactMatrix Product => U.Multiply(V.Transpose());

    /// <summary>The layers W₁ = Vᵀ, W₂ = U of the network.</summary>
    public IReadOnlyList<FieldMatrix<Fraction>> Layers => [FieldMatrices.Of(V.Transpose()), FieldMatrices.Of(U)];

    public string Label => IndexSetLabel(IndexSet);

    /// <summary>"{1,3}": the 1-based positions of the eigenvalues, largest first, as THEORY.md numbers them.</summary>
    public static string IndexSetLabel(IReadOnlyList<int> set) => "{" + string.Join(",", set.Select(i => i + 1)) + "}";
}

/// <summary>
/// Baldi and Hornik (1989) for R(U, V) = tr(Σ_yy − 2Σ_yx V Uᵀ + UVᵀΣ_xx V Uᵀ): with Σ = QΛQᵀ, every index set I of n₁ eigenvalues
/// gives the critical point U = Q_I, V = Σ_xx⁻¹Σ_xy Q_I with R = tr Σ_yy − Σ_{i∈I} λ_i. With an unnormalized orthogonal eigenbasis E
/// the point U = E_I, V = Σ_xx⁻¹Σ_xy E_I (E_IᵀE_I)⁻¹ is the same point up to the gauge (U, V) ↦ (UC, VC⁻ᵀ), C = diag(‖e_i‖): same
/// product, same value, and a Hessian congruent to it, hence the same inertia.
/// </summary>
public static class BaldiHornik
{
    /// <summary>True when Σ_xx is positive definite (it is a second moment, so positive semidefinite; invertible iff definite), decided exactly.</summary>
    public static bool InputCovarianceIsInvertible(SecondMoments s)
    {
        var inertia = ExactLdlt.InertiaOf(s.Sxx);
        return inertia.Negative == 0 && inertia.Zero == 0;
    }

    /// <summary>Σ_yx Σ_xx⁻¹, the optimal product of a wide enough network.</summary>
    public static ExactMatrix OptimalProduct(SecondMoments s) => s.Sxx.Solve(s.Sxy).Transpose();

    /// <summary>Σ = Σ_yx Σ_xx⁻¹ Σ_xy.</summary>
    public static ExactMatrix Sigma(SecondMoments s) => s.Syx.Multiply(s.Sxx.Solve(s.Sxy));

    /// <summary>The exact spectrum of Σ when its eigenvalues are rational (using Q when it is a verified orthogonal eigenbasis); else null.</summary>
    public static ExactSpectralData? TryExactSpectrum(SecondMoments s, ExactMatrix? q = null)
    {
        var sigma = Sigma(s);
        var n = sigma.RowCount;
        if (q is not null && q.RowCount == n && q.ColumnCount == n && q.Transpose().Multiply(q).EqualTo(ExactLinearAlgebra.Identity(n)))
        {
            var d = q.Transpose().Multiply(sigma).Multiply(q);
            if (d.EqualTo(ExactLinearAlgebra.Diagonal(Enumerable.Range(0, n).Select(i => d[i, i]).ToArray())))
            {
                var order = Enumerable.Range(0, n).OrderByDescending(i => d[i, i]).ThenBy(i => i).ToArray();
                return new ExactSpectralData(sigma, order.Select(i => d[i, i]).ToArray(), q.Columns(order), Orthonormal: true);
            }
        }
        var spaces = ExactSpectrum.TryRational(sigma);
        if (spaces is null) return null;
        var values = new List<Fraction>();
        var columns = new List<Fraction[]>();
        foreach (var space in spaces)
            foreach (var v in OrthogonalBasis(space.Basis))
            {
                values.Add(space.Value);
                columns.Add(v);
            }
        var e = ExactMatrix.Create(n, n, (i, j) => columns[j][i]);
        var orthonormal = Enumerable.Range(0, n).All(j => e.ColumnNormSquared(j) == Fraction.One);
        return new ExactSpectralData(sigma, values, e, orthonormal);
    }

    /// <summary>Exact Gram–Schmidt without normalization: mutually orthogonal columns spanning the same space.</summary>
    public static IReadOnlyList<Fraction[]> OrthogonalBasis(ExactMatrix basis)
    {
        var result = new List<Fraction[]>();
        for (var j = 0; j < basis.ColumnCount; j++)
        {
            var v = Enumerable.Range(0, basis.RowCount).Select(i => basis[i, j]).ToArray();
            foreach (var u in result)
            {
                var c = Dot(v, u) / Dot(u, u);
                for (var i = 0; i < v.Length; i++) v[i] -= c * u[i];
            }
            result.Add(v);
        }
        return result;
    }

    private static Fraction Dot(Fraction[] a, Fraction[] b)
    {
        var s = Fraction.Zero;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>U = E_I and V = Σ_xx⁻¹Σ_xy E_I (E_IᵀE_I)⁻¹, with R = tr Σ_yy − Σ_{i∈I} λ_i claimed (computed here from the point itself).</summary>
    public static ShallowCriticalPoint CriticalPoint(SecondMoments s, ExactSpectralData d, IReadOnlyList<int> indexSet)
    {
        var u = d.Eigenvectors.Columns(indexSet);
        var gram = u.Transpose().Multiply(u);
        var v = s.Sxx.Solve(s.Sxy.Multiply(u));
        if (!d.Orthonormal) v = v.Multiply(gram.Inverse());
        return new ShallowCriticalPoint(indexSet, u, v, s.Risk(u.Multiply(v.Transpose())));
    }

    /// <summary>tr Σ_yy − Σ_{i∈I} λ_i, the value THEORY.md gives for the index set I.</summary>
    public static Fraction ClaimedValue(SecondMoments s, IReadOnlyList<Fraction> eigenvalues, IReadOnlyList<int> indexSet) =>
        indexSet.Aggregate(s.Syy.Trace(), (acc, i) => acc - eigenvalues[i]);

    /// <summary>The most index sets a check enumerates (each is a critical point with a Hessian to factor).</summary>
    public const long MaxIndexSets = 2000;

    /// <summary>Every index set of size k from {0, …, n − 1}, in lexicographic order ({0, …, k − 1} first).</summary>
    public static IEnumerable<int[]> IndexSets(int n, int k)
    {
        if (Binomial(n, k) > MaxIndexSets)
            throw new LimitExceededException($"C({n}, {k}) = {Binomial(n, k)} index sets is above the limit of {MaxIndexSets} critical points; use fewer outputs or a hidden width closer to 0 or n_L");
        return Enumerate(n, k);
    }

    private static IEnumerable<int[]> Enumerate(int n, int k)
    {
        if (k < 0 || k > n) yield break;
        var set = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])set.Clone();
            var i = k - 1;
            while (i >= 0 && set[i] == n - k + i) i--;
            if (i < 0) yield break;
            set[i]++;
            for (var j = i + 1; j < k; j++) set[j] = set[j - 1] + 1;
        }
    }

    /// <summary>C(n, k), or long.MaxValue when it does not fit.</summary>
    public static long Binomial(int n, int k)
    {
        if (k < 0 || k > n) return 0;
        var c = System.Numerics.BigInteger.One;
        for (var i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c > long.MaxValue ? long.MaxValue : (long)c;
    }
}
