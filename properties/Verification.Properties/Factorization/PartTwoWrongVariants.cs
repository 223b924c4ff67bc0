using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Reporting;
using Verification.Topics.Factorization;
using Xunit;

namespace Verification.Properties.Factorization;

/// <summary>
/// Every factorization claim can fail: deliberately wrong variants of each (the catalog's controls cover the certificate,
/// Theorem 1 and Theorem 2 as well) must be refuted by the runner.
/// </summary>
public class PartTwoWrongVariants
{
    private static void Refuted<T>(Claim<T> wrong)
    {
        var report = wrong.Run(TestSettings.Run);
        Assert.True(report.Verdict == Verdict.Refuted, $"{wrong.Id}: {Names.Of(report.Verdict)} ({report.Health})");
        Assert.NotNull(report.Counterexample);
    }

    /// <summary>The bound reversed: f(U, V) ≤ F(UVᵀ) (false as soon as the columns of a pair are not aligned with the SVD).</summary>
    [Fact]
    public void The_reversed_lower_bound_is_refuted() => Refuted(FactorizationClaims.ConvexLowerBound with
    {
        Id = "factorization.convex-lower-bound.wrong-direction",
        Kind = ClaimKind.Control,
        Check = c =>
        {
            var x = c.Pair.Product;
            return Outcome.AtMost(c.Problem.Factorized(c.Pair), c.Problem.Convex(x),
                Tolerance.Spectral(c.Problem.Rows, c.Problem.Columns, c.Pair.Width + 8, c.Pair.U.FrobeniusNorm() * c.Pair.V.FrobeniusNorm()).Times(c.Problem.Lambda, "λ"),
                "f(U, V) ≤ F(UVᵀ) (false)");
        },
    });

    /// <summary>The squared-loss minimizer with the threshold halved: S_{λ/2}(Y) is not argmin F.</summary>
    [Fact]
    public void A_wrong_threshold_for_the_closed_form_is_refuted() => Refuted(FactorizationClaims.ConvexLowerBound with
    {
        Id = "factorization.convex-lower-bound.wrong-threshold",
        Kind = ClaimKind.Control,
        Check = c =>
        {
            if (c.Problem.Loss is not SquaredLoss) return Outcome.Discard("squared loss only");
            var s = c.Problem.Solve(FactorizationClaims.Solver);
            var wrong = Thresholding.Svt(c.Problem.Y, c.Problem.Lambda / 2);
            return Outcome.Distance(Value.Of(s.X), Value.Of(wrong), (s.X - wrong).FrobeniusNorm(),
                new Tolerance(Math.Sqrt(2 * s.CertifiedGap) + 1e-12, "√(2·gap)"), "argmin F = S_{λ/2}(Y) (false)");
        },
    });

    /// <summary>The certificate without the spectral condition (only the column equalities): the zero pair passes it when X* ≠ 0.</summary>
    [Fact]
    public void The_column_condition_alone_is_refuted() => Refuted(FactorizationClaims.Certificate with
    {
        Id = "factorization.certificate.columns-only",
        Kind = ClaimKind.Control,
        Check = c =>
        {
            var p = c.Problem;
            var s = p.Solve(FactorizationClaims.Solver);
            var certificate = FactorizedObjective.Certify(p.Loss, p.Y, c.Candidate.U, c.Candidate.V, p.Lambda);
            var columns = certificate.WorstColumnResidual <= 1e-8 * (1 + p.Y.FrobeniusNorm());
            var global = p.Factorized(c.Candidate) <= s.UpperBound + 1e-10 * (1 + p.Y.FrobeniusNorm());
            return Outcome.Decide(columns == global, Value.Of(columns ? "columns pass" : "columns fail"), Value.Of(global ? "global" : "not global"), "column condition ⟺ global (false)");
        },
    });

    /// <summary>The width bound one lower, final r ≤ min(m, n): starts of width min(m, n) + 1 already exceed it.</summary>
    [Fact]
    public void A_tighter_width_bound_is_refuted() => Refuted(FactorizationClaims.MetaAlgorithmClaim with
    {
        Id = "factorization.meta-algorithm.width-min",
        Kind = ClaimKind.Control,
        Check = c =>
        {
            var run = MetaAlgorithm.Run(c.Problem.Loss, c.Problem.Y, c.Problem.Lambda, c.Start, c.Seed, c.Problem.Smaller + 3);
            return Outcome.Decide(run.FinalWidth <= c.Problem.Smaller, Value.Of(run.FinalWidth), Value.Of(c.Problem.Smaller), "final width ≤ min(m, n) (false)");
        },
    });

    /// <summary>Theorem 1 without "local": a pair with a zero column and arbitrary other columns is not global.</summary>
    [Fact]
    public void A_zero_column_without_local_minimality_is_refuted() => Refuted(FactorizationClaims.ZeroColumnGlobal with
    {
        Id = "factorization.zero-column-global.not-local",
        Kind = ClaimKind.Control,
        Check = c =>
        {
            var p = c.Problem;
            var s = p.Solve(FactorizationClaims.Solver);
            var start = FactorizationClaims.RandomStart(p, c.Width, new Numerics.SplitMix64(c.Seed));
            foreach (var z in c.ZeroColumns)
            {
                start.U.ClearColumn(z);
                start.V.ClearColumn(z);
            }
            return FactorizationClaims.GlobalAgainstConvex(p, start, s, "a random pair with a zero column");
        },
    });
}
