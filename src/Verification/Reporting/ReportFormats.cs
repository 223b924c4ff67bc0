using System.Globalization;
using System.Text;
using System.Text.Json;
using Verification.Engine;

namespace Verification.Reporting;

/// <summary>
/// The stable report formats. JSON (documented in README.md): top level seed, cases, backend, allAsExpected, claims (and shard
/// for a shard's run, baseline for a comparison); per claim id, kind, title, verdict, expected, asExpected, budget, cases, held,
/// discardedCases, inconclusiveCases, screened, maxResidual, seconds, casesPerSecond, evidence, health, counterexample, error
/// (and shard for a shard's run). Only "seconds" and "casesPerSecond" depend on timing. Markdown and JUnit XML are in
/// <see cref="MarkdownReport"/> and <see cref="JunitReport"/>.
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
        if (report.Shard is { } shard)
        {
            w.WriteStartObject("shard");
            w.WriteNumber("index", shard.Index);
            w.WriteNumber("count", shard.Count);
            w.WriteEndObject();
        }
        if (report.Baseline is { } baseline) WriteBaseline(w, baseline);
        w.WriteStartArray("claims");
        foreach (var c in report.Claims) WriteClaim(w, c);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteBaseline(Utf8JsonWriter w, BaselineComparison b)
    {
        w.WriteStartObject("baseline");
        w.WriteString("file", b.Source);
        JsonOutput.WriteNumber(w, "residualFactor", b.ResidualFactor);
        w.WriteBoolean("regressed", b.Regressions.Count > 0);
        w.WriteStartArray("regressions");
        foreach (var r in b.Regressions)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("kind", Baseline.NameOf(r.Kind));
            w.WriteString("before", r.Before);
            w.WriteString("after", r.After);
            w.WriteString("message", r.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("newClaims");
        foreach (var id in b.NewClaims) w.WriteStringValue(id);
        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var note in b.Notes) w.WriteStringValue(note);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter w, CasePosition at)
    {
        w.WriteString("kind", at.Kind.ToString().ToLowerInvariant());
        w.WriteNumber("index", at.Index);
    }

    private static void WriteShard(Utf8JsonWriter w, ShardRecord s)
    {
        w.WriteStartObject("shard");
        w.WriteNumber("index", s.Shard.Index);
        w.WriteNumber("count", s.Shard.Count);
        w.WriteString("instanceType", s.InstanceType);
        w.WriteString("examples", s.Examples);
        w.WriteString("random", s.Random);
        w.WriteStartArray("residuals");
        foreach (var r in s.Residuals)
        {
            w.WriteStartObject();
            WritePosition(w, r.At);
            JsonOutput.WriteNumber(w, "max", r.Max);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("reasons");
        foreach (var (reason, n) in s.Reasons) w.WriteNumber(reason, n);
        w.WriteEndObject();
        if (s.Stop is { } stop)
        {
            w.WriteStartObject("stop");
            WritePosition(w, stop);
            w.WriteEndObject();
        }
        else w.WriteNull("stop");
        w.WriteEndObject();
    }

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
        w.WriteNumber("casesPerSecond", Math.Round(c.CasesPerSecond, 1));
        w.WriteString("evidence", c.Evidence);
        if (c.Health is null) w.WriteNull("health");
        else w.WriteString("health", c.Health);
        w.WritePropertyName("counterexample");
        WriteCase(w, c.Counterexample);
        w.WritePropertyName("error");
        WriteCase(w, c.Error);
        if (c.Shard is not null) WriteShard(w, c.Shard);
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

    /// <summary>The run for a pull-request comment or a job summary (see <see cref="MarkdownReport"/>).</summary>
    public static string Markdown(RunReport report) => MarkdownReport.Write(report);

    /// <summary>The run as JUnit XML (see <see cref="JunitReport"/>).</summary>
    public static string Junit(RunReport report) => JunitReport.Write(report);

    public static string Format(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
