using Verification.Engine;
using Verification.Reporting;

namespace Verification.Topics.Factorization;

/// <summary>factorization.meta-algorithm (Theorem 2), and a control that never appends a column.</summary>
public static partial class FactorizationClaims
{
    public static Claim<MetaCase> MetaAlgorithmClaim { get; } = Claim.Theorem(
        id: "factorization.meta-algorithm",
        sides: "lhs: f at the end of the meta-algorithm; rhs: the certified min F (a failing part reports its own sides: the certificate's state, the final width against min(m, n) + 1)",
        title: "Theorem 2: descend, test the certificate, append √t·(a, b) from the top singular pair of −∇ℓ, continue: the global minimum, with final width ≤ min(m, n) + 1",
        statement: @"\text{repeat: local descent on } f;\ \text{if } \|{-\nabla_X \ell(Y, UV^\top)}\|_2 > \lambda:\ U \leftarrow [U\ \sqrt{t}\,a],\ V \leftarrow [V\ \sqrt{t}\,b],\ (a, b) \text{ the top singular pair of } -\nabla_X \ell\ (= Y - UV^\top \text{ for } \tfrac12\|Y - X\|_F^2) \implies \text{a global minimum of } f \text{ with final } r \le \min(m, n) + 1",
        source: "Haeffele2015",
        instances: MetaAlgorithmCases.All,
        check: c => CheckMetaAlgorithm(c, appending: true),
        evidence: "the meta-algorithm run from starts of width 1 to min(m, n) + 1 (Gaussian at three scales, tiny, zero, bottom singular subspace, one repeated column), three losses; it stops when ‖−∇ℓ‖₂ ≤ λ(1 + η), η = 10⁻⁶, with t minimizing f along the new column (σ₁ − λ for the squared loss); checked: the certificate passed, f at the end is min F within the bound that certificate and the measured stationarity give plus the independent solver's certified gap, and the final width is at most min(m, n) + 1; the report lists rounds, widths and descent iterations") with
    {
        CaseBudget = n => Math.Max(1, n / 4),
    };

    /// <summary>Local descent alone from the same starts: it stops at the best point of the start's width, which is not global when the width is below rank X*.</summary>
    public static Claim<MetaCase> MetaAlgorithmControl { get; } = Claim.Control(
        id: "factorization.meta-algorithm.control",
        sides: "lhs: the certificate's state (or f) at the end of local descent alone; rhs: certificate passed (or the certified min F)",
        title: "Control: local descent alone (no appended columns) reaches the convex minimum from any start (false for starts narrower than rank X*)",
        statement: @"\text{local descent on } f \text{ from any } (U_0, V_0) \text{ reaches } \min F \quad\text{(false when } r_0 < \operatorname{rank} X^*)",
        instances: MetaAlgorithmCases.All,
        check: c => CheckMetaAlgorithm(c, appending: false),
        evidence: "the check of factorization.meta-algorithm with one round (no appending); fixed example Y = I₂, λ = ½, a width-1 start in the bottom singular subspace, so the refutation does not depend on the budget",
        source: "Haeffele2015") with
    {
        CaseBudget = n => Math.Max(1, n / 4),
        Examples = [BottomStartExample()],
    };

    private static MetaCase BottomStartExample()
    {
        var problem = ConvexProblem.Create(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(2), 0.5, Verification.LinearAlgebra.ConvexLoss.Squared);
        return new MetaCase(problem, MetaAlgorithmCases.Start(problem, 1, "bottom", 1, 1), "bottom", 1);
    }

    public static Outcome CheckMetaAlgorithm(MetaCase c, bool appending)
    {
        var p = c.Problem;
        if (BelowResolution(p) is { } tiny) return tiny;
        var s = p.Solve(Solver);
        if (Unsolved(s) is { } unsolved) return unsolved;
        var bound = p.Smaller + 1;
        var run = MetaAlgorithm.Run(p.Loss, p.Y, p.Lambda, c.Start, c.Seed, appending ? p.Smaller + 3 : 1);
        var widths = string.Join("→", run.Rounds.Select(r => r.Width));
        var what = appending ? $"the end of the meta-algorithm (widths {widths})" : $"the end of local descent at width {c.StartWidth}";
        var parts = new List<Outcome>
        {
            Outcome.Decide(run.Certified, Value.Of(run.Certified ? "certificate passed" : "round cap reached"), Value.Of("certificate passed"),
                run.Certified ? $"the certificate ‖−∇ℓ‖₂ ≤ λ(1 + η) passed after {run.Rounds.Count} round(s)"
                    : $"the certificate still failed after {run.Rounds.Count} round(s): ‖−∇ℓ‖₂ = {run.Certificate.SpectralNorm:G6} > λ = {p.Lambda:G6}",
                residual: run.Certificate.SpectralNorm - p.Lambda),
            GlobalAgainstConvex(p, run.Point, s, what),
            Outcome.Decide(run.FinalWidth <= bound, Value.Of(run.FinalWidth), Value.Of(bound),
                $"final width {run.FinalWidth} ≤ min(m, n) + 1 = {bound} (start width {c.StartWidth})", residual: run.FinalWidth - bound),
        };
        var outcome = Outcome.All(parts.ToArray());
        if (outcome.Holds)
            outcome = outcome with
            {
                Lhs = Value.Of(run.Value),
                Rhs = Value.Of(s.Primal),
                Explanation = $"f at {what} (lhs) equals the certified min F (rhs), final width {run.FinalWidth} ≤ {bound}; the residual is the largest relative one, of: {outcome.Explanation}",
            };
        return outcome.WithDetails([
            new("value", Value.Of(run.Value)), new("minF", Value.Of(s.Primal)), new("gap", Value.Of(s.Gap)),
            new("rounds", Value.Of(run.Rounds.Count)), new("widths", Value.Of(widths)), new("startWidth", Value.Of(c.StartWidth)),
            new("finalWidth", Value.Of(run.FinalWidth)), new("widthBound", Value.Of(bound)), new("appended", Value.Of(run.Appended)),
            new("descentIterations", Value.Of(run.DescentIterations)),
            new("certificates", Value.Of(string.Join(", ", run.Rounds.Select(r => r.SpectralNorm.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))))),
            new("steps", Value.Of(string.Join(", ", run.Rounds.Select(r => r.AppendedT.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))))),
            new("start", Value.Of(c.StartStyle)),
        ]);
    }
}
