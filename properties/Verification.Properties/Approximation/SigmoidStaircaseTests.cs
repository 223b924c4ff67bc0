using Verification.Numerics;
using Verification.Topics.Approximation;
using Xunit;

namespace Verification.Properties.Approximation;

/// <summary>
/// The sigmoid staircase G(x) = f(0) + Σ Δ_i σ(k(x − t_i)) against hand values (σ(±ln 3) = ¾, ¼ make every term rational),
/// the logistic function and its slope, the tail factor C(k, N) and the stated bound, the slope bound on a cell (the
/// distance of the midpoint to the cell on either side), the documented rounding budget term by term, the certified sup of a
/// case whose sup is known exactly, and the refusals.
/// </summary>
public class SigmoidStaircaseTests
{
    private static readonly double Ln3 = Math.Log(3);

    private const double U = Rounding.UnitRoundoff;

    private static readonly PolynomialTarget Identity = new([Rational.Zero, Rational.One]);

    [Fact]
    public void Bad_parameters_are_refused_with_their_reason()
    {
        Assert.Equal("N must be at least 1, got 0", Assert.Throws<ArgumentException>(() => new SigmoidStaircase(Identity, 0, 1)).Message);
        Assert.Equal("N = 1025 is above the limit 1024 of the certified sup (each step costs O(N) per evaluation)",
            Assert.Throws<LimitExceededException>(() => new SigmoidStaircase(Identity, 1025, 1)).Message);
        foreach (var k in new[] { 0.0, -1.0, double.NaN, double.PositiveInfinity })
            Assert.StartsWith("the steepness k must be positive and finite, got ", Assert.Throws<ArgumentException>(() => new SigmoidStaircase(Identity, 2, k)).Message);
        Assert.Equal("the steepness k must be positive and finite, got -1", Assert.Throws<ArgumentException>(() => new SigmoidStaircase(Identity, 2, -1)).Message);
        var most = new SigmoidStaircase(Identity, SigmoidStaircase.MaxN, 1e-3);
        Assert.Equal(1024, most.N);
        Assert.Equal(1e-3, most.Steepness);
        Assert.Same(Identity, most.Target);
    }

    [Fact]
    public void The_logistic_function_and_its_slope()
    {
        Assert.Equal(0.5, SigmoidStaircase.Sigmoid(0));
        Assert.Equal(0.75, SigmoidStaircase.Sigmoid(Ln3), 1e-15); // 1/(1 + ⅓)
        Assert.Equal(0.25, SigmoidStaircase.Sigmoid(-Ln3), 1e-15); // ⅓/(1 + ⅓)
        Assert.Equal(1.0, SigmoidStaircase.Sigmoid(800));
        Assert.Equal(0.0, SigmoidStaircase.Sigmoid(-800)); // no ∞/∞
        Assert.Equal(0.25, SigmoidStaircase.SigmoidSlope(0)); // σ(0)(1 − σ(0))
        Assert.Equal(3.0 / 16, SigmoidStaircase.SigmoidSlope(Ln3), 1e-15); // ¾·¼
        Assert.Equal(3.0 / 16, SigmoidStaircase.SigmoidSlope(-Ln3), 1e-15);
        Assert.Equal(0.0, SigmoidStaircase.SigmoidSlope(800));
    }

    /// <summary>N = 1, f = x, k = 2 ln 3: one step of height 1 at ½, G(x) = σ(2 ln 3 (x − ½)): G(0) = ¼, G(½) = ½, G(1) = ¾.</summary>
    [Fact]
    public void One_step_is_one_sigmoid_at_the_midpoint()
    {
        var g = new SigmoidStaircase(Identity, 1, 2 * Ln3);
        Assert.Equal(0.25, g.Evaluate(0), 1e-15);
        Assert.Equal(0.5, g.Evaluate(0.5), 1e-15);
        Assert.Equal(0.75, g.Evaluate(1), 1e-15);
        // f(x₀) is the base: 2 + x gives 2 + σ(…).
        Assert.Equal(2.75, new SigmoidStaircase(new PolynomialTarget([2, 1]), 1, 2 * Ln3).Evaluate(1), 1e-15);
    }

    /// <summary>
    /// N = 2, f = x², k = 4 ln 3: Δ = (¼, ¾) at t = (¼, ¾), and k(x − t_i) ∈ {0, ±ln 3, ±3 ln 3} at x = 0, ½, 1 with σ(3 ln 3) = 27/28:
    /// G(0) = ¼·¼ + ¾·1/28 = 5/56, G(½) = ¼·¾ + ¾·¼ = 3/8, G(1) = ¼·27/28 + ¾·¾ = 45/56.
    /// </summary>
    [Fact]
    public void Two_steps_of_x_squared_by_hand()
    {
        var g = new SigmoidStaircase(new PolynomialTarget([0, 0, 1]), 2, 4 * Ln3);
        Assert.Equal(5.0 / 56, g.Evaluate(0), 1e-15);
        Assert.Equal(3.0 / 8, g.Evaluate(0.5), 1e-15);
        Assert.Equal(45.0 / 56, g.Evaluate(1), 1e-15);
    }

    /// <summary>
    /// N = 64, f = x, k = N²: the steps far below x are summed whole. At x = ½ the sigmoids pair up around x (σ(z) + σ(−z) = 1)
    /// and G(½) = 32/64 exactly; at 0 and 1, G is within (1/64)·Σ e^{−32(2j+1)} of f.
    /// </summary>
    [Fact]
    public void Steep_steps_far_from_x_count_as_whole_steps()
    {
        var g = new SigmoidStaircase(Identity, 64, 64 * 64);
        Assert.Equal(0.5, g.Evaluate(0.5), 1e-14);
        Assert.Equal(1.0, g.Evaluate(1), 1e-14);
        Assert.Equal(0.0, g.Evaluate(0), 1e-14);
        Assert.Equal(0.25, g.Evaluate(0.25), 1e-14);
        Assert.Equal(17.0 / 64, g.Evaluate(17.0 / 64), 1e-14);
    }

    /// <summary>The windowed evaluation against the definition summed over all 16 steps (k = 1024: only a few steps are in the window).</summary>
    [Fact]
    public void The_windowed_sum_is_the_definition()
    {
        var f = new SineTarget(2);
        const int n = 16;
        const double k = 1024;
        var g = new SigmoidStaircase(f, n, k);
        var values = Enumerable.Range(0, n + 1).Select(i => f.Evaluate((double)i / n)).ToArray();
        for (var j = 0; j <= 200; j++)
        {
            var x = j / 200.0;
            var full = values[0] + Enumerable.Range(1, n).Sum(i => (values[i] - values[i - 1]) * SigmoidStaircase.Sigmoid(k * (x - (i - 0.5) / n)));
            Assert.Equal(full, g.Evaluate(x), 1e-13);
        }
    }

    /// <summary>
    /// C(k, N) = ½ + σ(−k/N) + 2q/(1 − q), q = e^{−k/N}: k/N = ln 2 gives ½ + ⅓ + 2 = 17/6; k/N = ln 3 gives ½ + ¼ + 1 = 7/4. The
    /// bound for f = x, N = 2, k = 2 ln 3 is ω(¼) + ω(½)·7/4 = ¼ + 7/8 = 9/8.
    /// </summary>
    [Fact]
    public void The_tail_factor_and_the_bound_by_hand()
    {
        Assert.Equal(17.0 / 6, SigmoidStaircase.TailFactor(3 * Math.Log(2), 3), 1e-14);
        Assert.Equal(1.75, SigmoidStaircase.TailFactor(5 * Ln3, 5), 1e-14);
        Assert.Equal(1.125, SigmoidStaircase.Bound(Identity, 2, 2 * Ln3), 1e-14);
        Assert.Equal(1.125, new SigmoidStaircase(Identity, 2, 2 * Ln3).Bound(), 1e-14);
        // √x, N = 1, k = 2 ln 3 (q = 1/9): ω(½) + ω(1)·(½ + 1/10 + ¼) = √½ + 0.85.
        Assert.Equal(Math.Sqrt(0.5) + 0.85, SigmoidStaircase.Bound(SquareRootTarget.Instance, 1, 2 * Ln3), 1e-14);
    }

    /// <summary>
    /// sup |G′| on [u, v] for one step at ½ with k = 4 ln 3: k·σ′(k·dist(½, [u, v])). Inside: k/4 = ln 3; on [¾, 1] and on [0, ¼] the
    /// midpoint is ¼ away (below and above the cell): k·σ′(ln 3) = 4 ln 3 · 3/16 = ¾ ln 3.
    /// </summary>
    [Fact]
    public void The_slope_bound_uses_the_distance_of_each_midpoint_to_the_cell()
    {
        var g = new SigmoidStaircase(Identity, 1, 4 * Ln3);
        Assert.Equal(Ln3, g.SlopeBound(0.25, 0.75), 1e-11);
        Assert.Equal(Ln3, g.SlopeBound(0, 1), 1e-11);
        Assert.Equal(0.75 * Ln3, g.SlopeBound(0.75, 1), 1e-11);
        Assert.Equal(0.75 * Ln3, g.SlopeBound(0, 0.25), 1e-11);
        // It bounds every difference quotient of G on the cell.
        foreach (var (u, v) in new[] { (0.0, 0.25), (0.25, 0.75), (0.75, 1.0), (0.4, 0.45) })
        {
            var bound = g.SlopeBound(u, v);
            for (var j = 0; j < 10; j++)
            {
                double a = u + (v - u) * j / 10, b = u + (v - u) * (j + 1) / 10;
                Assert.True(Math.Abs(g.Evaluate(b) - g.Evaluate(a)) / (b - a) <= bound * (1 + 1e-9), $"[{a}, {b}] in [{u}, {v}]");
            }
        }
        // It rounds up: strictly above the exact value k/4.
        Assert.True(g.SlopeBound(0.25, 0.75) > Ln3);
    }

    /// <summary>
    /// The rounding budget of the documented formula for f = x, N = 1, k = 2: the knot errors are 0 at x = 0 and E + u(1 + 4u) at
    /// x = 1 (E = γ₈(1 + 4u) from Horner, u(1 + 4u) from f's variation over the rounding of the knot), s₁ = that + 6u·1 +
    /// u·k·(2·½ + 1)·1, s₂ = u·k, and the sums γ₆(|f(x)| + |f(0)| + Σ|Δ|) and e^{−40}Σ|Δ|; the whole is scaled by 1 + 10⁻¹⁰.
    /// </summary>
    [Fact]
    public void The_evaluation_error_is_the_documented_budget()
    {
        var g = new SigmoidStaircase(Identity, 1, 2);
        var e = Rounding.Gamma(8) * (1 + 4 * U);
        var knot1 = e + U * (1 + 4 * U);
        var s1 = knot1 + 6 * U + U * 2 * 2;
        var s2 = U * 2;
        var tail = Math.Exp(-40);
        // x = 1, f(x) = 1: f's own error E, f(0)'s error 0, s₁, s₂·1, γ₆·(1 + 0 + 1), the tail.
        Assert.Equal((e + s1 + s2 + Rounding.Gamma(6) * 2 + tail) * (1 + 1e-10), g.EvaluationError(1, 1), 1e-28);
        // x = 0, f(x) = 0: no error of f, no s₂ term, γ₆·(0 + 0 + 1).
        Assert.Equal((s1 + Rounding.Gamma(6) + tail) * (1 + 1e-10), g.EvaluationError(0, 0), 1e-28);
        // A constant has no steps: only its own error at the point and at x₀ (both γ₈(1 + 4u)), the two knot errors in s₁, and γ₆(|f(x)| + |f(0)|).
        var c = new SigmoidStaircase(new PolynomialTarget([1]), 1, 2);
        Assert.Equal((4 * e + Rounding.Gamma(6) * 2) * (1 + 1e-10), c.EvaluationError(0.5, 1), 1e-28);
    }

    /// <summary>
    /// f = x, N = 1, k = 2 ln 3: f − G has slope 1 − kσ′ ≥ 1 − k/4 &gt; 0, so it increases from 0 − ¼ to 1 − ¾: the sup is exactly ¼,
    /// at both ends, and is within the stated bound ω(½) + ω(1)·C = ½ + 0.85.
    /// </summary>
    [Fact]
    public void The_certified_sup_encloses_the_exact_sup()
    {
        var g = new SigmoidStaircase(Identity, 1, 2 * Ln3);
        var sup = g.CertifiedSupError();
        Assert.True(sup.Converged);
        Assert.InRange(0.25, sup.Lower, sup.Upper);
        Assert.True(sup.Upper <= 0.25 * (1 + 1e-3) + 1e-12, $"{sup.Upper}");
        Assert.True(Math.Min(sup.ArgMax, 1 - sup.ArgMax) <= 0.01, $"{sup.ArgMax}");
        Assert.Equal(1.35, g.Bound(), 1e-14);
        Assert.True(sup.Upper <= g.Bound());
        // √x with N = 8, k = 64: the certified sup is within the stated bound.
        var root = new SigmoidStaircase(SquareRootTarget.Instance, 8, 64);
        Assert.True(root.CertifiedSupError().Upper <= root.Bound());
    }
}
