using Verification.Claims;
using Verification.Properties.Snapshots;
using Xunit;

namespace Verification.Properties.Findings;

/// <summary>
/// Every claim the suite refutes that is not a control (as-stated slide wording, and theorems of THEORY.md found false
/// as stated) keeps its minimal counterexample as a snapshot, snapshots/&lt;topic&gt;/&lt;id&gt;.verified.txt: a change in
/// the verdict or in the counterexample fails this test.
/// </summary>
public class RefutedClaimSnapshots
{
    /// <summary>Theorems of THEORY.md that the suite refutes as stated (a missing hypothesis); each is explained in README's Errata.</summary>
    public static readonly IReadOnlySet<string> TheoremFindings = new HashSet<string>
    {
        "dropout.optimum-characterization",
        "dropout.autoencoder-landscape",
    };

    public static TheoryData<string> Refuted()
    {
        var data = new TheoryData<string>();
        foreach (var c in Verification.Claims.Catalog.All.Where(c => c.Kind != ClaimKind.Control && c.Expected == Verdict.Refuted)) data.Add(c.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Refuted))]
    public void The_minimal_counterexample_is_the_approved_one(string id)
    {
        var report = Verification.Claims.Catalog.Find(id).Run(new RunSettings(100, 1));
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Snapshot.Match(id.Split('.')[0], id, Text(report));
    }

    [Fact]
    public void A_theorem_is_expected_verified_unless_it_is_a_recorded_finding()
    {
        foreach (var c in Verification.Claims.Catalog.All.Where(c => c.Kind == ClaimKind.Theorem))
            Assert.Equal(TheoremFindings.Contains(c.Id) ? Verdict.Refuted : Verdict.Verified, c.Expected);
    }

    public static string Text(ClaimReport report)
    {
        var x = Assert.IsType<Counterexample>(report.Counterexample);
        var lines = new List<string> { $"claim: {report.Id}", $"verdict: {ClaimNames.Of(report.Verdict)}", "instance:" };
        lines.AddRange(x.Instance.Select(v => $"  {v.Name} = {v.Value}"));
        lines.Add($"lhs: {x.Lhs}");
        lines.Add($"rhs: {x.Rhs}");
        lines.Add($"explanation: {x.Explanation}");
        return string.Join("\n", lines);
    }
}
