using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Reporting;

namespace Verification.Topics.Factorization;

/// <summary>THEORY.md Part II: nuclear.variational, and a control that only a matrix of rank ≥ 2 refutes.</summary>
public static class NuclearNormClaims
{
    public static Claim<Factors> Variational { get; } = Claim.Theorem(
        id: "nuclear.variational",
        title: "Variational forms of the nuclear norm, attained by the balanced SVD factors",
        statement: @"X = UV^\top \implies \sum_i \|u_i\|\|v_i\| \ge \|X\|_* \ \text{and}\ \tfrac12(\|U\|_F^2 + \|V\|_F^2) \ge \|X\|_*, \text{ with equality for } U = W\Sigma^{1/2}, V = Z\Sigma^{1/2} \text{ (zero-padded to } r)",
        source: "Haeffele2015",
        instances: Pairs.Any,
        check: CheckVariational,
        evidence: "both inequalities on random factorizations (r below, at and above rank X) and the equalities at the zero-padded balanced SVD factors, within the SVD backward-error bound",
        sides: "lhs: the larger side of the failing inequality or equality (Σ‖u_i‖‖v_i‖, ½(‖U‖_F² + ‖V‖_F²)); rhs: ‖X‖_*");

    public static Outcome CheckVariational(Factors c)
    {
        var x = c.Product;
        int m = x.RowCount, n = x.ColumnCount, r = c.Width;
        var nuclear = Norms.Nuclear(x);
        var path = Norms.PathNorm(c.U, c.V);
        var half = 0.5 * (Norms.FrobeniusSquared(c.U) + Norms.FrobeniusSquared(c.V));
        var tolerance = Tolerance.Spectral(m, n, r + m + n, c.U.FrobeniusNorm() * c.V.FrobeniusNorm());

        var svd = Factorizations.BalancedSvd(x, r);
        var svdPath = Norms.PathNorm(svd.U, svd.V);
        var svdHalf = 0.5 * (Norms.FrobeniusSquared(svd.U) + Norms.FrobeniusSquared(svd.V));
        return Outcome.All(
            Outcome.AtLeast(path, nuclear, tolerance, "Σ‖u_i‖‖v_i‖ ≥ ‖X‖_*"),
            Outcome.AtLeast(half, nuclear, tolerance, "½(‖U‖_F² + ‖V‖_F²) ≥ ‖X‖_*"),
            Outcome.Distance(Value.Of(svd.Product), Value.Of(x), (svd.Product - x).FrobeniusNorm(), tolerance, "the balanced SVD factors reproduce X (Frobenius distance)"),
            Outcome.Within(svdPath, nuclear, tolerance, "Σ‖u_i‖‖v_i‖ = ‖X‖_* at the balanced SVD factors"),
            Outcome.Within(svdHalf, nuclear, tolerance, "½(‖U‖_F² + ‖V‖_F²) = ‖X‖_* at the balanced SVD factors"))
            .WithDetails(
                new NamedValue("nuclear", Value.Of(nuclear)),
                new NamedValue("pathNorm", Value.Of(path)),
                new NamedValue("halfFrobenius", Value.Of(half)),
                new NamedValue("X", Value.Of(x)));
    }

    /// <summary>A control that holds whenever rank X ≤ 1 (every 1×1, 1×n or width-1 instance): only a larger instance refutes it.</summary>
    public static Claim<Factors> Control { get; } = Claim.Control(
        id: "nuclear.variational.control",
        title: "Control: the nuclear norm of UVᵀ equals its Frobenius norm (true only up to rank 1)",
        statement: @"\|UV^\top\|_* = \|UV^\top\|_F \quad\text{(false as soon as rank } UV^\top \ge 2)",
        instances: Pairs.Any,
        check: c => Outcome.Within(Norms.Nuclear(c.Product), c.Product.FrobeniusNorm(),
            Tolerance.Spectral(c.U.RowCount, c.V.RowCount, c.U.RowCount + c.V.RowCount + c.Width, c.U.FrobeniusNorm() * c.V.FrobeniusNorm()), "‖X‖_* = ‖X‖_F"),
        evidence: "one SVD per case; holds on every instance of rank ≤ 1, so a runner stuck at 1×1 instances could not refute it",
        sides: "lhs: ‖UVᵀ‖_*; rhs: ‖UVᵀ‖_F");
}
