using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Depth;

namespace Verification.Topics.Approximation;

/// <summary>THEORY.md "Depth and approximation": approx.relu-interpolation and approx.sigmoid-staircase, with their controls.</summary>
public static class ApproximationClaims
{
    private static Value Exact(QuadraticSurd x) => x.IsRational ? RationalValues.Of(x.A) : Value.Of(x.ToString());

    // ---- approx.relu-interpolation ----

    public static Claim<InterpolationCase> ReluInterpolation { get; } = Claim.Theorem(
        id: "approx.relu-interpolation",
        title: "The one-hidden-layer ReLU network F is the piecewise-linear interpolant on the knots; its sup error is ≤ Lh/2 (L-Lipschitz f) and ≤ h²‖f″‖_∞/8 (C² f)",
        statement: @"x_i = a + ih,\ s_i = \tfrac{f(x_i) - f(x_{i-1})}{h},\ F(x) = f(x_0) + s_1\mathrm{ReLU}(x - x_0) + \sum_{i=1}^{N-1}(s_{i+1} - s_i)\mathrm{ReLU}(x - x_i):\ F(x_i) = f(x_i),\ \sup_{[a,b]}|f - F| \le \tfrac{Lh}{2},\ \sup_{[a,b]}|f - F| \le \tfrac{h^2\|f''\|_\infty}{8}",
        source: "Hornik1991",
        instances: InterpolationCases.Any,
        check: c => CheckInterpolation(c, Rational.Half, Rational.Of(1, 8)),
        evidence: "exact: the network propagated to its pieces equals the interpolant, F(x_i) = f(x_i) at every knot, and on every piece |f − F| is compared with both bounds at the ends and at the critical points of f − F (rationals, or quadratic surds for cubics, compared exactly); L = max|f′| and ‖f″‖_∞ on [a, b] computed exactly; f = x² attains h²‖f″‖_∞/8 exactly",
        sides: "lhs: the exact sup |f − F| on [a, b] (a rational or a quadratic surd); rhs: the failing bound (h²‖f″‖_∞/8 or Lh/2), or the network's pieces and values against the interpolant's");

    public static Outcome CheckInterpolation(InterpolationCase c, Rational lipschitzConstant, Rational smoothConstant)
    {
        var f = c.F;
        var knots = Interpolation.Knots(c.A, c.B, c.N);
        var values = knots.Select(f.Value).ToArray();
        var network = Interpolation.Network(knots, values);
        var interpolant = network.ToPiecewiseLinear(c.A, c.B);
        var reference = PiecewiseLinear.Interpolant(knots, values);
        var h = c.H;
        var sup = Interpolation.Sup(f, interpolant);
        var lipschitz = f.Lipschitz(c.A, c.B);
        var lipschitzBound = lipschitzConstant * lipschitz * h;
        var secondDerivative = f.SecondDerivativeSup(c.A, c.B);
        var smoothBound = secondDerivative is { } m ? smoothConstant * h * h * m : (Rational?)null;
        var badKnot = Enumerable.Range(0, knots.Length).FirstOrDefault(i => interpolant.Evaluate(knots[i]) != values[i], -1);

        Outcome Bound(Rational bound, string name)
        {
            var over = sup.Exceeding(bound);
            return over is { } o
                ? Outcome.Decide(false, Exact(o.Error.Abs()), RationalValues.Of(bound), $"exact: |f − F| = {o.Error.Abs()} ≈ {o.Error.Abs().ToDouble():G6} at x = {o.X} exceeds {name} = {bound}", o.Error.Abs().ToDouble() - bound.ToDouble())
                : Outcome.Decide(true, Exact(sup.Value), RationalValues.Of(bound), $"exact: sup |f − F| = {sup.Value} ≈ {sup.Approximate:G6} ≤ {name} = {bound}");
        }

        var parts = new List<Outcome>();
        if (smoothBound is { } sb) parts.Add(Bound(sb, $"h²‖f″‖_∞·{smoothConstant}"));
        parts.Add(Bound(lipschitzBound, $"Lh·{lipschitzConstant}"));
        parts.Add(Outcome.Decide(interpolant.Equals(reference), Value.Of(interpolant.ToString()), Value.Of(reference.ToString()),
            "exact: the network's pieces on [a, b] are the piecewise-linear interpolant of the knots"));
        parts.Add(Outcome.Decide(badKnot < 0, Value.Of(badKnot < 0 ? "F(x_i)" : interpolant.Evaluate(knots[badKnot]).ToString()), Value.Of(badKnot < 0 ? "f(x_i)" : values[badKnot].ToString()),
            badKnot < 0 ? $"exact: F(x_i) = f(x_i) at all {knots.Length} knots" : $"exact: F(x_{badKnot}) ≠ f(x_{badKnot})"));

        var details = new List<NamedValue>
        {
            new("supError", Value.Of(sup.Approximate)),
            new("supErrorExact", Exact(sup.Value)),
            new("argMax", Exact(sup.At)),
            new("h", RationalValues.Of(h)),
            new("L", RationalValues.Of(lipschitz)),
            new("lipschitzBound", RationalValues.Of(lipschitzBound)),
            new("secondDerivativeSup", secondDerivative is { } s2 ? RationalValues.Of(s2) : Value.Of("f is not C² on [a, b]")),
            new("smoothBound", smoothBound is { } s3 ? RationalValues.Of(s3) : Value.Of("none (f is not C²)")),
            new("attained", Value.Of(smoothBound is { } s4 && sup.Attains(s4) ? "the C² bound is attained exactly" : sup.Attains(lipschitzBound) ? "the Lipschitz bound is attained exactly" : "no bound is attained")),
            new("pieces", Value.Of((long)interpolant.PieceCount)),
            new("piecesOnR", Value.Of((long)network.ToPiecewiseLinear().PieceCount)),
        };
        if (c.N <= 16)
            for (var l = 0; l < network.LayerCount; l++)
            {
                details.Add(new($"W{l + 1}", RationalValues.Matrix(network.Weights(l))));
                details.Add(new($"b{l + 1}", RationalValues.Row(network.Bias(l))));
            }
        return Outcome.All(parts.ToArray()).WithDetails(details.ToArray());
    }

    public static Claim<InterpolationCase> ReluInterpolationControl { get; } = Claim.Control(
        id: "approx.relu-interpolation.control",
        title: "Control: the interpolation bounds with half the constants (Lh/4 and h²‖f″‖_∞/16)",
        statement: @"\sup_{[a,b]}|f - F| \le \tfrac{Lh}{4} \text{ and } \le \tfrac{h^2\|f''\|_\infty}{16}",
        instances: InterpolationCases.Any,
        check: c => CheckInterpolation(c, Rational.Of(1, 4), Rational.Of(1, 16)),
        evidence: "the exact certified sup against halved constants: x² attains h²‖f″‖_∞/8 and |x − c| at a midpoint attains Lh/2, so both halves fail",
        sides: "lhs: the exact sup |f − F| on [a, b]; rhs: h²‖f″‖_∞/16 or Lh/4");

    // ---- approx.sigmoid-staircase ----

    public static Claim<StaircaseCase> SigmoidStaircaseClaim { get; } = Claim.Theorem(
        id: "approx.sigmoid-staircase",
        title: "A staircase of N sigmoids of steepness k approximates a continuous f on [0, 1] within ω(1/(2N)) + ω(1/N)·C(k, N), which tends to 0 with N when k = N²",
        statement: @"G(x) = f(0) + \sum_{i=1}^N \big(f(\tfrac iN) - f(\tfrac{i-1}N)\big)\,\sigma\!\big(k(x - \tfrac{i-1/2}{N})\big):\ \sup_{[0,1]}|f - G| \le \omega_f(\tfrac1{2N}) + \omega_f(\tfrac1N)\Big(\tfrac12 + \sigma(-\tfrac kN) + \tfrac{2q}{1-q}\Big),\ q = e^{-k/N}",
        source: "Cybenko1989",
        instances: StaircaseCases.Any,
        check: c => CheckStaircase(c, control: false),
        evidence: "a certified sup: branch and bound on [0, 1] with the rounding error of each evaluation and the variation of f − G over each cell (the modulus of f plus radius × a bound on |G′|) as rigorous bounds, refined to 0.1 %, against the stated bound with the exact modulus of continuity ω (exact rationals for polynomials and piecewise-linear f, √δ for √x, 2sin(πνδ) for sin 2πνx); N = 1..64, k from N/2 to 16N²",
        sides: "lhs: the certified upper end of sup |f − G| on [0, 1] (its lower end when that exceeds the bound); rhs: ω(1/(2N)) + ω(1/N)·C(k, N)") with
    {
        CaseBudget = n => Math.Max(1, n / 2),
    };

    public static Outcome CheckStaircase(StaircaseCase c, bool control)
    {
        var g = new SigmoidStaircase(c.F, c.N, c.K);
        var omegaHalf = c.F.Modulus(Rational.Of(1, 2 * c.N));
        var omega = c.F.Modulus(Rational.Of(1, c.N));
        if (omega == 0 && c.F is ExactTarget)
            return Outcome.Decide(true, Value.Of(0.0), Value.Of(0.0), "exact: ω(1/N) = 0, so f is constant on [0, 1], every step Δ_i is 0 and G = f")
                .WithDetails(new NamedValue("supError", Value.Of(0.0)), new NamedValue("bound", Value.Of(0.0)));
        if (!double.IsFinite(omega) || !double.IsFinite(omegaHalf))
            return Outcome.Inconclusive($"the modulus of continuity overflows a double (ω(1/N) = {omega:G3}): {TargetInput.StaircaseHomogeneity}, so rescale f");
        var sup = g.CertifiedSupError(relativeTolerance: 1e-3);
        var tail = SigmoidStaircase.TailFactor(c.K, c.N);
        var bound = control ? omegaHalf : g.Bound();
        if (!double.IsFinite(sup.Upper) || !double.IsFinite(sup.Lower) || !double.IsFinite(bound))
            return Outcome.Inconclusive($"a floating-point value is not finite (certified sup in [{sup.Lower:G3}, {sup.Upper:G3}], bound {bound:G3}): {TargetInput.StaircaseHomogeneity}, so rescale f");
        var name = control ? "ω(1/(2N))" : "ω(1/(2N)) + ω(1/N)·C(k, N)";
        var tolerance = new Tolerance(16 * Rounding.UnitRoundoff * bound, "the bound evaluated in double: 16u relative");
        Outcome outcome;
        if (sup.Upper <= bound + tolerance.Bound)
            outcome = Outcome.AtMost(sup.Upper, bound, tolerance, $"certified: sup |f − G| ≤ {sup.Upper:G6} ≤ {name} = {bound:G6}");
        else if (sup.Lower > bound + tolerance.Bound)
            outcome = Outcome.AtMost(sup.Lower, bound, tolerance, $"certified: sup |f − G| ≥ {sup.Lower:G6} (near x = {sup.ArgMax:G6}) > {name} = {bound:G6}");
        else
            outcome = Outcome.Inconclusive($"the certified enclosure [{sup.Lower:G6}, {sup.Upper:G6}] of sup |f − G| straddles {name} = {bound:G6}", Value.Of(sup.Upper), Value.Of(bound));
        return outcome.WithDetails(
            new("supError", Value.Of(sup.Estimate)),
            new("supLower", Value.Of(sup.Lower)),
            new("supUpper", Value.Of(sup.Upper)),
            new("argMax", Value.Of(sup.ArgMax)),
            new("bound", Value.Of(g.Bound())),
            new("omegaHalfStep", Value.Of(omegaHalf)),
            new("omegaStep", Value.Of(omega)),
            new("tailFactor", Value.Of(tail)),
            new("steepness", Value.Of(c.K)),
            new("cells", Value.Of((long)sup.Cells)),
            new("converged", Value.Of(sup.Converged ? "yes" : "no: the cell budget ran out; the enclosure is still rigorous")));
    }

    public static Claim<StaircaseCase> SigmoidStaircaseControl { get; } = Claim.Control(
        id: "approx.sigmoid-staircase.control",
        title: "Control: the sigmoid staircase within the Heaviside staircase's error ω(1/(2N)) (ignores the finite steepness)",
        statement: @"\sup_{[0,1]}|f - G| \le \omega_f(\tfrac1{2N})",
        instances: StaircaseCases.Any,
        check: c => CheckStaircase(c, control: true),
        evidence: "the certified sup against ω(1/(2N)) alone: with a shallow steepness (k ≈ N) the sigmoids' tails add up, e.g. at x = 0, and the certified lower bound exceeds it",
        sides: "lhs: the certified upper end of sup |f − G| on [0, 1] (its lower end when that exceeds the bound); rhs: ω(1/(2N))") with
    {
        CaseBudget = n => Math.Max(1, n / 2),
    };
}
