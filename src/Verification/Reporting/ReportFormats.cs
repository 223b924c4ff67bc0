using System.Globalization;
using System.Text;
using System.Text.Json;
using Verification.Engine;

namespace Verification.Reporting;

/// <summary>
/// The stable report formats. JSON (documented in README.md): top level seed, cases, backend, allAsExpected, claims; per
/// claim id, kind, title, instanceType, verdict, expected, asExpected, budget, cases, held, discardedCases, inconclusiveCases,
/// screened, maxResidual, seconds, evidence, health, counterexample, error. Only the "seconds" fields depend on timing.
/// </summary>
public static class ReportFormats
{
    public static string Json(RunReport report) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("seed", report.Seed);
        w.WriteNumber("cases", report.Cases);
        w.WriteString("backend", report.Backend);
        w.WriteBoolean("allAsExpected", report.AllAsExpected);
        w.WriteStartArray("claims");
        foreach (var c in report.Claims) WriteClaim(w, c);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteClaim(Utf8JsonWriter w, ClaimReport c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("kind", Names.Of(c.Kind));
        w.WriteString("title", c.Title);
        w.WriteString("verdict", Names.Of(c.Verdict));
        w.WriteString("expected", Names.Of(c.Expected));
        w.WriteBoolean("asExpected", c.AsExpected);
        w.WriteNumber("budget", c.Counts.Budget);
        w.WriteNumber("cases", c.Counts.Checked);
        w.WriteNumber("held", c.Counts.Held);
        w.WriteNumber("discardedCases", c.Counts.Discarded);
        w.WriteNumber("inconclusiveCases", c.Counts.Inconclusive);
        w.WriteNumber("screened", c.Counts.Screened);
        JsonOutput.WriteNumber(w, "maxResidual", c.MaxResidual);
        w.WriteNumber("seconds", Math.Round(c.Seconds, 3));
        w.WriteString("evidence", c.Evidence);
        if (c.Health is null) w.WriteNull("health");
        else w.WriteString("health", c.Health);
        w.WritePropertyName("counterexample");
        WriteCase(w, c.Counterexample);
        w.WritePropertyName("error");
        WriteCase(w, c.Error);
        w.WriteEndObject();
    }

    private static void WriteCase(Utf8JsonWriter w, Counterexample? x)
    {
        if (x is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("status", Names.Of(x.Outcome.Status));
        w.WritePropertyName("instance");
        JsonOutput.WriteNamed(w, x.Instance);
        JsonOutput.WriteValue(w, "lhs", x.Lhs);
        JsonOutput.WriteValue(w, "rhs", x.Rhs);
        JsonOutput.WriteNumber(w, "residual", x.Residual);
        JsonOutput.WriteNumber(w, "tolerance", x.Tolerance);
        w.WriteString("toleranceReason", x.ToleranceReason);
        w.WriteString("explanation", x.Explanation);
        w.WriteStartObject("replay");
        w.WriteString("kind", x.Origin.Kind.ToString().ToLowerInvariant());
        w.WriteNumber("seed", x.Origin.Seed);
        w.WriteNumber("size", x.Origin.Size);
        w.WriteNumber("example", x.Origin.Example);
        w.WriteEndObject();
        w.WriteNumber("replaySeed", x.ReplaySeed);
        w.WriteNumber("size", x.Size);
        w.WriteNumber("shrinkSteps", x.ShrinkSteps);
        w.WriteStartObject("snippets");
        w.WriteString("csharp", x.CSharpSnippet);
        w.WriteString("fsharp", x.FSharpSnippet);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A Markdown table of the run, then one section per counterexample or error.</summary>
    public static string Markdown(RunReport report)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Seed {report.Seed}, {report.Cases} cases per claim, backend {report.Backend}.\n\n");
        sb.Append("| id | kind | verdict | expected | cases | held | discarded | inconclusive | max residual | time (s) |\n|---|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var c in report.Claims)
            sb.Append(CultureInfo.InvariantCulture,
                $"| `{c.Id}` | {Names.Of(c.Kind)} | {Names.Of(c.Verdict)}{(c.AsExpected ? "" : " ⚠")} | {Names.Of(c.Expected)} | {c.Counts.Checked} | {c.Counts.Held} | {c.Counts.Discarded} | {c.Counts.Inconclusive} | {Format(c.MaxResidual)} | {c.Seconds:0.000} |\n");
        foreach (var c in report.Claims)
        {
            if (c.Health is not null) sb.Append(CultureInfo.InvariantCulture, $"\n### `{c.Id}` is inconclusive\n\n{c.Health}\n");
            if (c.Counterexample is not null) Section(sb, $"Counterexample to `{c.Id}`", c.Counterexample);
            if (c.Error is not null) Section(sb, $"Error in the check of `{c.Id}`", c.Error);
        }
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, string heading, Counterexample x)
    {
        sb.Append(CultureInfo.InvariantCulture, $"\n### {heading}\n\n{x.Explanation}\n\n");
        foreach (var v in x.Instance) sb.Append(CultureInfo.InvariantCulture, $"- {v.Name} = `{v.Value}`\n");
        sb.Append(CultureInfo.InvariantCulture, $"- lhs = `{x.Lhs}`, rhs = `{x.Rhs}`, residual {Format(x.Residual)} (tolerance {Format(x.Tolerance)}: {x.ToleranceReason})\n");
        sb.Append(CultureInfo.InvariantCulture, $"- replay: `{x.CSharpSnippet}`\n");
    }

    public static string Format(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
