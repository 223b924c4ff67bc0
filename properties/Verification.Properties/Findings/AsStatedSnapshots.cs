using System.Text;
using Verification.Claims;
using Verification.Properties.Snapshots;
using Xunit;

namespace Verification.Properties.Findings;

/// <summary>
/// Every as-stated claim the suite refutes keeps its minimal counterexample as a snapshot
/// (snapshots/&lt;topic&gt;/&lt;id&gt;.verified.txt), so a change in the verdict or in the counterexample fails a test.
/// </summary>
public class AsStatedSnapshots
{
    public static TheoryData<string> RefutedAsStated()
    {
        var data = new TheoryData<string>();
        foreach (var c in Verification.Claims.Catalog.All.Where(c => c.Kind == ClaimKind.AsStated && c.Expected == Verdict.Refuted)) data.Add(c.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(RefutedAsStated))]
    public void The_minimal_counterexample_is_the_approved_one(string id)
    {
        var report = Verification.Claims.Catalog.Find(id).Run(new RunSettings(100, 1));
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Snapshot.Match(id.Split('.')[0], id, Describe(report));
    }

    public static string Describe(ClaimReport report)
    {
        var x = report.Counterexample!;
        var sb = new StringBuilder();
        sb.Append($"id: {report.Id}\nverdict: {ClaimNames.Of(report.Verdict)}\nexplanation: {x.Explanation}\n");
        foreach (var v in x.Instance) sb.Append($"{v.Name} = {v.Value}\n");
        sb.Append($"lhs = {x.Lhs}\nrhs = {x.Rhs}\n");
        return sb.ToString();
    }
}
