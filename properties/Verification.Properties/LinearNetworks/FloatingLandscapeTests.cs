using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;
using Verification.Topics.LinearNetworks;
using Xunit;
using static Verification.Properties.LinearNetworks.Hand;

namespace Verification.Properties.LinearNetworks;

/// <summary>
/// The floating-point landscape on instances whose exact answer is known: eigenvalues largest first with their eigenvectors,
/// the Weyl bound n²u‖Σ‖_F + u‖Σ‖_F, the decided gap, critical points V = KU with the spectral gap and a distance bound that
/// covers the true distance (infinite for a tie), and the Lipschitz and rounding bounds of <see cref="FloatingBounds"/> by hand.
/// </summary>
public class FloatingLandscapeTests
{
    private const double U = Rounding.UnitRoundoff;

    private static void Close(double expected, double actual, double relative = 1e-13) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    /// <summary>X = I₂, Y = diag(2, 1), N = 2: Σ_xx = I/2, Σ_yx = diag(1, ½), Σ = diag(2, ½), K = Σ_xx⁻¹Σ_xy = diag(2, 1).</summary>
    private static SecondMoments Diagonal() => SecondMoments.FromSamples(M([1, 0], [0, 1]), M([2, 0], [0, 1]));

    [Fact]
    public void A_diagonal_sigma_is_analyzed_largest_first_with_the_weyl_bound()
    {
        var d = FloatingLandscape.Analyze(Diagonal());
        Assert.Equal(2, d.Dimension);
        Close(2.0, d.Eigenvalues[0]);
        Close(0.5, d.Eigenvalues[1]);
        Assert.Equal(2.0, d.Sigma[0, 0]);
        Assert.Equal(0.5, d.Sigma[1, 1]);
        Assert.Equal(0.0, d.Sigma[0, 1]);
        Assert.Equal(1.0, Math.Abs(d.Eigenvectors[0, 0]), 12);
        Assert.Equal(1.0, Math.Abs(d.Eigenvectors[1, 1]), 12);
        Assert.Equal(0.0, d.Eigenvectors[1, 0], 12);
        Assert.Equal(2.0, d.InputMap[0, 0]);
        Assert.Equal(1.0, d.InputMap[1, 1]);
        Assert.Equal(0.0, d.InputMap[0, 1]);
        // ‖Σ‖_F = √(4 + ¼); error = (n²u + u)‖Σ‖_F = 5u√4.25, widened by 1e-8.
        var error = 5 * U * Math.Sqrt(4.25) * (1 + 1e-8);
        Close(error, d.EigenvalueError);
        Close(1.5 - 2 * error, d.DecidedGap);
    }

    [Fact]
    public void A_rotated_sigma_has_the_rotation_columns_as_eigenvectors_in_the_order_of_the_eigenvalues()
    {
        // Σ_xx = I, Σ_yx = Q diag(2, 1): Σ = Q diag(4, 1) Qᵀ, K = Σ_xy = diag(2, 1) Qᵀ.
        var syx = Rotation.Multiply(M([2, 0], [0, 1]));
        var s = new SecondMoments(M([1, 0], [0, 1]), syx, syx.Multiply(syx.Transpose()));
        var d = FloatingLandscape.Analyze(s);
        Close(4.0, d.Eigenvalues[0], 1e-14);
        Close(1.0, d.Eigenvalues[1], 1e-14);
        var q = Rotation.ToDouble();
        for (var j = 0; j < 2; j++)
            Assert.Equal(1.0, Math.Abs(d.Eigenvectors.Column(j).DotProduct(q.Column(j))), 12);
        Close(1.2, d.InputMap[0, 0]); // 2·3/5
        Close(1.6, d.InputMap[0, 1]); // 2·4/5
        Close(-0.8, d.InputMap[1, 0]);
        Close(0.6, d.InputMap[1, 1]);
        // Top critical point: Û = ±q₁, V̂ = KÛ = ±(2, 0); its distance bound covers the true distance to (q₁, (2, 0)).
        var p = FloatingLandscape.CriticalPoint(s, d, [0]);
        var sign = Math.Sign(p.U[0, 0]);
        var trueDistance = Math.Sqrt(Math.Pow(p.U[0, 0] - sign * 0.6, 2) + Math.Pow(p.U[1, 0] - sign * 0.8, 2)
                                     + Math.Pow(p.V[0, 0] - sign * 2, 2) + Math.Pow(p.V[1, 0], 2));
        Assert.InRange(p.Distance, trueDistance, 1e-12);
        Assert.InRange(p.Gap, 3 - 1e-12, 3.0); // |4 − 1| less the Weyl bound
        Close(3 - d.EigenvalueError, p.Gap);
        Assert.True(p.Separated);
    }

    [Fact]
    public void The_critical_point_of_the_diagonal_instance_and_its_gap()
    {
        var s = Diagonal();
        var d = FloatingLandscape.Analyze(s);
        var p = FloatingLandscape.CriticalPoint(s, d, [1]);
        Assert.Equal([1], p.IndexSet);
        Assert.Equal(1.0, Math.Abs(p.U[1, 0]), 12);
        Assert.Equal(0.0, p.U[0, 0], 12);
        Assert.Equal(1.0, Math.Abs(p.V[1, 0]), 12); // K e₂ = e₂
        Assert.Equal(0.0, p.V[0, 0], 12);
        Close(1.5 - d.EigenvalueError, p.Gap);
        Assert.True(p.Separated);
        Assert.True(p.Distance > 0 && p.Distance < 1e-13, $"distance {p.Distance}");
        Assert.Equal(2, p.Layers.Count);
        Assert.Equal(p.V[1, 0], p.Layers[0][0, 1]); // W₁ = Vᵀ
        Assert.Equal(p.U[1, 0], p.Layers[1][1, 0]); // W₂ = U
        // Every eigenvalue chosen: nothing to separate from, the gap is infinite and only the orthogonality defect remains.
        var all = FloatingLandscape.CriticalPoint(s, d, [0, 1]);
        Assert.Equal(double.PositiveInfinity, all.Gap);
        Assert.True(all.Separated);
        Assert.True(all.Distance > 0 && all.Distance < 1e-13, $"distance {all.Distance}");
    }

    [Fact]
    public void A_tied_spectrum_is_undecided_and_its_critical_points_are_not_separated()
    {
        // Σ_xx = [2 1; 1 1], Σ_yx = [1 0; 1 1]: Σ = I, eigenvalues 1 and 1.
        var s = new SecondMoments(M([2, 1], [1, 1]), M([1, 0], [1, 1]), M([3, 0], [0, 3]));
        var d = FloatingLandscape.Analyze(s);
        Close(1.0, d.Eigenvalues[0], 1e-14);
        Close(1.0, d.Eigenvalues[1], 1e-14);
        Assert.True(d.DecidedGap <= 0);
        var p = FloatingLandscape.CriticalPoint(s, d, [0]);
        Assert.True(p.Gap < 0);
        Assert.Equal(double.PositiveInfinity, p.Distance);
        Assert.False(p.Separated);
        // One dimension: no pair to compare, the gap is decided (+∞).
        Assert.Equal(double.PositiveInfinity, FloatingLandscape.Analyze(new SecondMoments(M([1]), M([2]), M([5]))).DecidedGap);
    }

    [Fact]
    public void Separated_needs_a_positive_gap_and_a_finite_distance()
    {
        var u = Matrix<double>.Build.Dense(1, 1, 1);
        Assert.True(new FloatingCriticalPoint([0], u, u, 1, 1).Separated);
        Assert.False(new FloatingCriticalPoint([0], u, u, 1, 0).Separated);
        Assert.False(new FloatingCriticalPoint([0], u, u, 1, -1).Separated);
        Assert.False(new FloatingCriticalPoint([0], u, u, double.PositiveInfinity, 1).Separated);
        Assert.False(new FloatingCriticalPoint([0], u, u, double.NaN, 1).Separated);
    }

    [Fact]
    public void The_radius_is_the_largest_layer_norm_plus_the_distance_and_at_least_one()
    {
        Assert.Equal(5.5, FloatingBounds.Radius([D([3, 4]), D([1])], 0.5)); // ‖(3, 4)‖ = 5
        Assert.Equal(5.0, FloatingBounds.Radius([D([1]), D([3], [4])], 0));
        Assert.Equal(1.0, FloatingBounds.Radius([D([0.1])], 0));
        Assert.Equal(1.25, FloatingBounds.Radius([D([0.5])], 0.75));
    }

    [Fact]
    public void Lipschitz_constants_by_hand()
    {
        // ‖Σ_xx‖ = 2, ‖Σ_yx‖ = 3 (the factor 1 + u rounds to 1); L = 2, ρ = 2: L²ρ⁴(4·2 + 2·3) = 4·16·14 = 896, L³ρ⁴(8·2 + 2·3) = 8·16·22 = 2816.
        var s = new SecondMoments(M([2]), M([3]), M([5]));
        var w = new[] { D([2]), D([1]) };
        Close(896, FloatingBounds.GradientLipschitz(s, w, 0));
        Close(2816, FloatingBounds.HessianLipschitz(s, w, 0));
        // Distance 1: ρ = 3, ρ⁴ = 81: 4·81·14 = 4536 and 8·81·22 = 14256.
        Close(4536, FloatingBounds.GradientLipschitz(s, w, 1));
        Close(14256, FloatingBounds.HessianLipschitz(s, w, 1));
        // Depth 3, layers of norm ≤ 1: ρ = 1, L² = 9, L³ = 27: 9·14 = 126, 27·22 = 594.
        var three = new[] { D([1]), D([0.5]), D([-1]) };
        Close(126, FloatingBounds.GradientLipschitz(s, three, 0));
        Close(594, FloatingBounds.HessianLipschitz(s, three, 0));
    }

    [Fact]
    public void The_chain_length_counts_layers_and_the_widest_dimension()
    {
        var scalar = new SecondMoments(M([1]), M([1]), M([1]));
        Assert.Equal((2 * 2 + 4) * (2 + 2), FloatingBounds.Chain([D([1], [1]), D([1, 1])], scalar)); // width 2 from the hidden layer
        Assert.Equal((2 * 3 + 4) * (1 + 2), FloatingBounds.Chain([D([1]), D([1]), D([1])], scalar));
        var wide = new SecondMoments(M([1, 0, 0], [0, 1, 0], [0, 0, 1]), M([1, 0, 0]), M([1]));
        Assert.Equal((2 * 2 + 4) * (3 + 2), FloatingBounds.Chain([D([1, 1, 1]), D([1])], wide));
    }

    [Fact]
    public void Formation_and_risk_rounding_bounds_by_hand()
    {
        // Σ_xx = 2, Σ_yx = −3, Σ_yy = 5, w = (−1, 2): the magnitudes are H = [16 22; 22 4] and g = (28, 14) (see DeepLinearRiskTests),
        // the chain (2·2 + 4)(1 + 2) = 24.
        var s = new SecondMoments(M([2]), M([-3]), M([5]));
        var w = new[] { D([-1]), D([2]) };
        var gamma = Rounding.Gamma(24);
        var (hessian, gradient) = FloatingBounds.Formation(s, w);
        Close(gamma * Math.Sqrt(256 + 2 * 484 + 16), hessian);
        Close(gamma * Math.Sqrt(784 + 196), gradient);
        // |R̂ − R| ≤ γ(tr|Σ_yy| + 2|P||Σ_yx| + |P||Σ_xx||P|) = γ(5 + 2·2·3 + 2·2·2) = 25γ.
        Close(25 * gamma, FloatingBounds.RiskFormation(s, w));
    }
}
