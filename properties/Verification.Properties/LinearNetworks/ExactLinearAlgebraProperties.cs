using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Generators;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Topics.LinearNetworks;
using Xunit;

namespace Verification.Properties.LinearNetworks;

/// <summary>Exact LDLᵀ with pivoting, inertia, inverse, null spaces, rank factorizations, Cayley transforms and rational spectra.</summary>
public class ExactLinearAlgebraProperties
{
    /// <summary>Symmetric rational matrices, with zero diagonals, checkerboard zeros (every pivot needs the congruence) and low rank mixed in.</summary>
    private static Gen<ExactMatrix> Symmetric { get; } =
        from n in Gen.Choose(1, 7)
        from entries in Gen.ArrayOf(Rationals.Small(3, 4), n * n)
        from style in Gen.Choose(0, 3)
        from k in Gen.Choose(1, 2)
        select style switch
        {
            0 => ExactMatrix.Create(n, n, (i, j) => entries[Math.Min(i, j) * n + Math.Max(i, j)]),
            1 => ExactMatrix.Create(n, n, (i, j) => i == j ? Fraction.Zero : entries[Math.Min(i, j) * n + Math.Max(i, j)]),
            2 => ExactMatrix.Create(n, n, (i, j) => (i + j) % 2 == 0 ? Fraction.Zero : entries[Math.Min(i, j) * n + Math.Max(i, j)]),
            _ => LowRank(n, k, entries),
        };

    private static ExactMatrix LowRank(int n, int k, Fraction[] entries)
    {
        var b = ExactMatrix.Create(n, k, (i, j) => entries[(i * k + j) % entries.Length]);
        var signs = ExactLinearAlgebra.Diagonal(Enumerable.Range(0, k).Select(j => j % 2 == 0 ? Fraction.One : Fraction.MinusOne).ToArray());
        return b.Multiply(signs).Multiply(b.Transpose());
    }

    [SeededProperty]
    public Property LDLT_reconstructs_the_matrix_and_its_inertia_matches_the_eigenvalues() =>
        Prop.ForAll(Symmetric.ToArbitrary(), a =>
        {
            var f = ExactLdlt.Factor(a);
            var n = a.RowCount;
            var reconstructed = f.L.Multiply(ExactLinearAlgebra.Diagonal(f.D)).Multiply(f.L.Transpose());
            var unitLower = Enumerable.Range(0, n).All(i => f.L[i, i] == Fraction.One && Enumerable.Range(i + 1, n - i - 1).All(j => f.L[i, j].IsZero));
            var integer = Enumerable.Range(0, n).All(i => Enumerable.Range(0, n).All(j => f.Transform[i, j].Denominator.IsOne));
            var unimodular = BigInteger.Abs(Determinant(f.Transform)) == BigInteger.One;
            var eigenvalues = SymmetricSpectrum.Eigenvalues(a.ToDouble());
            var tolerance = 1e-9 * (1 + a.ToDouble().FrobeniusNorm());
            var floating = new Inertia(eigenvalues.Count(x => x < -tolerance), eigenvalues.Count(x => Math.Abs(x) <= tolerance), eigenvalues.Count(x => x > tolerance));
            var fromD = new Inertia(f.D.Count(x => x < Fraction.Zero), f.D.Count(x => x.IsZero), f.D.Count(x => x > Fraction.Zero));
            return (f.Transform.Multiply(a).Multiply(f.Transform.Transpose()).EqualTo(reconstructed)).Label("T·A·Tᵀ = L·D·Lᵀ")
                .And(unitLower.Label("L is unit lower triangular"))
                .And((integer && unimodular).Label("T is an integer matrix of determinant ±1"))
                .And((f.Inertia == fromD).Label($"the inertia is the signs of D: {f.Inertia} vs {fromD}"))
                .And((f.Inertia == floating).Label($"exact inertia {f.Inertia} vs eigenvalues {floating}"))
                .And((ExactLdlt.InertiaOf(a) == f.Inertia).Label("the inertia-only path agrees"));
        });

    [Fact]
    public void Zero_diagonal_pivots_use_the_congruence()
    {
        var a = ExactMatrix.Create(2, 2, (i, j) => i == j ? Fraction.Zero : new Fraction(3));
        Assert.Equal(new Inertia(1, 0, 1), ExactLdlt.InertiaOf(a));
        Assert.Equal(new Inertia(0, 3, 0), ExactLdlt.InertiaOf(ExactLinearAlgebra.Zero(3, 3)));
        Assert.Throws<ArgumentException>(() => ExactLdlt.InertiaOf(ExactMatrix.Create(2, 2, (i, j) => new Fraction(i + 2 * j))));
    }

    [SeededProperty]
    public Property Inverse_solve_null_space_and_rank_factorization_are_exact() =>
        Prop.ForAll(Symmetric.ToArbitrary(), a =>
        {
            var n = a.RowCount;
            var kernel = a.NullSpace();
            var rank = a.Rank();
            var (c, f) = a.RankFactorization();
            var result = (a.Multiply(kernel).IsZero() && kernel.ColumnCount == n - rank).Label("A·null(A) = 0 with n − rank columns")
                .And((c.Multiply(f).EqualTo(a) && c.ColumnCount == rank).Label("A = C·F through rank A"));
            if (rank == n)
                result = result.And(a.Multiply(a.Inverse()).EqualTo(ExactLinearAlgebra.Identity(n)).Label("A·A⁻¹ = I"));
            else
                result = result.And(Throws(() => a.Inverse()).Label("a singular matrix has no inverse"));
            return result;
        });

    [SeededProperty]
    public Property Cayley_transforms_of_skew_matrices_are_orthogonal() =>
        Prop.ForAll(Gen.Choose(1, 6).SelectMany(SampleGenerators.Skew).ToArbitrary(), s =>
        {
            var q = ExactLinearAlgebra.Cayley(s);
            return q.Transpose().Multiply(q).EqualTo(ExactLinearAlgebra.Identity(s.RowCount)).ToProperty();
        });

    [SeededProperty]
    public Property A_constructed_rational_spectrum_is_recovered_exactly() =>
        Prop.ForAll(
            (from n in Gen.Choose(1, 5)
             from s in SampleGenerators.Skew(n)
             from values in Gen.ArrayOf(Gen.Elements(new Fraction(1, 2), Fraction.One, new Fraction(-3), new Fraction(7, 3), Fraction.Zero), n)
             select (Q: ExactLinearAlgebra.Cayley(s), Values: values)).ToArbitrary(),
            t =>
            {
                var a = t.Q.Multiply(ExactLinearAlgebra.Diagonal(t.Values)).Multiply(t.Q.Transpose());
                var spectrum = ExactSpectrum.TryRational(a);
                if (spectrum is null) return false.Label("a rational spectrum was not found");
                var found = spectrum.SelectMany(e => Enumerable.Repeat(e.Value, e.Multiplicity)).OrderBy(x => x).ToArray();
                var bases = spectrum.All(e => a.Multiply(e.Basis).EqualTo(e.Basis.Scale(e.Value)));
                return found.SequenceEqual(t.Values.OrderBy(x => x)).Label("eigenvalues").And(bases.Label("A·basis = λ·basis"));
            });

    [Fact]
    public void An_irrational_spectrum_is_not_claimed_rational()
    {
        var golden = ExactMatrix.Create(2, 2, (i, j) => i + j == 0 ? Fraction.Zero : Fraction.One);
        Assert.Null(ExactSpectrum.TryRational(golden));
        Assert.Equal(new Fraction(3, 2), ExactSpectrum.TrySquareRoot(new Fraction(9, 4)));
        Assert.Null(ExactSpectrum.TrySquareRoot(new Fraction(2)));
    }

    private static bool Throws(Action a)
    {
        try { a(); return false; }
        catch (ArgumentException) { return true; }
    }

    /// <summary>The determinant of an integer matrix by exact elimination (small sizes only).</summary>
    private static BigInteger Determinant(ExactMatrix m)
    {
        var n = m.RowCount;
        var a = new Fraction[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) a[i, j] = m[i, j];
        var det = Fraction.One;
        for (var c = 0; c < n; c++)
        {
            var p = c;
            while (p < n && a[p, c].IsZero) p++;
            if (p == n) return BigInteger.Zero;
            if (p != c) { for (var j = 0; j < n; j++) (a[p, j], a[c, j]) = (a[c, j], a[p, j]); det = -det; }
            det *= a[c, c];
            for (var i = c + 1; i < n; i++)
            {
                var factor = a[i, c] / a[c, c];
                for (var j = c; j < n; j++) a[i, j] -= factor * a[c, j];
            }
        }
        return det.Numerator / det.Denominator;
    }
}
