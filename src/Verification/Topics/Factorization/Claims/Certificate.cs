using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Factorization;

/// <summary>factorization.certificate (both directions), and a control that drops the column condition.</summary>
public static partial class FactorizationClaims
{
    public static Claim<CertificateCase> Certificate { get; } = Claim.Theorem(
        id: "factorization.certificate",
        sides: "lhs: whether the certificate passes; rhs: whether (U, V) is a global minimum (f at most the certified min F plus rounding), or global within the resolution of the tolerances",
        title: "For the squared loss, (U, V) is a global minimum of f iff ‖Y − UVᵀ‖₂ ≤ λ and u_iᵀ(Y − UVᵀ)v_i = λ‖u_i‖‖v_i‖ for every i",
        statement: @"\ell = \tfrac12\|Y - X\|_F^2:\ (U, V) \in \operatorname*{argmin} f \iff \|Y - UV^\top\|_2 \le \lambda \ \text{and}\ u_i^\top (Y - UV^\top) v_i = \lambda \|u_i\|\|v_i\| \ \forall i",
        source: "Haeffele2015",
        instances: CertificateCases.All,
        check: c => CheckCertificate(c, columnCondition: true),
        evidence: "both directions on candidates built from the solver's minimizer: global ones (balanced SVD factors, rotated, rescaled, split columns) and others (perturbed, truncated, rescaled-then-rotated, wrong threshold, zero). The certificate is held to tolerances from the solver's gap: ‖X_s − X*‖_F ≤ √(2·gap) (strong convexity) bounds ‖Y − UVᵀ‖₂ − λ, and the column residuals by the gap plus that times Σ‖u_i‖‖v_i‖. A global minimum (f at most the solver's certified upper bound of min F, plus rounding) must pass; a pair that passes must be global up to the resolution these tolerances give by duality (r·τ_col + ε/(λ + ε)·(ℓ + ⟨Y − UVᵀ, UVᵀ⟩))") with
    {
        CaseBudget = n => Math.Max(1, n / 3),
    };

    /// <summary>A control that keeps only the spectral condition: a factorization of X* with Σ‖u_i‖‖v_i‖ &gt; ‖X*‖_* passes it without being global.</summary>
    public static Claim<CertificateCase> CertificateControl { get; } = Claim.Control(
        id: "factorization.certificate.control",
        sides: "lhs: whether the spectral condition alone passes; rhs: whether (U, V) is a global minimum",
        title: "Control: ‖Y − UVᵀ‖₂ ≤ λ alone certifies a global minimum (false: the column condition is needed)",
        statement: @"\|Y - UV^\top\|_2 \le \lambda \iff (U, V) \in \operatorname*{argmin} f \quad\text{(false: a rescaled-then-rotated factorization of } X^* \text{ passes and is not global)}",
        instances: CertificateCases.All,
        check: c => CheckCertificate(c, columnCondition: false),
        evidence: "the check of factorization.certificate without the column condition; refuted by any factorization of X* whose column products sum above ‖X*‖_*",
        source: "Haeffele2015");

    public static Outcome CheckCertificate(CertificateCase c, bool columnCondition)
    {
        var p = c.Problem;
        var f = c.Candidate;
        int m = p.Rows, n = p.Columns, r = f.Width;
        var s = p.Solve(Solver);
        if (Unsolved(s) is { } unsolved) return unsolved;
        var certificate = FactorizedObjective.Certify(p.Loss, p.Y, f.U, f.V, p.Lambda);
        var path = Norms.PathNorm(f.U, f.V);
        var residualNorm = certificate.G.FrobeniusNorm();

        var spectral = new Tolerance(Math.Sqrt(2 * s.CertifiedGap), "√(2·certified gap) (‖X_s − X*‖_F by strong convexity, μ = 1)")
            .Plus(Tolerance.Spectral(m, n, r + 2, p.Y.FrobeniusNorm() + f.U.FrobeniusNorm() * f.V.FrobeniusNorm()));
        var column = new Tolerance(s.CertifiedGap + spectral.Bound * path, $"certified gap + ({spectral.Bound:G3})·Σ‖u_i‖‖v_i‖")
            .Plus(Tolerance.Summation(m * n + m + n + 4, f.U.FrobeniusNorm() * residualNorm * f.V.FrobeniusNorm() + p.Lambda * path));
        var spectralHolds = certificate.SpectralNorm <= p.Lambda + spectral.Bound;
        var columnsHold = certificate.WorstColumnResidual <= column.Bound;
        var certified = spectralHolds && (!columnCondition || columnsHold);

        var value = p.Factorized(f);
        // Candidates built from the solver's X through another SVD reproduce F(X_s) only up to that SVD's backward error.
        var scale = (p.Lambda * (p.Smaller + r) + p.Y.FrobeniusNorm() + f.U.FrobeniusNorm() * f.V.FrobeniusNorm())
                    * (ThinSvd.Of(p.Y, vectors: false).Spectral + p.Lambda + f.U.FrobeniusNorm() * f.V.FrobeniusNorm());
        var valueTolerance = FactorizedRounding(p, f).Plus(Tolerance.Spectral(m, n, r + 2, scale + Rounding.UnitRoundoff));
        var global = value <= s.UpperBound + valueTolerance.Bound;
        // What a certificate passed within these tolerances guarantees: with c = λ/(λ + ε), cR is dual feasible, and
        // f − min F ≤ Σ_i(λ‖u_i‖‖v_i‖ − u_iᵀRv_i) + (1 − c)(ℓ(X) + ⟨R, X⟩) ≤ r·τ_col + ε/(λ + ε)·(ℓ(X) + ⟨R, X⟩).
        var x = f.Product;
        var resolution = r * column.Bound + spectral.Bound / (p.Lambda + spectral.Bound)
                         * Math.Max(0, p.Loss.Value(p.Y, x) + certificate.G.PointwiseMultiply(x).Enumerate().Sum());
        var withinResolution = value <= s.UpperBound + valueTolerance.Bound + resolution;

        var what = columnCondition ? "the certificate" : "the spectral condition alone";
        var conditions = $"‖Y − UVᵀ‖₂ = {certificate.SpectralNorm:G6} against λ = {p.Lambda:G6} (tolerance {spectral.Bound:G3})"
                         + (columnCondition ? $", largest |u_iᵀ(Y − UVᵀ)v_i − λ‖u_i‖‖v_i‖| = {certificate.WorstColumnResidual:G3} (tolerance {column.Bound:G3})" : "");
        var optimality = $"f = {value:G10} against min F ∈ [{s.LowerBound:G10}, {s.UpperBound:G10}]";
        // Both directions, with tolerances: a global minimum passes; a pair that passes is global up to the resolution those
        // tolerances allow (a pair strictly between the two is not global and may pass or fail).
        var (holds, explanation) = (certified, global, withinResolution) switch
        {
            (true, true, _) => (true, $"{what} passes and (U, V) is a global minimum: {conditions}; {optimality}"),
            (true, false, true) => (true, $"{what} passes and f is within {resolution:G3} (the resolution of its tolerances) of min F: {conditions}; {optimality}"),
            (false, false, _) => (true, $"{what} fails and (U, V) is not a global minimum: {conditions}; {optimality}"),
            (true, false, false) => (false, $"{what} passes, yet (U, V) is not a global minimum (f − min F exceeds the resolution {resolution:G3}): {conditions}; {optimality}"),
            _ => (false, $"{what} fails, yet (U, V) is a global minimum: {conditions}; {optimality}"),
        };
        return Outcome.Decide(holds,
                Value.Of(certified ? $"{what} passes" : $"{what} fails"),
                Value.Of(global ? "global minimum" : withinResolution ? "global within the resolution" : "not a global minimum"),
                explanation,
                residual: Math.Max(0, value - s.UpperBound))
            .WithDetails(
                new NamedValue("certified", Value.Of(certified ? "yes" : "no")),
                new NamedValue("global", Value.Of(global ? "yes" : "no")),
                new NamedValue("spectralNorm", Value.Of(certificate.SpectralNorm)),
                new NamedValue("columnResiduals", Value.Of(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(1, Math.Max(r, 1), r == 0 ? [0.0] : certificate.ColumnResiduals.ToArray()))),
                new NamedValue("f", Value.Of(value)),
                new NamedValue("minF", Value.Of(s.Primal)),
                new NamedValue("gap", Value.Of(s.Gap)),
                new NamedValue("resolution", Value.Of(resolution)),
                new NamedValue("style", Value.Of(c.Style)));
    }
}
