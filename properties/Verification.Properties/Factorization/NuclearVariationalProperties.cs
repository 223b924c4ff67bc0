using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Reporting;
using Verification.Topics.Factorization;
using Xunit;

namespace Verification.Properties.Factorization;

public class NuclearVariationalProperties
{
    /// <summary>A deliberately wrong variant: "every factorization attains the nuclear norm". Must be refuted.</summary>
    [Fact]
    public void Equality_for_every_factorization_is_refuted()
    {
        var wrong = NuclearNormClaims.Variational with
        {
            Id = "nuclear.variational.wrong-equality",
            Kind = ClaimKind.Control,
            Check = c => Outcome.Within(Norms.PathNorm(c.U, c.V), Norms.Nuclear(c.Product),
                Tolerance.Spectral(c.U.RowCount, c.V.RowCount, c.Width + 8, c.U.FrobeniusNorm() * c.V.FrobeniusNorm()), "Σ‖u_i‖‖v_i‖ = ‖X‖_* (false)"),
        };
        var report = wrong.Run(TestSettings.Run);
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Assert.NotNull(report.Counterexample);
    }
}
