using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.LinearAlgebra;

/// <summary>
/// The k-support norm's mathematics at hand-computed values (issue 9, item 13): the closed form and its condition at exact
/// ties, the variational weights, the dual norm and the vector attaining it, the certified bracket, the prox against its
/// optimality conditions and a brute-force comparison, the k-subset decomposition and the atoms, and every refusal.
/// </summary>
public class KSupportTests
{
    private const double Eps = 1e-13;

    /// <summary>Σ w_i²/c_i over the nonzero w_i, with 0 ≤ c ≤ 1 and Σ c ≤ k checked: the variational objective at c.</summary>
    private static double VariationalValue(IReadOnlyList<double> w, IReadOnlyList<double> c, int k)
    {
        Assert.Equal(w.Count, c.Count);
        Assert.All(c, ci => Assert.InRange(ci, 0.0, 1.0));
        Assert.True(c.Sum() <= k * (1 + 1e-15), $"Σc = {c.Sum():R} > k = {k}");
        var value = 0.0;
        for (var i = 0; i < w.Count; i++)
            if (w[i] != 0) value += w[i] * w[i] / c[i];
        return value;
    }

    private static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tol = Eps)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"entry {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    // ---------------------------------------------------------------- refusals

    [Fact]
    public void K_must_lie_in_1_to_d_and_the_vector_must_not_be_empty()
    {
        var empty = Assert.Throws<ArgumentException>(() => KSupport.CheckK(0, 0));
        Assert.Contains("at least one entry", empty.Message);
        var zero = Assert.Throws<ArgumentException>(() => KSupport.CheckK(0, 3));
        Assert.Contains("k must lie in 1..3", zero.Message);
        Assert.Contains("got 0", zero.Message);
        var above = Assert.Throws<ArgumentException>(() => KSupport.CheckK(4, 3));
        Assert.Contains("got 4", above.Message);
        // Both ends of 1..d are accepted, also for d = 1.
        KSupport.CheckK(1, 3);
        KSupport.CheckK(3, 3);
        KSupport.CheckK(1, 1);
        // Every entry point checks k.
        Assert.Throws<ArgumentException>(() => KSupport.Norm([1.0, 2.0], 3));
        Assert.Throws<ArgumentException>(() => KSupport.Dual([1.0, 2.0], 0));
        Assert.Throws<ArgumentException>(() => KSupport.Variational([1.0, 2.0], 3));
        Assert.Throws<ArgumentException>(() => KSupport.Prox([1.0, 2.0], 3, 1));
        Assert.Throws<ArgumentException>(() => KSupport.Norm([], 1));
    }

    // ---------------------------------------------------------------- the closed form

    [Fact]
    public void K_1_is_the_l1_norm_and_k_d_the_l2_norm()
    {
        // w = (3, −4): ‖w‖₁ = 7, ‖w‖₂ = 5.
        var l1 = KSupport.Norm([3.0, -4.0], 1);
        Assert.Equal(7.0, l1.Value, 14);
        Assert.Equal(49.0, l1.Squared, 13);
        // k = 1: the head is empty (q = 0, Head = 0), the tail is all of |w| with weights |w_i|/‖w‖₁.
        Assert.Equal(0, l1.Q);
        Assert.Equal(0, l1.Head);
        Assert.Equal(7.0, l1.TailSum, 14);
        Assert.True(l1.ConditionHeld);
        Close([3.0 / 7, 4.0 / 7], l1.Weights);
        Assert.Equal(49.0, VariationalValue([3.0, -4.0], l1.Weights, 1), 12);

        var l2 = KSupport.Norm([3.0, -4.0], 2);
        Assert.Equal(5.0, l2.Value, 14);
        Assert.Equal(25.0, l2.Squared, 13);
        // k = d: q = 0, the condition z₁ = 4 > T₀ = 3 ≥ z₂ = 3 holds with equality on the right (so it is ≥, not >).
        Assert.Equal(0, l2.Q);
        Assert.Equal(1, l2.Head);
        Assert.Equal(3.0, l2.TailSum);
        Assert.True(l2.ConditionHeld);
        Close([1.0, 1.0], l2.Weights);
    }

    [Fact]
    public void The_closed_form_of_3_1_1_with_k_2_is_13_with_weights_1_half_half()
    {
        // z = (3, 1, 1), k = 2, q = 0: z₁ = 3 > T₀/1 = 2 ≥ z₂ = 1. ‖w‖² = 3² + 2²/1 = 13; c = (1, 1·1/2, 1·1/2).
        // The entries are given out of order and with signs: the weights come back in w's order.
        double[] w = [-1.0, 3.0, 1.0];
        var n = KSupport.Norm(w, 2);
        Assert.Equal(13.0, n.Squared, 13);
        Assert.Equal(Math.Sqrt(13), n.Value, 14);
        Assert.Equal(0, n.Q);
        Assert.Equal(1, n.Head);
        Assert.Equal(2.0, n.TailSum, 14);
        Assert.True(n.ConditionHeld);
        Close([0.5, 1.0, 0.5], n.Weights);
        // c is the minimizer of the variational form: feasible, Σc = k, and Σ w_i²/c_i = 9 + 2 + 2 = 13.
        Assert.Equal(2.0, n.Weights.Sum(), 14);
        Assert.Equal(13.0, VariationalValue(w, n.Weights, 2), 12);
    }

    [Fact]
    public void At_an_exact_tie_on_the_left_of_the_condition_the_next_q_is_taken()
    {
        // z = (2, 1, 1), k = 2: q = 0 needs z₁ = 2 > T₀ = 2, false at the tie (strict); q = 1: T₁/2 = 4/2 = 2 ≥ z₁ = 2.
        // Both give ‖w‖² = 8 (4 + 2² = 4²/2), but the closed form's q is 1, with an empty head and the whole sum as tail.
        var n = KSupport.Norm([2.0, 1.0, 1.0], 2);
        Assert.Equal(8.0, n.Squared, 13);
        Assert.Equal(1, n.Q);
        Assert.Equal(0, n.Head);
        Assert.Equal(4.0, n.TailSum);
        Assert.True(n.ConditionHeld);
        Close([1.0, 0.5, 0.5], n.Weights);
    }

    [Fact]
    public void The_worked_example_1_1_1_with_k_2_takes_q_1()
    {
        // z = (1, 1, 1), k = 2: q = 0 fails (1 > 2 is false), q = 1: 3/2 ≥ 1. ‖w‖² = 3²/2 = 9/2, c_i = 1·2/3.
        var n = KSupport.Norm([1.0, -1.0, 1.0], 2);
        Assert.Equal(4.5, n.Squared, 14);
        Assert.Equal(1, n.Q);
        Assert.Equal(0, n.Head);
        Assert.Equal(3.0, n.TailSum);
        Close([2.0 / 3, 2.0 / 3, 2.0 / 3], n.Weights);
        Assert.Equal(4.5, VariationalValue([1.0, -1.0, 1.0], n.Weights, 2), 12);
    }

    [Fact]
    public void Fewer_nonzeros_than_k_give_the_l2_norm_and_zero_weights_off_the_support()
    {
        // w = (0, 2, 0), k = 2: q = 0, head {2}, tail T = 0. ‖w‖ = 2 and the zero entries get weight 0 (not NaN from 0/0).
        var n = KSupport.Norm([0.0, 2.0, 0.0], 2);
        Assert.Equal(2.0, n.Value);
        Assert.Equal(0, n.Q);
        Assert.Equal(1, n.Head);
        Assert.Equal(0.0, n.TailSum);
        Assert.Equal([0.0, 1.0, 0.0], n.Weights);
        // w = 0: every q-candidate has value 0, and all weights are 0.
        var zero = KSupport.Norm([0.0, 0.0], 1);
        Assert.Equal(0.0, zero.Value);
        Assert.Equal([0.0, 0.0], zero.Weights);
        // A single entry: |w|.
        Assert.Equal(2.5, KSupport.Norm([-2.5], 1).Value);
    }

    /// <summary>
    /// z = (2, .7, .7, .6, .1), k = 4 has, in exact arithmetic, q = 2 (T₂/3 = 2.1/3 = .7 ≥ z₂ = .7, z₁ = 2 > .7) with q = 0 and
    /// q = 1 tied at the same value 4 + 3·.49 = 5.47; in doubles 2.1/3 rounds below .7 and no q passes the condition. The
    /// fallback must then take the smallest value over the FEASIBLE q only: q = 3 (head empty) has the smaller value
    /// (2 + 2.1)²/4 = 4.2025 but weights 4·2/4.1 &gt; 1, which is not the norm.
    /// </summary>
    [Fact]
    public void When_rounding_breaks_the_condition_the_smallest_feasible_value_is_taken()
    {
        double[] w = [0.1, -0.7, 2.0, 0.6, 0.7];
        var n = KSupport.Norm(w, 4);
        Assert.False(n.ConditionHeld);
        Assert.Equal(5.47, n.Squared, 12);
        Assert.Equal(Math.Sqrt(5.47), n.Value, 12);
        Assert.InRange(n.Q, 0, 2);
        // Head, TailSum and Q describe one and the same candidate.
        Assert.Equal(4 - n.Q - 1, n.Head);
        var z = w.Select(Math.Abs).OrderDescending().ToArray();
        Assert.Equal(z.Skip(n.Head).Sum(), n.TailSum, 14);
        // c = (1/7, 1, 1, 6/7, 1) in w's order: 1 on (2, .7, .7) ... and on the tail z_i·(q+1)/T_q = z_i/.7 for every tied q.
        Close([1.0 / 7, 1.0, 1.0, 6.0 / 7, 1.0], n.Weights, 1e-12);
        Assert.Equal(5.47, VariationalValue(w, n.Weights, 4), 11);
    }

    /// <summary>
    /// z = (2, .7, .7, .7), k = d = 4: the norm is ‖w‖₂ (‖w‖² = 4 + 3·.49 = 5.47), but in doubles no q passes the condition
    /// (.7 &gt; .7 fails for q = 0 and 1, and 2.1/3 rounds below .7 for q = 2). The feasible candidates q = 0, 1, 2 pass the
    /// feasibility test only within its relative slack 10⁻¹² (their tail averages equal z_{k−q} exactly or up to rounding);
    /// q = 3 has the smaller value (2 + 2.1)²/4 = 4.2025 with weights above 1, which would be wrong.
    /// </summary>
    [Fact]
    public void At_k_d_with_every_candidate_at_its_boundary_the_fallback_still_gives_the_l2_norm()
    {
        double[] w = [0.7, -2.0, 0.7, -0.7];
        var n = KSupport.Norm(w, 4);
        Assert.False(n.ConditionHeld);
        Assert.Equal(5.47, n.Squared, 12);
        Assert.Equal(Math.Sqrt(w.Sum(x => x * x)), n.Value, 12);
        Close([1.0, 1.0, 1.0, 1.0], n.Weights, 1e-12);
    }

    [Fact]
    public void The_norm_matches_its_variational_definition_on_a_seeded_family()
    {
        // ‖w‖² = min{Σ w_i²/c_i : 0 < c ≤ 1, Σc ≤ k}: the closed form's weights attain it, and the independent bracket of the
        // Lagrangian dual encloses the closed form's value.
        var rng = new SplitMix64(2024);
        for (var trial = 0; trial < 40; trial++)
        {
            var d = 1 + trial % 6;
            var k = 1 + trial / 6 % d;
            var w = Enumerable.Range(0, d).Select(_ => Math.Round((rng.NextDouble() * 2 - 1) * 8, 1)).ToArray();
            var n = KSupport.Norm(w, k);
            var scale = 1 + w.Sum(x => x * x);
            Assert.True(Math.Abs(VariationalValue(w, n.Weights, k) - n.Squared) <= 1e-12 * scale, $"trial {trial}");
            var b = KSupport.Variational(w, k);
            Assert.True(b.Lower <= n.Squared + 1e-12 * scale && n.Squared <= b.Upper + 1e-12 * scale, $"trial {trial}");
            // ℓ2 ≤ ‖·‖_(k) ≤ ℓ1, with the ends attained at k = d and k = 1.
            var l2 = Math.Sqrt(w.Sum(x => x * x));
            var l1 = w.Sum(Math.Abs);
            Assert.InRange(n.Value, l2 - 1e-12 * scale, l1 + 1e-12 * scale);
            if (k == 1) Assert.Equal(l1, n.Value, 12);
            if (k == d) Assert.Equal(l2, n.Value, 12);
        }
    }

    // ---------------------------------------------------------------- the dual norm and the dual vector

    [Fact]
    public void The_dual_norm_is_the_l2_norm_of_the_k_largest_entries()
    {
        double[] u = [1.0, -3.0, 2.0];
        Assert.Equal(3.0, KSupport.Dual(u, 1));                 // ℓ∞
        Assert.Equal(Math.Sqrt(13), KSupport.Dual(u, 2), 15);  // √(9 + 4)
        Assert.Equal(Math.Sqrt(14), KSupport.Dual(u, 3), 15);  // ℓ2
        Assert.Equal(0.0, KSupport.Dual([0.0, 0.0], 2));
    }

    [Fact]
    public void The_dual_vector_attains_the_norm_and_has_dual_norm_1()
    {
        // w = (3, −1, 1), k = 2: q = 0, T = 2, ‖w‖ = √13. u = (3, −2/1, 2/1)/√13: ⟨w, u⟩ = (9 + 2 + 2)/√13 = √13, and the
        // ℓ2 norm of u's two largest entries is √(9 + 4)/√13 = 1.
        double[] w = [3.0, -1.0, 1.0];
        var u = KSupport.DualVector(w, 2);
        var r = Math.Sqrt(13);
        Close([3 / r, -2 / r, 2 / r], u, 1e-15);
        Assert.Equal(r, w.Select((x, i) => x * u[i]).Sum(), 14);
        Assert.Equal(1.0, KSupport.Dual(u, 2), 14);
        // k = 1 (empty head): u_i = sign(w_i)·‖w‖₁/‖w‖₁, the ℓ∞-unit sign vector; zero entries get 0.
        Close([1.0, 0.0, -1.0], KSupport.DualVector([2.0, 0.0, -5.0], 1), 1e-15);
        // k = d: u = w/‖w‖₂ (the head covers all but the last entry, whose tail average is itself).
        Close([0.6, -0.8], KSupport.DualVector([3.0, -4.0], 2), 1e-15);
        // w = 0: the zero vector.
        Assert.Equal([0.0, 0.0], KSupport.DualVector([0.0, 0.0], 1));
    }

    // ---------------------------------------------------------------- the certified bracket

    [Fact]
    public void The_variational_bracket_is_tight_and_its_fields_are_those_of_the_optimum()
    {
        // w = (3, 1, 1), k = 2: ‖w‖² = 13; the optimal multiplier solves Σ min(1, a_i/√μ) = k: √μ = 2 gives 1 + ½ + ½ = 2,
        // so μ = 4 and c = (1, ½, ½). Lower ≤ 13 ≤ Upper. The dual h is flat (quadratic) at its maximum, so the search
        // locates √μ only to about √u: Lower is within 1e-9 of 13, Upper (first order in the error of √μ) within 1e-6.
        var b = KSupport.Variational([3.0, -1.0, 1.0], 2);
        Assert.InRange(b.Lower, 13 - 1e-9, 13 + 1e-12);
        Assert.InRange(b.Upper, 13 - 1e-12, 13 + 1e-6);
        Assert.Equal(4.0, b.Multiplier, 1e-5);
        Close([1.0, 0.5, 0.5], b.Weights, 1e-6);
        Assert.Equal(b.Upper, VariationalValue([3.0, -1.0, 1.0], b.Weights, 2), 12);
        // Golden-section search from [0, 3] to a width of 3e-15 needs log(1e15)/log(1/φ) ≈ 72 steps.
        Assert.InRange(b.Iterations, 68, 76);
    }

    [Fact]
    public void The_variational_bracket_handles_zeros_k_d_and_k_1()
    {
        // A zero entry: its weight is 0 (min(1, 0/√μ)), it adds nothing to Upper (no 0/0), and the bracket is still tight.
        // w = (4, 0, 2, 2), k = 2: q = 0, 16 + 4²/1 = 32.
        var z = KSupport.Variational([4.0, 0.0, 2.0, 2.0], 2);
        Assert.InRange(z.Lower, 32 - 1e-9, 32 + 1e-12);
        Assert.InRange(z.Upper, 32 - 1e-12, 32 + 1e-6);
        Assert.Equal(0.0, z.Weights[1]);
        Assert.True(double.IsFinite(z.Upper));
        // k = d: the bracket is ‖w‖₂² = 25 (h(0) = ‖w‖₂² is the lower bound), the weights are all 1 where w ≠ 0.
        var l2 = KSupport.Variational([3.0, 0.0, 4.0], 3);
        Assert.InRange(l2.Lower, 25 - 1e-9, 25 + 1e-12);
        Assert.InRange(l2.Upper, 25 - 1e-12, 25 + 1e-6);
        Assert.All(l2.Weights, c => Assert.True(double.IsFinite(c) && c >= 0 && c <= 1));
        Assert.Equal(25.0, VariationalValue([3.0, 0.0, 4.0], l2.Weights, 3), 9);
        // k = 1: ‖w‖₁² = 49, at √μ = ‖w‖₁/k = 7 (the right end of the search interval, beyond max|w_i| = 4).
        var l1 = KSupport.Variational([3.0, -4.0], 1);
        Assert.InRange(l1.Lower, 49 - 1e-9, 49 + 1e-12);
        Assert.InRange(l1.Upper, 49 - 1e-12, 49 + 1e-6);
        Assert.Equal(49.0, l1.Multiplier, 1e-5);
        // w = 0: the bracket [0, 0], no iterations, zero weights.
        var zero = KSupport.Variational([0.0, 0.0, 0.0], 2);
        Assert.Equal((0.0, 0.0, 0.0, 0), (zero.Lower, zero.Upper, zero.Multiplier, zero.Iterations));
        Assert.Equal([0.0, 0.0, 0.0], zero.Weights);
    }

    // ---------------------------------------------------------------- the spectral versions

    [Fact]
    public void The_spectral_norms_are_the_vector_norms_of_the_singular_values()
    {
        // X = [[0, 3], [1, 0]] = U diag(3, 1) Vᵀ with U = I, V a permutation: σ = (3, 1).
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 3 }, { 1, 0 } });
        Assert.Equal(4.0, KSupport.Spectral(x, 1).Value, 13);            // nuclear norm 3 + 1
        Assert.Equal(Math.Sqrt(10), KSupport.Spectral(x, 2).Value, 13);  // Frobenius norm
        Assert.Equal(3.0, KSupport.SpectralDual(x, 1), 13);              // operator norm
        Assert.Equal(Math.Sqrt(10), KSupport.SpectralDual(x, 2), 13);
    }

    // ---------------------------------------------------------------- the prox

    /// <summary>‖y − x‖² + μ‖x‖²_(k), the prox objective, from the closed form.</summary>
    private static double ProxObjective(double[] y, double[] x, int k, double mu) =>
        y.Select((v, i) => (v - x[i]) * (v - x[i])).Sum() + mu * KSupport.Norm(x, k).Squared;

    /// <summary>The objective at x is no larger than at x + t·e_i and x + t·(e_i ± e_j) for a grid of t (a brute-force local check
    /// of a convex objective's minimum).</summary>
    private static void IsMinimizer(double[] y, double[] x, int k, double mu)
    {
        var f = ProxObjective(y, x, k, mu);
        var d = y.Length;
        foreach (var t in new[] { 1e-3, -1e-3, 1e-2, -1e-2, 0.1, -0.1 })
            for (var i = 0; i < d; i++)
                for (var j = -1; j < d; j++)
                    foreach (var s in new[] { 1.0, -1.0 })
                    {
                        var other = (double[])x.Clone();
                        other[i] += t;
                        if (j >= 0 && j != i) other[j] += s * t;
                        Assert.True(ProxObjective(y, other, k, mu) >= f - 1e-12, $"a step {t} along e{i}±e{j} decreases the objective");
                    }
    }

    [Fact]
    public void The_prox_of_4_2_2_with_k_2_and_mu_1_is_2_two_thirds_two_thirds()
    {
        // c_i = clip(α|y_i| − 1, 0, 1) with Σc = 2: c₁ = 1 (α ≥ ½), c₂ = c₃ = 2α − 1 = ½ ⇒ α = ¾.
        // x_i = c_i y_i/(c_i + μ) = (4/2, ½·2/(3/2), ½·2/(3/2)) = (2, ⅔, ⅔). Signs and order follow y.
        double[] y = [2.0, -4.0, 2.0];
        var p = KSupport.Prox(y, 2, 1);
        Close([2.0 / 3, -2.0, 2.0 / 3], p.X, 1e-14);
        Close([0.5, 1.0, 0.5], p.Weights, 1e-14);
        Assert.Equal(0.75, p.Alpha, 14);
        Assert.Equal(2.0, p.Weights.Sum(), 14);
        IsMinimizer(y, p.X, 2, 1);
    }

    [Fact]
    public void The_prox_at_a_breakpoint_of_the_weights()
    {
        // y = (4, 2, 1), k = 2, μ = 1: Σ clip(α a − 1, 0, 1) = 1 + (2α − 1) + 0 reaches 2 at α = 1 exactly, a breakpoint
        // ((1 + μ)/2 = 1 and μ/1 = 1). c = (1, 1, 0), x = (4/2, 2/2, 0).
        double[] y = [1.0, 4.0, -2.0];
        var p = KSupport.Prox(y, 2, 1);
        Close([0.0, 2.0, -1.0], p.X, 1e-14);
        Close([0.0, 1.0, 1.0], p.Weights, 1e-14);
        Assert.Equal(1.0, p.Alpha, 14);
        IsMinimizer(y, p.X, 2, 1);
    }

    [Fact]
    public void The_prox_minimizes_its_objective_on_a_seeded_family()
    {
        // The optimality conditions: x_i = c_i y_i/(c_i + μ) with c_i = clip(α|y_i| − μ, 0, 1), Σc = k, and no nearby point
        // has a smaller objective.
        var rng = new SplitMix64(77);
        for (var trial = 0; trial < 12; trial++)
        {
            var d = 3 + trial % 3;
            var k = 1 + trial % (d - 1);
            var mu = new[] { 0.3, 1.0, 2.5, 10.0 }[trial % 4];
            var y = Enumerable.Range(0, d).Select(_ => Math.Round((rng.NextDouble() * 2 - 1) * 5, 2)).ToArray();
            var p = KSupport.Prox(y, k, mu);
            Assert.Equal(k, p.Weights.Sum(), 12);
            for (var i = 0; i < d; i++)
            {
                Assert.Equal(Math.Clamp(p.Alpha * Math.Abs(y[i]) - mu, 0, 1), p.Weights[i], 12);
                Assert.Equal(p.Weights[i] * y[i] / (p.Weights[i] + mu), p.X[i], 12);
            }
            IsMinimizer(y, p.X, k, mu);
        }
    }

    [Fact]
    public void With_at_most_k_nonzeros_or_mu_0_the_prox_is_a_plain_scaling()
    {
        // ‖y‖₀ = 2 = k (the boundary): on vectors with ≤ k nonzeros ‖x‖²_(k) = ‖x‖², so x = y/(1 + μ) = y/3.
        var p = KSupport.Prox([3.0, 0.0, -6.0], 2, 2);
        Close([1.0, 0.0, -2.0], p.X, 1e-15);
        Assert.Equal([1.0, 0.0, 1.0], p.Weights);
        Assert.True(double.IsNaN(p.Alpha));
        IsMinimizer([3.0, 0.0, -6.0], p.X, 2, 2);
        // μ = 0: the identity, weights 1 on the support.
        var identity = KSupport.Prox([3.0, 0.0, -6.0, 1.0], 1, 0);
        Assert.Equal([3.0, 0.0, -6.0, 1.0], identity.X);
        Assert.Equal([1.0, 0.0, 1.0, 1.0], identity.Weights);
        Assert.True(double.IsNaN(identity.Alpha));
        // ‖y‖₀ = 3 > k = 2 is not a scaling: the general branch, with a finite α.
        Assert.False(double.IsNaN(KSupport.Prox([3.0, 1.0, -6.0], 2, 2).Alpha));
    }

    [Fact]
    public void The_prox_refuses_a_negative_non_finite_or_too_large_mu()
    {
        foreach (var mu in new[] { -1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var e = Assert.Throws<ArgumentException>(() => KSupport.Prox([1.0, 2.0], 1, mu));
            Assert.Contains("mu must be a finite number ≥ 0", e.Message);
        }
        var large = Assert.Throws<LimitExceededException>(() => KSupport.Prox([1.0, 2.0], 1, 2e6));
        Assert.Contains("μ = 2E+06 is above 1000000", large.Message);
        Assert.Contains("optimality conditions", large.Message);
        // μ = 1e6 exactly is accepted: the prox is within ‖y‖/μ of 0 and satisfies its conditions.
        double[] y = [1.0, 2.0, -3.0];
        var p = KSupport.Prox(y, 2, KSupport.MaxProxWeight);
        Assert.Equal(1e6, KSupport.MaxProxWeight);
        Assert.True(p.X.All(x => Math.Abs(x) <= Math.Sqrt(14) / 1e6));
        Assert.Equal(2.0, p.Weights.Sum(), 9);
        for (var i = 0; i < 3; i++) Assert.Equal(p.Weights[i] * y[i] / (p.Weights[i] + 1e6), p.X[i], 15);
    }

    // ---------------------------------------------------------------- k-subsets and atoms

    /// <summary>The decomposition is a convex combination of indicators of k-subsets equal to c.</summary>
    private static void IsDecomposition(IReadOnlyList<double> c, int k, IReadOnlyList<(double Weight, int[] Support)> subsets)
    {
        Assert.Equal(1.0, subsets.Sum(s => s.Weight), 14);
        var sum = new double[c.Count];
        foreach (var (weight, support) in subsets)
        {
            Assert.True(weight > 0);
            Assert.Equal(k, support.Length);
            Assert.Equal(k, support.Distinct().Count());
            Assert.All(support, i => Assert.InRange(i, 0, c.Count - 1));
            foreach (var i in support) sum[i] += weight;
        }
        Close(c, sum, 1e-14);
    }

    [Fact]
    public void Subsets_of_1_half_half_are_0_1_and_0_2_with_weight_one_half()
    {
        // Cumulative sums (0, 1, 3/2, 2): t ∈ [0, ½) picks {0, 1} (t + 1 < 3/2), t ∈ [½, 1) picks {0, 2}.
        var s = KSupport.Subsets([1.0, 0.5, 0.5], 2);
        Assert.Equal(2, s.Count);
        Assert.Equal(0.5, s[0].Weight, 15);
        Assert.Equal([0, 1], s[0].Support);
        Assert.Equal(0.5, s[1].Weight, 15);
        Assert.Equal([0, 2], s[1].Support);
        IsDecomposition([1.0, 0.5, 0.5], 2, s);
    }

    [Fact]
    public void Subsets_of_uneven_weights_are_a_convex_combination_equal_to_c()
    {
        // c = (0.3, 0.9, 0.8), k = 2: cumulative (0, .3, 1.2, 2) with fractional parts (.3, .2): three t-intervals
        // [0, .2) → {0, 1}, [.2, .3) → {0, 2}, [.3, 1) → {1, 2} with weights .2, .1, .7.
        double[] c = [0.3, 0.9, 0.8];
        var s = KSupport.Subsets(c, 2);
        IsDecomposition(c, 2, s);
        Assert.Equal(3, s.Count);
        var byset = s.ToDictionary(x => string.Join(",", x.Support), x => x.Weight);
        Assert.Equal(0.2, byset["0,1"], 14);
        Assert.Equal(0.1, byset["0,2"], 14);
        Assert.Equal(0.7, byset["1,2"], 14);
        // All ones with k = d: the single full set.
        var full = KSupport.Subsets([1.0, 1.0, 1.0], 3);
        Assert.Single(full);
        Assert.Equal([0, 1, 2], full[0].Support);
        Assert.Equal(1.0, full[0].Weight);
        // Zeros never appear in a support, and k = 1 gives singletons weighted by c itself.
        var single = KSupport.Subsets([0.25, 0.0, 0.75], 1);
        IsDecomposition([0.25, 0.0, 0.75], 1, single);
        Assert.DoesNotContain(single, x => x.Support.Contains(1));
    }

    [Fact]
    public void Atoms_of_3_1_1_with_k_2_are_two_half_weighted_2_sparse_vectors()
    {
        // c = (1, ½, ½) = ½·1_{0,1} + ½·1_{0,2}; a_j = ½·(w/c) on S_j: ½(3, 2, 0) and ½(3, 0, 2), each of norm √13/2.
        double[] w = [3.0, -1.0, 1.0];
        var atoms = KSupport.Atoms(w, 2);
        Assert.Equal(2, atoms.Count);
        Assert.Equal(0.5, atoms[0].Weight, 15);
        Assert.Equal([0, 1], atoms[0].Support);
        Close([1.5, -1.0, 0.0], atoms[0].Atom, 1e-14);
        Assert.Equal([0, 2], atoms[1].Support);
        Close([1.5, 0.0, 1.0], atoms[1].Atom, 1e-14);
        AreAnOptimalDecomposition(w, 2, atoms);
    }

    private static void AreAnOptimalDecomposition(double[] w, int k, IReadOnlyList<(double Weight, int[] Support, double[] Atom)> atoms)
    {
        var sum = new double[w.Length];
        var norms = 0.0;
        foreach (var (_, support, atom) in atoms)
        {
            Assert.True(support.Length <= k);
            Assert.Equal(support.Length, support.Distinct().Count());
            for (var i = 0; i < w.Length; i++)
            {
                if (!support.Contains(i)) Assert.Equal(0.0, atom[i]);
                sum[i] += atom[i];
            }
            norms += Math.Sqrt(atom.Sum(x => x * x));
        }
        Close(w, sum, 1e-13);
        Assert.Equal(KSupport.Norm(w, k).Value, norms, 12);
    }

    [Fact]
    public void Atoms_skip_zero_entries_and_w_0_has_none()
    {
        // w = (0, 2, 0, −1), k = 3: ‖w‖₀ = 2 < k, so ‖w‖_(3) = ‖w‖₂ = √5 and one atom, w itself, supported on {1, 3}.
        double[] w = [0.0, 2.0, 0.0, -1.0];
        var atoms = KSupport.Atoms(w, 3);
        Assert.Single(atoms);
        Assert.Equal([1, 3], atoms[0].Support);
        Assert.Equal(1.0, atoms[0].Weight, 15);
        Close(w, atoms[0].Atom, 1e-15);
        AreAnOptimalDecomposition(w, 3, atoms);
        Assert.Empty(KSupport.Atoms([0.0, 0.0], 1));
        // k = 1: the atoms are the signed coordinate vectors w_i e_i (ℓ1 = Σ|w_i|).
        double[] v = [2.0, -1.0, 0.0, 3.0];
        var ones = KSupport.Atoms(v, 1);
        Assert.Equal(3, ones.Count);
        AreAnOptimalDecomposition(v, 1, ones);
        // A seeded family: the atoms sum to w and their norms to the k-support norm.
        var rng = new SplitMix64(5);
        for (var trial = 0; trial < 20; trial++)
        {
            var d = 2 + trial % 5;
            var k = 1 + trial / 5 % d;
            var x = Enumerable.Range(0, d).Select(_ => Math.Round((rng.NextDouble() * 2 - 1) * 4, 1)).ToArray();
            AreAnOptimalDecomposition(x, k, KSupport.Atoms(x, k));
        }
    }
}
