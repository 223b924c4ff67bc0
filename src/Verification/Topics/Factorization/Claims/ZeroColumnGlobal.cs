using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Factorization;

/// <summary>factorization.zero-column-global (Theorem 1), and a control without the zero column.</summary>
public static partial class FactorizationClaims
{
    public static Claim<ZeroColumnCase> ZeroColumnGlobal { get; } = Claim.Theorem(
        id: "factorization.zero-column-global",
        sides: "lhs and rhs: the sides of the comparison reported (‖−∇ℓ(UVᵀ)‖₂ against λ, f at the local minimizer with a zero column against the certified min F)",
        title: "Theorem 1: a local minimizer of f with a zero column (u_i, v_i) = (0, 0) is a global minimizer, and UVᵀ minimizes F",
        statement: @"(U, V) \text{ a local minimizer of } f \text{ with } (u_i, v_i) = (0, 0) \text{ for some } i \implies (U, V) \in \operatorname*{argmin} f,\ UV^\top \in \operatorname*{argmin} F",
        source: "Haeffele2015",
        instances: ZeroColumnCases.All,
        check: c => CheckLocalMinimizer(c, zeroColumns: true),
        evidence: "local minimizers built by descent (L-BFGS on ½λ(‖U‖² + ‖V‖²) form, with perturbations that leave saddles) at a width above rank X* with the zero columns held at exactly 0; the premise is tested (perturbing every column, the zero ones included, and descending again never lowers f by more than 10⁻⁹ relative, else the case is discarded); the conclusion against the independent convex solver: ‖−∇ℓ(UVᵀ)‖₂ ≤ λ(1 + η), η = 10⁻⁶, and f(U, V) − min F at most the bound that this certificate and the measured stationarity give (Fenchel–Young), plus the solver's certified gap") with
    {
        CaseBudget = n => Math.Max(1, n / 5),
    };

    /// <summary>The same construction at a width below rank X*, without a zero column: such local minimizers are not global.</summary>
    public static Claim<ZeroColumnCase> ZeroColumnGlobalControl { get; } = Claim.Control(
        id: "factorization.zero-column-global.control",
        sides: "lhs and rhs: the sides of the comparison reported (‖−∇ℓ(UVᵀ)‖₂ against λ, f at a local minimizer without a zero column against the certified min F)",
        title: "Control: every local minimizer of f is global, zero column or not (false below the rank of X*)",
        statement: @"(U, V) \text{ a local minimizer of } f \implies (U, V) \in \operatorname*{argmin} f \quad\text{(false: at width } r < \operatorname{rank} X^* \text{ the best width-}r\text{ point is a local minimizer)}",
        instances: ZeroColumnCases.All,
        check: c => CheckLocalMinimizer(c, zeroColumns: false),
        evidence: "the check of factorization.zero-column-global on local minimizers built at width max(1, rank X* − 1) with no zero column",
        source: "Haeffele2015") with
    {
        CaseBudget = n => Math.Max(1, n / 5),
    };

    /// <summary>The certificate tested to the resolution η: ‖−∇ℓ‖₂ ≤ λ(1 + η), plus the SVD bound.</summary>
    public static Tolerance CertificateResolution(ConvexProblem p, Factors f) =>
        new Tolerance(p.Lambda * MetaAlgorithm.Resolution, $"certificate resolution λη, η = {MetaAlgorithm.Resolution:G2} (descent stops at a numerical local minimum)")
            .Plus(Tolerance.Spectral(p.Rows, p.Columns, f.Width + 2, p.Loss.Gradient(p.Y, f.Product).FrobeniusNorm() + Rounding.UnitRoundoff));

    /// <summary>
    /// The bound on f(U, V) − min F that the certificate at resolution η and the measured stationarity give
    /// (<see cref="FactorizedObjective.ExcessBound"/>), plus the solver's certified gap and the rounding of f.
    /// </summary>
    public static Tolerance GlobalValueTolerance(ConvexProblem p, Factors f, ConvexSolution s) =>
        new Tolerance(FactorizedObjective.ExcessBound(p.Loss, p.Y, f.U, f.V, p.Lambda, MetaAlgorithm.Resolution),
                "f − min F bound from ‖−∇ℓ‖₂ ≤ λ(1 + η) and the stationarity ⟨(U, V), ∇h⟩ (Fenchel–Young)")
            .Plus(SolverGap(s)).Plus(FactorizedRounding(p, f));

    /// <summary>The conclusion "(U, V) is a global minimum and UVᵀ minimizes F", checked against the certified convex minimum.</summary>
    public static Outcome GlobalAgainstConvex(ConvexProblem p, Factors f, ConvexSolution s, string what)
    {
        var certificate = FactorizedObjective.Certify(p.Loss, p.Y, f.U, f.V, p.Lambda);
        var value = p.Factorized(f);
        var valueTolerance = GlobalValueTolerance(p, f, s);
        var outcomes = new List<Outcome>
        {
            Outcome.AtMost(certificate.SpectralNorm, p.Lambda, CertificateResolution(p, f), $"‖−∇ℓ(UVᵀ)‖₂ ≤ λ at {what}: UVᵀ minimizes F"),
            Outcome.AtMost(value, s.LowerBound, valueTolerance, $"f at {what} equals min F (certified by the convex solver): a global minimum"),
            Outcome.AtLeast(value, s.LowerBound, FactorizedRounding(p, f), $"f at {what} is not below the certified lower bound of min F"),
        };
        if (p.Loss.StrongConvexity > 0)
        {
            // F(UVᵀ) − min F ≤ f − min F ≤ bound, and strong convexity turns it into a distance to X*; the solver's X likewise.
            var distance = Math.Sqrt(2 * valueTolerance.Bound / p.Loss.StrongConvexity) + Math.Sqrt(2 * s.CertifiedGap / p.Loss.StrongConvexity);
            outcomes.Add(Outcome.Distance(Value.Of(f.Product), Value.Of(s.X), (f.Product - s.X).FrobeniusNorm(),
                new Tolerance(distance, "√(2·value bound/μ) + √(2·certified gap/μ) (strong convexity, μ = 1)"), $"UVᵀ at {what} is the convex minimizer (Frobenius distance)"));
        }
        return Outcome.All(outcomes.ToArray()).WithDetails(
            new NamedValue("f", Value.Of(value)), new NamedValue("spectralNorm", Value.Of(certificate.SpectralNorm)),
            new NamedValue("U", Value.Of(f.U)), new NamedValue("V", Value.Of(f.V)));
    }

    /// <summary>The smallest λ/λ_c (λ_c = ‖∇ℓ(Y, 0)‖₂) at which local descent resolves the certificate at resolution η.</summary>
    public const double SmallestRelativeLambda = 1e-6;

    /// <summary>Inconclusive when λ is below <see cref="SmallestRelativeLambda"/>·λ_c: descent's stationarity (10⁻¹⁰ of the problem's scale) cannot resolve ‖−∇ℓ‖₂ ≤ λ(1 + η) there.</summary>
    public static Outcome? BelowResolution(ConvexProblem p)
    {
        var critical = ConvexProblem.CriticalLambda(p.Y, p.Loss);
        return p.Lambda < SmallestRelativeLambda * critical
            ? Outcome.Inconclusive($"λ = {p.Lambda:G3} is below {SmallestRelativeLambda:G1}·‖∇ℓ(Y, 0)‖₂ = {SmallestRelativeLambda * critical:G3}: local descent, stationary to 10⁻¹⁰ of the problem's scale, cannot resolve the certificate at that weight")
            : null;
    }

    public static Outcome CheckLocalMinimizer(ZeroColumnCase c, bool zeroColumns)
    {
        var p = c.Problem;
        if (BelowResolution(p) is { } tiny) return tiny;
        var s = p.Solve(Solver);
        if (Unsolved(s) is { } unsolved) return unsolved;
        var rng = new SplitMix64(c.Seed);
        var width = zeroColumns ? c.Width : Math.Max(1, s.Rank - 1);
        IReadOnlyList<int> zeros = zeroColumns ? c.ZeroColumns : [];
        var start = RandomStart(p, width, rng);
        foreach (var z in zeros)
        {
            start.U.ClearColumn(z);
            start.V.ClearColumn(z);
        }
        var descent = LocalDescent.Run(p.Loss, p.Y, p.Lambda, start, rng.NextUInt64(), frozen: zeros.ToArray());
        var point = descent.Point;
        var exactZeros = zeros.All(z => point.U.Column(z).All(e => e == 0) && point.V.Column(z).All(e => e == 0));
        if (!exactZeros) return Outcome.Error(new InvalidOperationException("descent moved a column held at zero"));

        // The premise: a local minimizer. Perturb every column (the zero ones too) and descend again.
        var test = LocalDescent.Run(p.Loss, p.Y, p.Lambda, point, rng.NextUInt64(), DescentOptions.Default with { EscapeAttempts = 3 });
        var value = p.Factorized(point);
        if (test.Value < descent.Value - 1e-9 * (1 + Math.Abs(descent.Value)))
            return Outcome.Discard($"descent {(zeroColumns ? "with the zero columns held at 0 " : "")}stopped at a saddle of f, not a local minimizer: perturbing it and descending again lowers f from {value:G10} to {test.Value:G10}"
                                   + (zeroColumns ? $" (r − zeros = {width - zeros.Count} against rank X* = {s.Rank})" : ""));

        var what = zeroColumns
            ? $"a local minimizer of width {width} with zero column{(zeros.Count > 1 ? "s" : "")} {string.Join(", ", zeros.Select(z => z + 1))}"
            : $"a local minimizer of width {width} (rank X* = {s.Rank}), no zero column";
        var outcome = GlobalAgainstConvex(p, point, s, what);
        if (outcome.Holds)
            outcome = outcome with
            {
                Lhs = Value.Of(value),
                Rhs = Value.Of(s.Primal),
                Explanation = $"f at {what} (lhs) equals the certified min F (rhs) and ‖−∇ℓ(UVᵀ)‖₂ ≤ λ; the residual is the largest relative one, of: {outcome.Explanation}",
            };
        return outcome.WithDetails([
            .. SolutionDetails(s),
            new("width", Value.Of(width)), new("descentIterations", Value.Of(descent.Iterations + test.Iterations)),
            new("escapes", Value.Of(descent.Escapes)), new("stationarity", Value.Of(descent.GradientNorm)),
        ]);
    }
}
