using MathNet.Numerics.LinearAlgebra;

namespace Verification.LinearAlgebra;

/// <summary>
/// The k-support norm of w ∈ ℝ^d at its closed form: z = |w| sorted decreasing, q the unique index with
/// z_{k−q−1} &gt; T_q/(q+1) ≥ z_{k−q} (T_q = Σ_{i≥k−q} z_i, z_0 = +∞), and ‖w‖_(k)² = Σ_{i≤k−q−1} z_i² + T_q²/(q+1).
/// <see cref="Weights"/> are the optimal weights c of the variational form inf{Σ w_i²/c_i : 0 &lt; c_i ≤ 1, Σ c_i ≤ k}
/// (1 on the head, z_i(q+1)/T_q on the tail, 0 where w_i = 0), in the order of w.
/// </summary>
public sealed record KSupportNorm(double Value, double Squared, int Q, int Head, double TailSum, double[] Weights, bool ConditionHeld);

/// <summary>
/// k-support norms (Argyriou, Foygel, Srebro 2012; McDonald, Pontil, Stamos 2016): the unit ball is conv{w : ‖w‖_0 ≤ k,
/// ‖w‖_2 ≤ 1}; k = 1 gives ℓ1 and k = d gives ℓ2. Its dual norm is the ℓ2 norm of the k largest |u_i|; the spectral version
/// applies both to singular values. Also the prox of μ‖·‖_(k)², and the decomposition of w into k-sparse atoms.
/// </summary>
public static class KSupport
{
    public static void CheckK(int k, int d)
    {
        if (d < 1) throw new ArgumentException("the vector must have at least one entry");
        if (k < 1 || k > d) throw new ArgumentException($"k must lie in 1..{d} (the dimension), got {k}");
    }

    /// <summary>|w| sorted decreasing, and the permutation that sorts it (stable, so ties keep their order).</summary>
    private static (double[] Z, int[] Order) Sorted(IReadOnlyList<double> w)
    {
        var order = Enumerable.Range(0, w.Count).OrderByDescending(i => Math.Abs(w[i])).ThenBy(i => i).ToArray();
        return (order.Select(i => Math.Abs(w[i])).ToArray(), order);
    }

    /// <summary>The closed form of THEORY.md (ksupport.closed-form).</summary>
    public static KSupportNorm Norm(IReadOnlyList<double> w, int k)
    {
        var d = w.Count;
        CheckK(k, d);
        var (z, order) = Sorted(w);
        // suffix[i] = Σ_{l ≥ i} z_l (0-based).
        var suffix = new double[d + 1];
        for (var i = d - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + z[i];
        double F(int q) // the value for a given q: head i < k−q−1 (0-based), tail from k−q−1
        {
            var head = k - q - 1;
            var s = 0.0;
            for (var i = 0; i < head; i++) s += z[i] * z[i];
            return s + suffix[head] * suffix[head] / (q + 1);
        }
        // The defining condition, 1-based: z_{k−q−1} > T/(q+1) ≥ z_{k−q}, i.e. 0-based z[k−q−2] > T/(q+1) ≥ z[k−q−1].
        int? found = null;
        for (var q = 0; q < k && found is null; q++)
        {
            var head = k - q - 1;
            var average = suffix[head] / (q + 1);
            var above = head == 0 || z[head - 1] > average;
            if (above && average >= z[head]) found = q;
        }
        // Rounding can break a tie in the condition; then the value is the smallest over the q whose weights are feasible
        // (c_i ≤ 1 on the tail), which is what the condition selects in exact arithmetic.
        var condition = found is not null;
        var chosen = found ?? Enumerable.Range(0, k).Where(q => suffix[k - q - 1] / (q + 1) >= z[k - q - 1] * (1 - 1e-12)).DefaultIfEmpty(k - 1).MinBy(F);
        var squared = F(chosen);
        var h = k - chosen - 1;
        var tail = suffix[h];
        var weights = new double[d];
        for (var i = 0; i < d; i++)
        {
            var c = i < h ? 1.0 : tail > 0 ? z[i] * (chosen + 1) / tail : 0;
            weights[order[i]] = z[i] == 0 ? 0 : Math.Min(1, c);
        }
        return new KSupportNorm(Math.Sqrt(squared), squared, chosen, h, tail, weights, condition);
    }

    /// <summary>The dual norm: the ℓ2 norm of the k largest |u_i|.</summary>
    public static double Dual(IReadOnlyList<double> u, int k)
    {
        CheckK(k, u.Count);
        var (z, _) = Sorted(u);
        var s = 0.0;
        for (var i = 0; i < k; i++) s += z[i] * z[i];
        return Math.Sqrt(s);
    }

    /// <summary>
    /// The dual vector that attains the norm: u_i = sign(w_i)·z_i/‖w‖ on the head and sign(w_i)·(T/(q+1))/‖w‖ on the tail, so
    /// that ⟨w, u⟩ = ‖w‖_(k) and ‖u‖_(k),* = 1 (0 for w = 0).
    /// </summary>
    public static double[] DualVector(IReadOnlyList<double> w, int k)
    {
        var norm = Norm(w, k);
        var (z, order) = Sorted(w);
        var u = new double[w.Count];
        if (norm.Value == 0) return u;
        var average = norm.TailSum / (norm.Q + 1);
        for (var i = 0; i < z.Length; i++)
        {
            var j = order[i];
            u[j] = Math.Sign(w[j]) * (i < norm.Head ? z[i] : average) / norm.Value;
        }
        return u;
    }

    /// <summary>A certified bracket of ‖w‖_(k)² from the variational form, computed without the closed form.</summary>
    public sealed record Bracket(double Lower, double Upper, double Multiplier, double[] Weights, int Iterations);

    /// <summary>
    /// inf{Σ w_i²/c_i : 0 &lt; c_i ≤ 1, Σ c_i ≤ k} by Lagrangian duality, with no sorting and no closed form: for every μ ≥ 0,
    /// h(μ) = Σ_i min_{0&lt;c≤1}(w_i²/c + μc) − μk = Σ_i φ(|w_i|, μ) − μk, with φ(a, μ) = 2a√μ if a ≤ √μ, else a² + μ, is a
    /// lower bound (weak duality); h is concave, and is maximized by golden-section search over √μ. The minimizing c of the
    /// inner problems, c_i = min(1, |w_i|/√μ), scaled down if its sum exceeds k, is feasible, so Σ w_i²/c_i is an upper bound.
    /// </summary>
    public static Bracket Variational(IReadOnlyList<double> w, int k)
    {
        CheckK(k, w.Count);
        var a = w.Select(Math.Abs).ToArray();
        var l1 = a.Sum();
        if (l1 == 0) return new Bracket(0, 0, 0, new double[a.Length], 0);
        double H(double s) // s = √μ
        {
            var h = 0.0;
            foreach (var ai in a) h += ai <= s ? 2 * ai * s : ai * ai + s * s;
            return h - s * s * k;
        }
        // For s ≥ max a, h = 2s‖w‖₁ − s²k peaks at s = ‖w‖₁/k; the maximizer lies in [0, max(max a, ‖w‖₁/k)].
        double lo = 0, hi = Math.Max(a.Max(), l1 / k);
        var phi = (Math.Sqrt(5) - 1) / 2;
        double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
        double f1 = H(x1), f2 = H(x2);
        var iterations = 0;
        while (hi - lo > 1e-15 * Math.Max(1, hi) && iterations < 400)
        {
            iterations++;
            if (f1 < f2) { lo = x1; x1 = x2; f1 = f2; x2 = lo + phi * (hi - lo); f2 = H(x2); }
            else { hi = x2; x2 = x1; f2 = f1; x1 = hi - phi * (hi - lo); f1 = H(x1); }
        }
        var best = new[] { lo, x1, x2, hi }.MaxBy(H);
        var lower = Math.Max(H(best), H(0)); // h(0) = ‖w‖₂², a lower bound too
        var c = a.Select(ai => best > 0 ? Math.Min(1, ai / best) : 1).ToArray();
        var sum = c.Sum();
        if (sum > k) c = c.Select(ci => ci * k / sum).ToArray();
        var upper = 0.0;
        for (var i = 0; i < a.Length; i++)
            if (a[i] > 0) upper += a[i] * a[i] / c[i];
        return new Bracket(lower, upper, best * best, c, iterations);
    }

    /// <summary>The spectral k-support norm: the k-support norm of the singular values (k at most min(m, n)).</summary>
    public static KSupportNorm Spectral(Matrix<double> x, int k) => Norm(Thresholding.SingularValues(x), k);

    /// <summary>The spectral dual norm: the ℓ2 norm of the k largest singular values.</summary>
    public static double SpectralDual(Matrix<double> x, int k) => Dual(Thresholding.SingularValues(x), k);

    /// <summary>
    /// The largest μ <see cref="Prox"/> accepts. Its weights c_i = clip(α|y_i| − μ, 0, 1) cancel μ and carry an absolute rounding
    /// error of about μ·u, while x shrinks like ‖y‖/μ: beyond 1e6 the optimality conditions of ksupport.prox, whose rounding
    /// bounds grow with μ, would test too little of x (and beyond 1/u ≈ 1e16 the weights have no digits left).
    /// </summary>
    public const double MaxProxWeight = 1e6;

    /// <summary>
    /// argmin_x ‖y − x‖² + μ‖x‖_(k)² (ksupport.prox, THEORY.md): x = y/(1 + μ) when ‖y‖_0 ≤ k; otherwise
    /// x_i = c_i y_i/(c_i + μ) with c_i = clip(α|y_i| − μ, 0, 1) and α &gt; 0 such that Σ c_i = k. The sum is piecewise linear
    /// and nondecreasing in α, so α is found exactly on the piece where it crosses k.
    /// </summary>
    public static ProxResult Prox(IReadOnlyList<double> y, int k, double mu)
    {
        CheckK(k, y.Count);
        if (!(mu >= 0) || double.IsInfinity(mu)) throw new ArgumentException($"mu must be a finite number ≥ 0, got {mu}");
        if (mu > MaxProxWeight)
            throw new Verification.Numerics.LimitExceededException(
                $"μ = {mu:G3} is above {MaxProxWeight:G0}: the prox's weights c_i = clip(α|y_i| − μ, 0, 1) cancel μ and are computed only to about μ·u (u = 2⁻⁵³), so the optimality conditions would test too little; the prox is then within ‖y‖/μ of 0");
        var a = y.Select(Math.Abs).ToArray();
        var support = a.Count(x => x > 0);
        if (support <= k || mu == 0)
        {
            var c0 = a.Select(x => x > 0 ? 1.0 : 0.0).ToArray();
            return new ProxResult(y.Select(v => v / (1 + mu)).ToArray(), c0, double.NaN);
        }
        // Σ_i clip(α a_i − μ, 0, 1) has breakpoints α = μ/a_i and (1 + μ)/a_i.
        double Sum(double alpha) => a.Sum(ai => Math.Clamp(alpha * ai - mu, 0, 1));
        var breaks = a.Where(x => x > 0).SelectMany(x => new[] { mu / x, (1 + mu) / x }).Order().ToArray();
        double left = 0, right = breaks[^1];
        foreach (var t in breaks)
        {
            if (Sum(t) >= k) { right = t; break; }
            left = t;
        }
        // Linear on [left, right]: interpolate, then polish by bisection against rounding.
        double sl = Sum(left), sr = Sum(right);
        var alphaStar = sr > sl ? left + (k - sl) / (sr - sl) * (right - left) : right;
        for (var it = 0; it < 60; it++)
        {
            var s = Sum(alphaStar);
            if (Math.Abs(s - k) <= 1e-15 * k) break;
            if (s < k) left = alphaStar; else right = alphaStar;
            alphaStar = (left + right) / 2;
        }
        var c = a.Select(ai => Math.Clamp(alphaStar * ai - mu, 0, 1)).ToArray();
        var x = y.Select((v, i) => c[i] * v / (c[i] + mu)).ToArray();
        return new ProxResult(x, c, alphaStar);
    }

    /// <summary>
    /// Writes c (0 ≤ c_i ≤ 1, Σ c_i = k up to rounding) as a convex combination of indicators of k-subsets: the intervals
    /// [C_{i−1}, C_i) of the cumulative sums, read at the points t, t + 1, …, t + k − 1 for t ∈ [0, 1), pick exactly one index each
    /// (an interval of length ≤ 1 holds at most one of them). The picked set is constant between the fractional parts of the C_i,
    /// which gives at most d + 1 subsets, each with the length of its t-interval as weight.
    /// </summary>
    public static IReadOnlyList<(double Weight, int[] Support)> Subsets(IReadOnlyList<double> c, int k)
    {
        var d = c.Count;
        var cumulative = new double[d + 1];
        for (var i = 0; i < d; i++) cumulative[i + 1] = cumulative[i] + c[i];
        var cuts = cumulative.Select(x => x - Math.Floor(x)).Append(0).Append(1).Where(x => x >= 0 && x <= 1).Distinct().Order().ToArray();
        var result = new List<(double, int[])>();
        for (var j = 0; j + 1 < cuts.Length; j++)
        {
            var width = cuts[j + 1] - cuts[j];
            if (width <= 1e-15) continue;
            var t = (cuts[j] + cuts[j + 1]) / 2;
            var set = new List<int>();
            for (var slot = 0; slot < k; slot++)
            {
                var point = t + slot;
                var index = Array.FindIndex(cumulative, 1, x => x > point) - 1;
                if (index < 0) index = d - 1; // rounding at the very end of [0, k)
                if (!set.Contains(index)) set.Add(index);
            }
            set.Sort();
            var existing = result.FindIndex(s => s.Item2.SequenceEqual(set));
            if (existing >= 0) result[existing] = (result[existing].Item1 + width, result[existing].Item2);
            else result.Add((width, set.ToArray()));
        }
        return result;
    }

    /// <summary>
    /// An optimal decomposition of w into k-sparse atoms: w = Σ_j a_j with Σ_j ‖a_j‖_2 = ‖w‖_(k). With the optimal weights c,
    /// c = Σ_j μ_j 1_{S_j} (<see cref="Subsets"/>), and a_j = μ_j (w/c) restricted to S_j; every ‖(w/c)_{S_j}‖ equals ‖w‖_(k).
    /// </summary>
    public static IReadOnlyList<(double Weight, int[] Support, double[] Atom)> Atoms(IReadOnlyList<double> w, int k)
    {
        var norm = Norm(w, k);
        if (norm.Value == 0) return [];
        var c = norm.Weights;
        var active = Enumerable.Range(0, w.Count).Where(i => c[i] > 0).ToArray();
        var slots = Math.Min(k, active.Length);
        var subsets = Subsets(active.Select(i => c[i]).ToArray(), slots);
        return subsets.Select(s =>
        {
            var atom = new double[w.Count];
            var support = s.Support.Select(p => active[p]).ToArray();
            foreach (var i in support) atom[i] = s.Weight * w[i] / c[i];
            return (s.Weight, support, atom);
        }).ToArray();
    }
}

/// <summary>The prox x, the weights c of its variational form, and the multiplier α (NaN when ‖y‖_0 ≤ k or μ = 0).</summary>
public sealed record ProxResult(double[] X, double[] Weights, double Alpha);
