using Fractions;
using Verification.Numerics;
using Verification.Topics.LinearNetworks;
using Xunit;
using static Verification.Properties.LinearNetworks.Hand;

namespace Verification.Properties.LinearNetworks;

/// <summary>
/// Baldi–Hornik on instances small enough to do by hand: Σ = Σ_yx Σ_xx⁻¹ Σ_xy, its exact eigen-structure (sorted largest first,
/// ties kept in the order of Q, with or without a rational orthogonal Q), the critical points U = E_I, V = Σ_xx⁻¹Σ_xy E_I (E_IᵀE_I)⁻¹
/// with R = tr Σ_yy − Σ_{i∈I} λ_i and zero gradient, the enumeration of index sets and its limit, and C(n, k).
/// </summary>
public class BaldiHornikTests
{
    /// <summary>Σ_xx = I, Σ_yx = Q·diag(2, 1) with Q the 3-4-5 rotation, Σ_yy = Σ + I: Σ = Q diag(4, 1) Qᵀ, tr Σ_yy = 5 + 2 = 7.</summary>
    private static SecondMoments Rotated()
    {
        var syx = Rotation.Multiply(ExactLinearAlgebra.Diagonal([F(2), F(1)]));
        var sigma = syx.Multiply(syx.Transpose());
        return new SecondMoments(M([1, 0], [0, 1]), syx, sigma.Add(M([1, 0], [0, 1])));
    }

    /// <summary>Σ_xx = I, Σ_yx = [2 1; 1 2], Σ_yy = [6 4; 4 6]: Σ = [5 4; 4 5] with eigenvalues 9 (along (1, 1)) and 1 (along (1, −1)), tr Σ_yy = 12.</summary>
    private static SecondMoments Symmetric() => new(M([1, 0], [0, 1]), M([2, 1], [1, 2]), M([6, 4], [4, 6]));

    [Fact]
    public void Sigma_and_the_optimal_product_use_the_inverse_of_Sigma_xx_on_the_correct_side()
    {
        // Σ_xx = [2 1; 1 1] (det 1, inverse [1 −1; −1 2]), Σ_yx = [1 0; 0 2].
        var s = new SecondMoments(M([2, 1], [1, 1]), M([1, 0], [0, 2]), M([9, 0], [0, 9]));
        // Σ_yx Σ_xx⁻¹ = [1 −1; −2 4] (not symmetric: a transpose would show).
        Hand.Equal(M([1, -1], [-2, 4]), BaldiHornik.OptimalProduct(s));
        // Σ = [1 −1; −2 4]·[1 0; 0 2] = [1 −2; −2 8]: trace 9, det 4, eigenvalues (9 ± √65)/2 are irrational.
        Hand.Equal(M([1, -2], [-2, 8]), BaldiHornik.Sigma(s));
        Assert.Null(BaldiHornik.TryExactSpectrum(s));
        Assert.True(BaldiHornik.InputCovarianceIsInvertible(s));
    }

    [Fact]
    public void Sigma_xx_is_invertible_exactly_when_it_is_definite()
    {
        var y = M([1]);
        Assert.True(BaldiHornik.InputCovarianceIsInvertible(new SecondMoments(M([2, 1], [1, 1]), M([1, 0]), y)));
        // Semidefinite and singular (inertia 0 negative, 1 zero).
        Assert.False(BaldiHornik.InputCovarianceIsInvertible(new SecondMoments(M([1, 0], [0, 0]), M([1, 0]), y)));
        // Invertible but indefinite (1 negative, 0 zero): not a second moment, and refused too.
        Assert.False(BaldiHornik.InputCovarianceIsInvertible(new SecondMoments(M([-1, 0], [0, 1]), M([1, 0]), y)));
    }

    [Fact]
    public void A_verified_orthogonal_Q_gives_the_spectrum_largest_first_with_its_columns()
    {
        var s = Rotated();
        // Σ = Q diag(4, 1) Qᵀ: Σ₁₁ = 4·9/25 + 16/25 = 52/25, Σ₁₂ = 4·12/25 − 12/25 = 36/25, Σ₂₂ = 4·16/25 + 9/25 = 73/25.
        Hand.Equal(Q([F(52, 25), F(36, 25)], [F(36, 25), F(73, 25)]), BaldiHornik.Sigma(s));
        var d = BaldiHornik.TryExactSpectrum(s, Rotation)!;
        Assert.Equal([F(4), F(1)], d.Eigenvalues);
        Hand.Equal(Rotation, d.Eigenvectors);
        Assert.True(d.Orthonormal);
        Assert.Equal(2, d.Dimension);
        Assert.True(d.Distinct);
        Assert.True(d.FullRank);
        // The columns of Q in the other order (diag(1, 4)) are sorted back: largest eigenvalue first.
        var swapped = Rotation.Columns([1, 0]);
        var e = BaldiHornik.TryExactSpectrum(s, swapped)!;
        Assert.Equal([F(4), F(1)], e.Eigenvalues);
        Hand.Equal(Rotation, e.Eigenvectors);
        Assert.True(e.Orthonormal);
    }

    [Fact]
    public void Tied_eigenvalues_keep_the_columns_of_Q_in_their_order()
    {
        // Σ_xx = [2 1; 1 1], Σ_yx = [1 0; 1 1]: Σ_yx Σ_xx⁻¹ = [1 −1; 0 1], Σ = [1 −1; 0 1]·Σ_xy = [1 −1; 0 1]·[1 1; 0 1] = I.
        var s = new SecondMoments(M([2, 1], [1, 1]), M([1, 0], [1, 1]), M([3, 0], [0, 3]));
        Hand.Equal(M([1, 0], [0, 1]), BaldiHornik.Sigma(s));
        var d = BaldiHornik.TryExactSpectrum(s, Rotation)!;
        Assert.Equal([F(1), F(1)], d.Eigenvalues);
        Hand.Equal(Rotation, d.Eigenvectors);
        Assert.False(d.Distinct);
        Assert.True(d.FullRank);
    }

    [Fact]
    public void A_Q_that_is_not_an_orthogonal_eigenbasis_of_the_right_size_is_ignored()
    {
        var s = Symmetric();
        var own = BaldiHornik.TryExactSpectrum(s)!;
        foreach (var q in new[] { M([1, 0], [0, 1]), M([1, 1], [0, 1]), M([1, 0, 0], [0, 1, 0], [0, 0, 1]), M([1, -1], [1, 1]) })
        {
            // I₂ is orthogonal but does not diagonalize Σ; [1 1; 0 1] and [1 −1; 1 1] are not orthogonal; I₃ has the wrong size.
            var d = BaldiHornik.TryExactSpectrum(s, q)!;
            Assert.Equal([F(9), F(1)], d.Eigenvalues);
            Hand.Equal(own.Eigenvectors, d.Eigenvectors);
            Assert.False(d.Orthonormal);
        }
    }

    [Fact]
    public void Without_Q_the_eigenvectors_come_from_null_spaces_and_are_not_normalized()
    {
        var d = BaldiHornik.TryExactSpectrum(Symmetric())!;
        Assert.Equal([F(9), F(1)], d.Eigenvalues);
        var sigma = M([5, 4], [4, 5]);
        Hand.Equal(sigma, d.Sigma);
        for (var j = 0; j < 2; j++)
        {
            var e = d.Eigenvectors.Columns([j]);
            Hand.Equal(e.Scale(d.Eigenvalues[j]), sigma.Multiply(e));
            // null(Σ − 9I) = span (1, 1), null(Σ − I) = span (−1, 1): the reduced echelon basis has a 1 in the free entry, norm² 2.
            Assert.Equal(F(2), d.Eigenvectors.ColumnNormSquared(j));
        }
        Assert.Equal(F(0), d.Eigenvectors.Transpose().Multiply(d.Eigenvectors)[0, 1]);
        Assert.False(d.Orthonormal);
        // A diagonal Σ = diag(2, 1/2) (X = I₂, Y = diag(2, 1), N = 2) has the unit vectors as null-space bases: orthonormal.
        var diagonal = BaldiHornik.TryExactSpectrum(SecondMoments.FromSamples(M([1, 0], [0, 1]), M([2, 0], [0, 1])))!;
        Assert.Equal([F(2), F(1, 2)], diagonal.Eigenvalues);
        Hand.Equal(M([1, 0], [0, 1]), diagonal.Eigenvectors);
        Assert.True(diagonal.Orthonormal);
    }

    [Fact]
    public void A_repeated_eigenvalue_gets_an_orthogonal_basis_of_its_eigenspace()
    {
        // Σ_xx = I₃, Σ_yx = (1,1,1)e₁ᵀ: Σ = J (all ones), eigenvalues 3, 0, 0; null(J) is spanned by (−1,1,0), (−1,0,1) (not orthogonal).
        var syx = M([1, 0, 0], [1, 0, 0], [1, 0, 0]);
        var s = new SecondMoments(M([1, 0, 0], [0, 1, 0], [0, 0, 1]), syx, M([2, 1, 1], [1, 2, 1], [1, 1, 2]));
        var d = BaldiHornik.TryExactSpectrum(s)!;
        Assert.Equal([F(3), F(0), F(0)], d.Eigenvalues);
        var gram = d.Eigenvectors.Transpose().Multiply(d.Eigenvectors);
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                if (i != j) Assert.Equal(F(0), gram[i, j]);
        var sigma = M([1, 1, 1], [1, 1, 1], [1, 1, 1]);
        Hand.Equal(d.Eigenvectors.Multiply(ExactLinearAlgebra.Diagonal(d.Eigenvalues)), sigma.Multiply(d.Eigenvectors));
        Assert.False(d.Distinct);
        Assert.False(d.FullRank);
        Assert.False(d.Orthonormal);
    }

    [Fact]
    public void Gram_Schmidt_without_normalization_by_hand()
    {
        // u₁ = (1,1,0); u₂ = (1,0,1) − ½(1,1,0) = (½, −½, 1);
        // u₃ = (0,1,1) − ½(1,1,0) − (½ / (3/2))(½, −½, 1) = (−½, ½, 1) − (1/6, −1/6, 1/3) = (−2/3, 2/3, 2/3).
        var basis = BaldiHornik.OrthogonalBasis(M([1, 1, 0], [1, 0, 1], [0, 1, 1]));
        Assert.Equal(3, basis.Count);
        Assert.Equal([F(1), F(1), F(0)], basis[0]);
        Assert.Equal([F(1, 2), F(-1, 2), F(1)], basis[1]);
        Assert.Equal([F(-2, 3), F(2, 3), F(2, 3)], basis[2]);
        // Already orthogonal columns are left alone; one column is returned as it is.
        var kept = BaldiHornik.OrthogonalBasis(M([2, 0], [0, 3]));
        Assert.Equal([F(2), F(0)], kept[0]);
        Assert.Equal([F(0), F(3)], kept[1]);
        Assert.Equal([F(5), F(-7)], Assert.Single(BaldiHornik.OrthogonalBasis(M([5], [-7]))));
    }

    [Theory]
    [InlineData(new[] { 0 }, 3)]     // 7 − 4
    [InlineData(new[] { 1 }, 6)]     // 7 − 1
    [InlineData(new[] { 0, 1 }, 2)]  // 7 − 5
    public void Critical_points_from_an_orthonormal_Q_have_the_claimed_value_and_zero_gradient(int[] set, long value)
    {
        var s = Rotated();
        var d = BaldiHornik.TryExactSpectrum(s, Rotation)!;
        var p = BaldiHornik.CriticalPoint(s, d, set);
        Assert.Equal(F(value), p.Value);
        Assert.Equal(F(value), BaldiHornik.ClaimedValue(s, d.Eigenvalues, set));
        // U = Q_I; V = Σ_xy Q_I = diag(2, 1) Qᵀ Q_I = diag(2, 1) e_I.
        Hand.Equal(Rotation.Columns(set), p.U);
        Hand.Equal(M([2, 0], [0, 1]).Columns(set), p.V);
        Assert.Equal(set, p.IndexSet);
        Hand.Equal(p.U.Multiply(p.V.Transpose()), p.Product);
        Assert.Equal(2, p.Layers.Count);
        Hand.Equal(p.V.Transpose(), p.Layers[0]);
        Hand.Equal(p.U, p.Layers[1]);
        Assert.All(DeepLinearRisk.Gradient(s.Exact(), p.Layers), g => Assert.True(g.IsZero()));
    }

    [Fact]
    public void The_global_minimum_from_unnormalized_eigenvectors_is_the_same_point_up_to_gauge()
    {
        var s = Symmetric();
        var d = BaldiHornik.TryExactSpectrum(s)!;
        var top = BaldiHornik.CriticalPoint(s, d, [0]);
        // u = c(1,1), v = Σ_xy u / ‖u‖² = (3,3)/(2c): uvᵀ = (3/2)·J whatever c; R = 12 − 2·tr(PΣ_xy) + tr(PPᵀ) = 12 − 18 + 9 = 3 = 12 − 9.
        Hand.Equal(Q([F(3, 2), F(3, 2)], [F(3, 2), F(3, 2)]), top.Product);
        Assert.Equal(F(3), top.Value);
        Assert.Equal(F(11), BaldiHornik.CriticalPoint(s, d, [1]).Value); // 12 − 1
        Assert.Equal(F(2), BaldiHornik.CriticalPoint(s, d, [0, 1]).Value); // 12 − 10
        Assert.Equal(F(12), BaldiHornik.ClaimedValue(s, d.Eigenvalues, []));
        foreach (var set in new[] { new[] { 0 }, new[] { 1 }, new[] { 0, 1 } })
            Assert.All(DeepLinearRisk.Gradient(s.Exact(), BaldiHornik.CriticalPoint(s, d, set).Layers), g => Assert.True(g.IsZero()));
        // The full index set reaches the optimal product Σ_yx Σ_xx⁻¹ = Σ_yx.
        Hand.Equal(M([2, 1], [1, 2]), BaldiHornik.CriticalPoint(s, d, [0, 1]).Product);
    }

    [Fact]
    public void Index_sets_are_enumerated_in_lexicographic_order()
    {
        Assert.Equal([[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]], BaldiHornik.IndexSets(4, 2));
        Assert.Equal([[0], [1], [2]], BaldiHornik.IndexSets(3, 1));
        Assert.Equal([[0, 1, 2]], BaldiHornik.IndexSets(3, 3));
        Assert.Equal([[0, 1, 3], [0, 2, 3], [1, 2, 3]], BaldiHornik.IndexSets(4, 3).Skip(1));
        Assert.Equal([Array.Empty<int>()], BaldiHornik.IndexSets(3, 0));
        Assert.Empty(BaldiHornik.IndexSets(2, 3));
        Assert.Empty(BaldiHornik.IndexSets(2, -1));
        Assert.Equal("{1,3}", ShallowCriticalPoint.IndexSetLabel([0, 2]));
        Assert.Equal("{}", ShallowCriticalPoint.IndexSetLabel([]));
    }

    [Fact]
    public void The_enumeration_stops_exactly_above_two_thousand_index_sets()
    {
        Assert.Equal(2000L, BaldiHornik.MaxIndexSets);
        Assert.Equal(2000, BaldiHornik.IndexSets(2000, 1).Count()); // C(2000, 1) = 2000 is at the limit
        Assert.Equal(1716, BaldiHornik.IndexSets(13, 6).Count());
        var e = Assert.Throws<LimitExceededException>(() => BaldiHornik.IndexSets(2001, 1));
        Assert.Equal("C(2001, 1) = 2001 index sets is above the limit of 2000 critical points; use fewer outputs or a hidden width closer to 0 or n_L", e.Message);
        Assert.StartsWith("C(14, 7) = 3432 index sets", Assert.Throws<LimitExceededException>(() => BaldiHornik.IndexSets(14, 7)).Message);
    }

    [Theory]
    [InlineData(5, 2, 10L)]
    [InlineData(5, 0, 1L)]
    [InlineData(5, 5, 1L)]
    [InlineData(5, 4, 5L)]
    [InlineData(0, 0, 1L)]
    [InlineData(5, 6, 0L)]
    [InlineData(5, -1, 0L)]
    [InlineData(14, 7, 3432L)]
    [InlineData(66, 33, 7219428434016265740L)] // the largest central binomial below 2⁶³
    [InlineData(67, 33, long.MaxValue)]        // 14226520737620288370 does not fit
    public void Binomial_coefficients(int n, int k, long expected) => Assert.Equal(expected, BaldiHornik.Binomial(n, k));
}
