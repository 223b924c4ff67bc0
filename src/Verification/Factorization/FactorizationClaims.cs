using Verification.Claims;
using Verification.LinearAlgebra;

namespace Verification.Factorization;

/// <summary>The claims of THEORY.md Part II (factorization and positively homogeneous networks).</summary>
public static class FactorizationClaims
{
    public static Claim<FactorizationCase> NuclearVariational { get; } = new(
        Id: "nuclear.variational",
        Title: "Variational forms of the nuclear norm, attained by the balanced SVD factors",
        Statement: @"X = UV^\top \implies \sum_i \|u_i\|\|v_i\| \ge \|X\|_* \ \text{and}\ \tfrac12(\|U\|_F^2 + \|V\|_F^2) \ge \|X\|_*, \text{ with equality for } U = W\Sigma^{1/2}, V = Z\Sigma^{1/2} \text{ (zero-padded to } r)",
        Kind: ClaimKind.Theorem,
        SourceKey: "Haeffele2015",
        Expected: Verdict.Verified,
        Evidence: "both inequalities on random factorizations (r below, at and above rank X) and the equalities at the zero-padded balanced SVD factors, within the SVD backward-error bound",
        Generator: FactorizationGenerators.Cases,
        Shrink: FactorizationGenerators.Shrink,
        Check: CheckNuclearVariational,
        Describe: FactorizationGenerators.Describe)
    {
        Evaluator = input =>
        {
            var u = input.Matrix("U");
            var v = input.Matrix("V");
            if (u.ColumnCount != v.ColumnCount) throw new InputException($"mismatched shapes: U has {u.ColumnCount} columns but V has {v.ColumnCount}");
            var c = new FactorizationCase(u, v);
            return CheckNuclearVariational(c).WithDetails(
                new NamedValue("nuclear", Value.Of(Norms.Nuclear(c.X))),
                new NamedValue("pathNorm", Value.Of(Norms.PathNorm(u, v))),
                new NamedValue("halfFrobenius", Value.Of(0.5 * (Norms.FrobeniusSquared(u) + Norms.FrobeniusSquared(v)))),
                new NamedValue("X", Value.Of(c.X)));
        },
    };

    public static CheckOutcome CheckNuclearVariational(FactorizationCase c)
    {
        var x = c.X;
        int m = x.RowCount, n = x.ColumnCount, r = c.Width;
        var nuclear = Norms.Nuclear(x);
        var path = Norms.PathNorm(c.U, c.V);
        var half = 0.5 * (Norms.FrobeniusSquared(c.U) + Norms.FrobeniusSquared(c.V));
        var scale = c.U.FrobeniusNorm() * c.V.FrobeniusNorm();
        var tolerance = Tolerance.Spectral(m, n, r + m + n, scale);

        var svd = Factorizations.BalancedSvd(x, r);
        var svdPath = Norms.PathNorm(svd.U, svd.V);
        var svdHalf = 0.5 * (Norms.FrobeniusSquared(svd.U) + Norms.FrobeniusSquared(svd.V));
        var reconstruction = (svd.Product - x).FrobeniusNorm();

        return CheckOutcome.All(
            CheckOutcome.AtLeast(path, nuclear, tolerance, "Σ‖u_i‖‖v_i‖ ≥ ‖X‖_*"),
            CheckOutcome.AtLeast(half, nuclear, tolerance, "½(‖U‖_F² + ‖V‖_F²) ≥ ‖X‖_*"),
            CheckOutcome.Compare(svd.Product.FrobeniusNorm(), x.FrobeniusNorm(), tolerance, "the balanced SVD factors reproduce X") with { Residual = reconstruction, Holds = reconstruction <= tolerance.Bound },
            CheckOutcome.Compare(svdPath, nuclear, tolerance, "Σ‖u_i‖‖v_i‖ = ‖X‖_* at the balanced SVD factors"),
            CheckOutcome.Compare(svdHalf, nuclear, tolerance, "½(‖U‖_F² + ‖V‖_F²) = ‖X‖_* at the balanced SVD factors"));
    }
}
