using Fractions;
using Verification.Numerics;
using Verification.Topics.LinearNetworks;
using Xunit;
using static Verification.Properties.LinearNetworks.Hand;

namespace Verification.Properties.LinearNetworks;

/// <summary>
/// The constructed instances against their promises, by hand: X = P[diag(a) 0]Wᵀ and Y = QMPᵀX + B[0 I]Wᵀ give XXᵀ = P diag(a²)Pᵀ,
/// YXᵀ = QM diag(a²)Pᵀ and Σ = Q diag(m_i²a_i²/N) Qᵀ; the benchmark instances' samples and spectra (m_i a_i = n − i + ½); and the
/// scalar networks of the lecture with their curves of minima.
/// </summary>
public class InstanceTests
{
    private static ExactMatrix I(int n) => ExactLinearAlgebra.Identity(n);

    [Fact]
    public void Rational_samples_with_trivial_rotations_by_hand()
    {
        // P = I₂, W = I₃, Q = I₂, a = (1, 2), m = (3, 1), B = (1, 0)ᵀ: X = [1 0 0; 0 2 0], Y = diag(3, 1)X + B·(0, 0, 1) = [3 0 1; 0 2 0].
        var r = RationalInstances.Build(I(2), I(3), [F(1), F(2)], I(2), [F(3), F(1)], M([1], [0]));
        Hand.Equal(M([1, 0, 0], [0, 2, 0]), r.X);
        Hand.Equal(M([3, 0, 1], [0, 2, 0]), r.Y);
        Hand.Equal(I(2), r.Q);
        // Σ = YXᵀ(XXᵀ)⁻¹XYᵀ/N = diag(3, 4)·diag(1, ¼)·diag(3, 4)/3 = diag(9, 4)/3 = m_i²a_i²/N.
        var s = SecondMoments.FromSamples(r.X, r.Y);
        Hand.Equal(Q([F(3), F(0)], [F(0), F(4, 3)]), BaldiHornik.Sigma(s));
        Assert.Equal([F(3), F(4, 3)], RationalInstances.Eigenvalues([F(1), F(2)], [F(3), F(1)], 2, 3));
        // More outputs than m: the rest of the spectrum is 0.
        Assert.Equal([F(3), F(4, 3), F(0)], RationalInstances.Eigenvalues([F(1), F(2)], [F(3), F(1)], 3, 3));
    }

    [Fact]
    public void Rational_samples_with_rotations_have_Q_as_eigenvectors_and_noise_orthogonal_to_X()
    {
        // P = Q = the 3-4-5 rotation, W = I₃, a = (1, 2), m = (1, 1), N = 3: Σ = Q diag(1, 4/3) Qᵀ.
        var r = RationalInstances.Build(Rotation, I(3), [F(1), F(2)], Rotation, [F(1), F(1)], M([5], [7]));
        var s = SecondMoments.FromSamples(r.X, r.Y);
        // XXᵀ = P diag(a²) Pᵀ.
        Hand.Equal(Rotation.Multiply(ExactLinearAlgebra.Diagonal([F(1), F(4)])).Multiply(Rotation.Transpose()), r.X.Multiply(r.X.Transpose()));
        // YXᵀ = QM diag(a²)Pᵀ = Q diag(1, 4) Qᵀ (the noise (5, 7)ᵀ(0, 0, 1) is orthogonal to the rows of X).
        Hand.Equal(Rotation.Multiply(ExactLinearAlgebra.Diagonal([F(1), F(4)])).Multiply(Rotation.Transpose()), r.Y.Multiply(r.X.Transpose()));
        var values = RationalInstances.Eigenvalues([F(1), F(2)], [F(1), F(1)], 2, 3);
        Assert.Equal([F(1, 3), F(4, 3)], values);
        Hand.Equal(Rotation.Multiply(ExactLinearAlgebra.Diagonal(values)).Multiply(Rotation.Transpose()), BaldiHornik.Sigma(s));
        var d = BaldiHornik.TryExactSpectrum(s, r.Q)!;
        Assert.True(d.Orthonormal);
        Assert.Equal([F(4, 3), F(1, 3)], d.Eigenvalues);
        // With W = I the last sample carries only noise: X's third column is 0 and Y's is B = (5, 7)ᵀ; the rest is Q[diag(a) 0].
        Hand.Equal(M([0], [0]), r.X.Columns([2]));
        Hand.Equal(M([5], [7]), r.Y.Columns([2]));
        Hand.Equal(Rotation.Multiply(M([1, 0], [0, 2])), r.Y.Columns([0, 1]));
    }

    [Fact]
    public void More_inputs_than_outputs_truncate_m_to_the_outputs()
    {
        // n₀ = 2, n_L = 1, N = 2: M = [m 0]; a = (1, 1), m = (2): X = I₂, Y = 2·e₁ᵀ, Σ = m²a²/N = 2.
        var r = RationalInstances.Build(I(2), I(2), [F(1), F(1)], I(1), [F(2)], ExactMatrix.Create(1, 0, (_, _) => F(0)));
        Hand.Equal(I(2), r.X);
        Hand.Equal(M([2, 0]), r.Y);
        Hand.Equal(M([2]), BaldiHornik.Sigma(SecondMoments.FromSamples(r.X, r.Y)));
        Assert.Equal([F(2)], RationalInstances.Eigenvalues([F(1), F(1)], [F(2)], 1, 2));
    }

    [Fact]
    public void Inconsistent_ingredients_are_refused_with_the_reason()
    {
        string Refusal(Func<object> make) => Assert.Throws<ArgumentException>(make).Message;
        var noise = M([0], [0]);
        Assert.Equal("a has 1 entries, X has 2 rows", Refusal(() => RationalInstances.Build(I(2), I(3), [F(1)], I(2), [F(1), F(1)], noise)));
        Assert.Equal("N = 1 samples cannot span n₀ = 2 inputs", Refusal(() => RationalInstances.Build(I(2), I(1), [F(1), F(1)], I(2), [F(1), F(1)], noise)));
        Assert.Equal("a must have nonzero entries (Σ_xx invertible)", Refusal(() => RationalInstances.Build(I(2), I(3), [F(1), F(0)], I(2), [F(1), F(1)], noise)));
        Assert.Equal("m has 1 entries, min(n₀, n_L) = 2", Refusal(() => RationalInstances.Build(I(2), I(3), [F(1), F(1)], I(2), [F(1)], noise)));
        Assert.Equal("m has 2 entries, min(n₀, n_L) = 1", Refusal(() => RationalInstances.Build(I(2), I(3), [F(1), F(1)], I(1), [F(1), F(1)], M([0]))));
        Assert.Equal("the noise must be 2×1", Refusal(() => RationalInstances.Build(I(2), I(3), [F(1), F(1)], I(2), [F(1), F(1)], M([0, 0], [0, 0]))));
        Assert.Equal("the noise must be 2×1", Refusal(() => RationalInstances.Build(I(2), I(3), [F(1), F(1)], I(2), [F(1), F(1)], M([0]))));
        // N = n₀ is enough (no noise columns).
        Assert.Equal(2, RationalInstances.Build(I(2), I(2), [F(1), F(1)], I(2), [F(1), F(1)], ExactMatrix.Create(2, 0, (_, _) => F(0))).X.ColumnCount);
    }

    [Fact]
    public void The_smallest_benchmark_instance_by_hand()
    {
        // n = 1, N = 2: P = Q = [1]; W = Cayley([0 −½; ½ 0]) = [3/5 4/5; −4/5 3/5]; a = 1, m = 3/2, noise ½.
        // X = [1 0]Wᵀ = (3/5, −4/5); Y = (3/2)X + ½·(4/5, 3/5) = (13/10, −9/10).
        var p = BenchmarkInstances.BaldiHornik(1, [1]);
        Hand.Equal(Q([F(3, 5), F(-4, 5)]), p.X!);
        Hand.Equal(Q([F(13, 10), F(-9, 10)]), p.Y!);
        Hand.Equal(M([1]), p.Eigenvectors!);
        Assert.Equal([1], p.HiddenWidths);
        Assert.True(p.Exact);
        // Σ = (YXᵀ/N)²/(XXᵀ/N) = (3/4)²/(½) = 9/8 = (m a)²/N.
        Hand.Equal(Q([F(9, 8)]), BaldiHornik.Sigma(p.Moments));
        Assert.Equal("n must be at least 1", Assert.Throws<ArgumentException>(() => BenchmarkInstances.BaldiHornik(0, [1])).Message);
    }

    [Theory]
    // (m_i a_i)²/N with m_i a_i = n − i + ½ and N = n + 1.
    [InlineData(2, new long[] { 25, 9 }, 12)]        // 2.5², 1.5² over 3 → 25/12, 9/12
    [InlineData(3, new long[] { 49, 25, 9 }, 16)]    // 3.5², 2.5², 1.5² over 4
    public void Benchmark_instances_have_the_promised_distinct_spectrum(int n, long[] numerators, long denominator)
    {
        var p = BenchmarkInstances.BaldiHornik(n, [1]);
        Assert.Equal(n + 1, p.Samples);
        Assert.Equal(n, p.InputDimension);
        Assert.Equal(n, p.OutputDimension);
        var d = BaldiHornik.TryExactSpectrum(p.Moments, p.Eigenvectors)!;
        Assert.True(d.Orthonormal);
        Assert.True(d.Distinct);
        Assert.Equal(numerators.Select(x => F(x, denominator)), d.Eigenvalues);
        // Σ_xx = XXᵀ/N = P diag(a²) Pᵀ/N has trace Σ a_i²/N with a_i = 1 + i/2.
        Assert.Equal(Enumerable.Range(0, n).Select(i => (1 + F(i, 2)) * (1 + F(i, 2))).Aggregate(F(0), (x, y) => x + y) / (n + 1), p.Moments.Sxx.Trace());
    }

    [Fact]
    public void Benchmark_Q_is_the_Cayley_transform_of_the_fixed_skew_matrix()
    {
        // n = 2: Skew(2, 2)[0,1] = ((0 + 2 + 2) mod 3 − 1)/2 = 0, so Q = I.
        Hand.Equal(I(2), BenchmarkInstances.BaldiHornik(2, [1]).Eigenvectors!);
        // n = 3: the only nonzero entry above the diagonal is (0, 2): ((0 + 4 + 2) mod 3 − 1)/2 = −½, a rotation in the (0, 2) plane.
        Hand.Equal(Q([F(3, 5), F(0), F(4, 5)], [F(0), F(1), F(0)], [F(-4, 5), F(0), F(3, 5)]), BenchmarkInstances.BaldiHornik(3, [1]).Eigenvectors!);
    }

    [Fact]
    public void Scalar_networks_by_hand()
    {
        Assert.Equal(25.0, ScalarNetworks.Depth2(2, 3));    // (1 − 6)²
        Assert.Equal(0.0, ScalarNetworks.Depth2(0.5, 2));   // on the curve w₂w₁ = 1
        Assert.Equal(1.0, ScalarNetworks.Depth2(0, 5));
        Assert.Equal(4.0, ScalarNetworks.Depth2(-1, 1));    // (1 + 1)²
        Assert.Equal(25.0, ScalarNetworks.Depth3(1, 2, 3)); // (1 − 6)²
        Assert.Equal(0.0, ScalarNetworks.Depth3(0.5, 2, 1));
        Assert.Equal(9.0, ScalarNetworks.Depth3(-1, 1, 2)); // (1 + 2)²
        Assert.Equal(0.998001, ScalarNetworks.Depth3(0.1, 0.1, 0.1), 12); // (1 − 0.001)² < 1: the origin is not a minimum
    }

    [Fact]
    public void The_curve_of_minima_is_sampled_at_cell_midpoints_inside_the_square()
    {
        // extent 2, 4 cells: y = −1.5, −0.5, 0.5, 1.5 and x = 1/y = −2/3, −2, 2, 2/3: ±2 lie on the boundary and are kept.
        var hyperbola = ScalarNetworks.Minima(2, 1, 4);
        Assert.Equal([(-1 / 1.5, -1.5), (-2.0, -0.5), (2.0, 0.5), (1 / 1.5, 1.5)], hyperbola);
        // Power 2: x = 1/y² = 1/2.25 at y = ±1.5; x = 4 at y = ±½ falls outside.
        Assert.Equal([(1 / 2.25, -1.5), (1 / 2.25, 1.5)], ScalarNetworks.Minima(2, 2, 4));
        // extent 1.5, 3 cells: y = −1, 0, 1; y = 0 has no x.
        Assert.Equal([(-1.0, -1.0), (1.0, 1.0)], ScalarNetworks.Minima(1.5, 1, 3));
        Assert.Equal([(1.0, -1.0), (1.0, 1.0)], ScalarNetworks.Minima(1.5, 2, 3));
        Assert.Empty(ScalarNetworks.Minima(1, 1, 0));
    }
}
