using FsCheck;
using Verification.Claims;
using Verification.Factorization;
using Verification.LinearAlgebra;
using Xunit;

namespace Verification.Properties.Factorization;

public class NuclearVariationalProperties
{
    [SeededProperty]
    public Property Nuclear_norm_variational_forms_hold() => ClaimProperty.Of(FactorizationClaims.NuclearVariational);

    [Fact]
    public void Nuclear_norm_variational_forms_are_verified_by_the_runner() =>
        Assert.Equal(Verdict.Verified, ClaimProperty.Run(FactorizationClaims.NuclearVariational).Verdict);

    /// <summary>A deliberately wrong variant: "every factorization attains the nuclear norm". Must be refuted.</summary>
    [Fact]
    public void Equality_for_every_factorization_is_refuted()
    {
        var wrong = FactorizationClaims.NuclearVariational with
        {
            Id = "nuclear.variational.wrong-equality",
            Kind = ClaimKind.Control,
            Expected = Verdict.Refuted,
            Check = c =>
            {
                var tolerance = Tolerance.Spectral(c.U.RowCount, c.V.RowCount, c.Width + 8, c.U.FrobeniusNorm() * c.V.FrobeniusNorm());
                return CheckOutcome.Compare(Norms.PathNorm(c.U, c.V), Norms.Nuclear(c.X), tolerance, "Σ‖u_i‖‖v_i‖ = ‖X‖_* (false)");
            },
        };
        var report = ClaimProperty.Run(wrong);
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Assert.NotNull(report.Counterexample);
    }
}
