using System.Globalization;
using System.Net;
using System.Text;
using Verification.Engine;

namespace Verification.Reporting;

/// <summary>
/// A run as GitHub-flavoured Markdown, for a pull-request comment or a job summary (<c>$GITHUB_STEP_SUMMARY</c>): a headline,
/// one table row per claim, the regressions against a baseline, then every counterexample, error and inconclusive verdict
/// folded in a <c>&lt;details&gt;</c> block with its replay snippets.
/// </summary>
public static class MarkdownReport
{
    public static string Write(RunReport report)
    {
        var sb = new StringBuilder();
        var unexpected = report.Claims.Count(c => !c.AsExpected);
        var mark = unexpected == 0 && !report.Regressed ? "✅" : "❌";
        sb.Append(CultureInfo.InvariantCulture, $"### {mark} Verification: {report.Claims.Count} claims, {report.Claims.Count - unexpected} as expected, {unexpected} not");
        if (report.Baseline is { } b) sb.Append(CultureInfo.InvariantCulture, $"; {b.Regressions.Count} {(b.Regressions.Count == 1 ? "regression" : "regressions")}");
        sb.Append("\n\n");
        var shard = report.Shard is null ? "" : $" Shard {report.Shard} (partial verdicts: `merge` the shards for the run's).";
        sb.Append(CultureInfo.InvariantCulture, $"Seed {report.Seed}, {report.Cases} cases per claim, backend {report.Backend}.{shard}\n\n");

        sb.Append("| | id | kind | verdict | expected | cases | held | discarded | inconclusive | max residual | time (s) |\n");
        sb.Append("|---|---|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        var regressed = report.Baseline?.Regressions.Select(r => r.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var c in report.Claims)
        {
            var status = !c.AsExpected ? "❌" : regressed.Contains(c.Id) ? "⚠️" : "✅";
            var verdict = c.AsExpected ? Names.Of(c.Verdict) : $"**{Names.Of(c.Verdict)}**";
            sb.Append(CultureInfo.InvariantCulture,
                $"| {status} | `{c.Id}` | {Names.Of(c.Kind)} | {verdict} | {Names.Of(c.Expected)} | {c.Counts.Checked} | {c.Counts.Held} | {c.Counts.Discarded} | {c.Counts.Inconclusive} | {ReportFormats.Format(c.MaxResidual)} | {c.Seconds:0.000} |\n");
        }

        if (report.Baseline is { } baseline) Regressions(sb, baseline);

        foreach (var c in report.Claims)
        {
            var expectation = $"{Names.Of(c.Kind)}: {Names.Of(c.Verdict)}, expected {Names.Of(c.Expected)}";
            var icon = c.AsExpected ? "✅" : "❌";
            if (c.Counterexample is { } x) Details(sb, $"{icon} Counterexample to <code>{Html(c.Id)}</code> ({Html(expectation)})", x);
            if (c.Error is { } e) Details(sb, $"❌ Error in the check of <code>{Html(c.Id)}</code> ({Html(expectation)})", e);
            if (c.Health is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\n<details>\n<summary>{icon} <code>{Html(c.Id)}</code> is inconclusive ({Html(expectation)})</summary>\n\n");
                sb.Append(Escape(c.Health)).Append("\n\n</details>\n");
            }
        }
        return sb.ToString();
    }

    private static void Regressions(StringBuilder sb, BaselineComparison b)
    {
        sb.Append(CultureInfo.InvariantCulture, $"\n#### Against the baseline `{b.Source}` (residuals may grow ×{ReportFormats.Format(b.ResidualFactor)})\n\n");
        if (b.Regressions.Count == 0) sb.Append("No regression.\n");
        foreach (var r in b.Regressions) sb.Append(CultureInfo.InvariantCulture, $"- ❌ {Baseline.NameOf(r.Kind)}: {Escape(r.Message)}\n");
        if (b.NewClaims.Count > 0) sb.Append(CultureInfo.InvariantCulture, $"\nNew claims: {string.Join(", ", b.NewClaims.Select(id => $"`{id}`"))}.\n");
        foreach (var note in b.Notes) sb.Append(CultureInfo.InvariantCulture, $"\nNote: {Escape(note)}.\n");
    }

    private static void Details(StringBuilder sb, string summary, Counterexample x)
    {
        sb.Append(CultureInfo.InvariantCulture, $"\n<details>\n<summary>{summary}</summary>\n\n{Escape(x.Explanation)}\n\n");
        foreach (var v in x.Instance) sb.Append(CultureInfo.InvariantCulture, $"- {Escape(v.Name)} = {Code(v.Value.ToString()!)}\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"- lhs = {Code(x.Lhs.ToString()!)}, rhs = {Code(x.Rhs.ToString()!)}, residual {ReportFormats.Format(x.Residual)} (tolerance {ReportFormats.Format(x.Tolerance)}: {Escape(x.ToleranceReason)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"- shrunk in {x.ShrinkSteps} steps from {Escape(ReportText.Origin(x.Origin))}\n");
        sb.Append(CultureInfo.InvariantCulture, $"\n```csharp\n{x.CSharpSnippet}\n```\n\n```fsharp\n{x.FSharpSnippet}\n```\n\n</details>\n");
    }

    /// <summary>Inline code that survives backticks in the text.</summary>
    private static string Code(string text) => text.Contains('`') ? $"`` {text} ``" : $"`{text}`";

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Plain text in Markdown: characters that would start markup or HTML are escaped.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }
}

/// <summary>Short texts shared by the report formats.</summary>
public static class ReportText
{
    /// <summary>Where a case came from, in words.</summary>
    public static string Origin(CaseOrigin origin) => origin.Kind switch
    {
        ReplayKind.Example => $"fixed example {origin.Example}",
        ReplayKind.Random => $"the random case of seed {origin.Seed} at size {origin.Size}",
        ReplayKind.Sweep => $"the batch sweep of run seed {origin.Seed}",
        _ => "a user's instance",
    };

    /// <summary>An instance and both sides on one line.</summary>
    public static string Case(Counterexample x) =>
        $"{Baseline.Describe(x)}: lhs = {x.Lhs}, rhs = {x.Rhs}, residual {ReportFormats.Format(x.Residual)} (tolerance {ReportFormats.Format(x.Tolerance)}: {x.ToleranceReason})";

    /// <summary>Why a claim's verdict is not the expected one, with its counterexample and replay snippet when it has one.</summary>
    public static string Unexpected(ClaimReport c)
    {
        var head = $"{Names.Of(c.Verdict)}, expected {Names.Of(c.Expected)}";
        if (c.Counterexample is { } x) return $"{head}: counterexample {Case(x)}; {x.Explanation}; replay: {x.CSharpSnippet}";
        if (c.Error is { } e) return $"{head}: the check threw on {Case(e)}; {e.Explanation}; replay: {e.CSharpSnippet}";
        if (c.Health is not null) return $"{head}: {c.Health}";
        return $"{head}: no case failed ({c.Counts.Checked} cases checked, {c.Counts.Held} held)";
    }
}
