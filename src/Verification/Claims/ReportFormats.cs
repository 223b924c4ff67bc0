using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Verification.Claims;

/// <summary>A whole `check` run: its settings and one report per claim, in catalog order.</summary>
public sealed record RunReport(ulong Seed, int Cases, string Backend, IReadOnlyList<ClaimReport> Claims)
{
    public bool AllAsExpected => Claims.All(c => c.AsExpected);
}

/// <summary>
/// The stable report formats. JSON (documented in README.md): top level seed, cases, backend, allAsExpected, claims;
/// per claim id, kind, title, verdict, expected, asExpected, cases, inconclusiveCases, maxResidual, seconds, evidence,
/// counterexample (null or an object). Only the "seconds" fields depend on the run's timing.
/// </summary>
public static class ReportFormats
{
    public static string Json(RunReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteClaim(Utf8JsonWriter w, ClaimReport c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("kind", ClaimNames.Of(c.Kind));
        w.WriteString("title", c.Title);
        w.WriteString("verdict", ClaimNames.Of(c.Verdict));
        w.WriteString("expected", ClaimNames.Of(c.Expected));
        w.WriteBoolean("asExpected", c.AsExpected);
        w.WriteNumber("cases", c.Cases);
        w.WriteNumber("inconclusiveCases", c.InconclusiveCases);
        WriteNumber(w, "maxResidual", c.MaxResidual);
        w.WriteNumber("seconds", Math.Round(c.Seconds, 3));
        w.WriteString("evidence", c.Evidence);
        w.WritePropertyName("counterexample");
        if (c.Counterexample is null) w.WriteNullValue();
        else WriteCounterexample(w, c.Counterexample);
        w.WriteEndObject();
    }

    private static void WriteCounterexample(Utf8JsonWriter w, Counterexample x)
    {
        w.WriteStartObject();
        w.WritePropertyName("instance");
        WriteNamed(w, x.Instance);
        w.WritePropertyName("lhs");
        WriteValue(w, x.Lhs);
        w.WritePropertyName("rhs");
        WriteValue(w, x.Rhs);
        WriteNumber(w, "residual", x.Residual);
        WriteNumber(w, "tolerance", x.Tolerance);
        w.WriteString("explanation", x.Explanation);
        w.WriteNumber("replaySeed", x.ReplaySeed);
        w.WriteNumber("size", x.Size);
        w.WriteNumber("shrinkSteps", x.ShrinkSteps);
        w.WriteStartObject("snippets");
        w.WriteString("csharp", x.CSharpSnippet);
        w.WriteString("fsharp", x.FSharpSnippet);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteNamed(Utf8JsonWriter w, IReadOnlyList<NamedValue> values)
    {
        w.WriteStartObject();
        foreach (var v in values)
        {
            w.WritePropertyName(v.Name);
            WriteValue(w, v.Value);
        }
        w.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter w, Value value)
    {
        switch (value)
        {
            case ScalarValue s: WriteNumber(w, s.Value); break;
            case IntegerValue i: w.WriteNumberValue(i.Value); break;
            case ExactValue e: w.WriteStringValue(e.Text); break;
            case TextValue t: w.WriteStringValue(t.Text); break;
            case MatrixValue m:
                w.WriteStartArray();
                foreach (var row in m.Rows)
                {
                    w.WriteStartArray();
                    foreach (var x in row) WriteNumber(w, x);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                break;
            case ExactMatrixValue m:
                w.WriteStartArray();
                foreach (var row in m.Rows)
                {
                    w.WriteStartArray();
                    foreach (var x in row) w.WriteStringValue(x);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                break;
            default: throw new ArgumentOutOfRangeException(nameof(value));
        }
    }

    /// <summary>Finite numbers as JSON numbers (shortest round-trip form); non-finite ones as the strings "Infinity", "-Infinity", "NaN".</summary>
    public static void WriteNumber(Utf8JsonWriter w, double x)
    {
        if (double.IsFinite(x)) w.WriteNumberValue(x);
        else w.WriteStringValue(x.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double x)
    {
        w.WritePropertyName(name);
        WriteNumber(w, x);
    }

    /// <summary>A Markdown table of the run, then one section per counterexample.</summary>
    public static string Markdown(RunReport report)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Seed {report.Seed}, {report.Cases} cases per claim, backend {report.Backend}.\n\n");
        sb.Append("| id | kind | verdict | expected | cases | max residual | time (s) |\n|---|---|---|---|---:|---:|---:|\n");
        foreach (var c in report.Claims)
            sb.Append(CultureInfo.InvariantCulture,
                $"| `{c.Id}` | {ClaimNames.Of(c.Kind)} | {ClaimNames.Of(c.Verdict)}{(c.AsExpected ? "" : " ⚠")} | {ClaimNames.Of(c.Expected)} | {c.Cases} | {Format(c.MaxResidual)} | {c.Seconds:0.000} |\n");
        foreach (var c in report.Claims.Where(c => c.Counterexample is not null))
        {
            var x = c.Counterexample!;
            sb.Append(CultureInfo.InvariantCulture, $"\n### Counterexample to `{c.Id}`\n\n{x.Explanation}\n\n");
            foreach (var v in x.Instance) sb.Append(CultureInfo.InvariantCulture, $"- {v.Name} = `{v.Value}`\n");
            sb.Append(CultureInfo.InvariantCulture, $"- lhs = `{x.Lhs}`, rhs = `{x.Rhs}`, residual {Format(x.Residual)} (tolerance {Format(x.Tolerance)})\n");
            sb.Append(CultureInfo.InvariantCulture, $"- replay: seed {x.ReplaySeed}, size {x.Size}\n");
        }
        return sb.ToString();
    }

    public static string Format(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
