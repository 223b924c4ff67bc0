using System.Globalization;
using System.Text;
using System.Xml;
using Verification.Engine;

namespace Verification.Reporting;

/// <summary>
/// A run as JUnit XML, the format GitHub, GitLab, Azure DevOps and Jenkins render: one <c>testsuite</c> with one
/// <c>testcase</c> per claim (classname: the first segment of its id, name: the id). A verdict other than the expected one is
/// a <c>failure</c> whose message holds the counterexample (or the error, or the health message) and the replay snippet; a
/// regression against a baseline is a failure too, and a claim that disappeared is a test case of its own. Every test case
/// carries its verdict and counts in <c>system-out</c>.
/// </summary>
public static class JunitReport
{
    public static string Write(RunReport report)
    {
        var regressions = (report.Baseline?.Regressions ?? []).ToLookup(r => r.Id, StringComparer.Ordinal);
        var disappeared = (report.Baseline?.Regressions ?? []).Where(r => r.Kind == RegressionKind.Disappeared).ToArray();
        var failed = report.Claims.Count(c => !c.AsExpected || regressions.Contains(c.Id)) + disappeared.Length;
        var tests = report.Claims.Count + disappeared.Length;
        var time = Seconds(report.Claims.Sum(c => c.Seconds));

        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", "theory check");
            w.WriteAttributeString("tests", Int(tests));
            w.WriteAttributeString("failures", Int(failed));
            w.WriteAttributeString("errors", "0");
            w.WriteAttributeString("time", time);

            w.WriteStartElement("testsuite");
            var shard = report.Shard is null ? "" : $", shard {report.Shard}";
            w.WriteAttributeString("name", $"theory check (seed {report.Seed}, {report.Cases} cases{shard})");
            w.WriteAttributeString("tests", Int(tests));
            w.WriteAttributeString("failures", Int(failed));
            w.WriteAttributeString("errors", "0");
            w.WriteAttributeString("skipped", "0");
            w.WriteAttributeString("time", time);
            w.WriteStartElement("properties");
            Property(w, "seed", report.Seed.ToString(CultureInfo.InvariantCulture));
            Property(w, "cases", Int(report.Cases));
            Property(w, "backend", report.Backend);
            if (report.Shard is not null) Property(w, "shard", report.Shard.ToString());
            if (report.Baseline is not null) Property(w, "baseline", report.Baseline.Source);
            w.WriteEndElement();

            foreach (var c in report.Claims)
            {
                TestCase(w, c.Id, c.Seconds);
                if (!c.AsExpected)
                    Failure(w, Names.Of(c.Verdict), ReportText.Unexpected(c), Body(c));
                foreach (var r in regressions[c.Id])
                    Failure(w, "regression", $"regression ({Baseline.NameOf(r.Kind)}): {r.Message}", $"before: {r.Before}\nafter: {r.After}");
                w.WriteElementString("system-out", Clean(Summary(c) + (c.AsExpected && (c.Counterexample ?? c.Error) is not null ? "\n" + Body(c) : "")));
                w.WriteEndElement();
            }
            foreach (var r in disappeared)
            {
                TestCase(w, r.Id, 0);
                Failure(w, "regression", $"regression ({Baseline.NameOf(r.Kind)}): {r.Message}", $"before: {r.Before}\nafter: {r.After}");
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void TestCase(XmlWriter w, string id, double seconds)
    {
        w.WriteStartElement("testcase");
        w.WriteAttributeString("name", id);
        w.WriteAttributeString("classname", id.Split('.')[0]);
        w.WriteAttributeString("time", Seconds(seconds));
    }

    private static void Failure(XmlWriter w, string type, string message, string body)
    {
        w.WriteStartElement("failure");
        w.WriteAttributeString("message", Clean(message));
        w.WriteAttributeString("type", type);
        w.WriteString(Clean(body));
        w.WriteEndElement();
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", Clean(value));
        w.WriteEndElement();
    }

    private static string Summary(ClaimReport c) =>
        $"{c.Id} ({Names.Of(c.Kind)}): {Names.Of(c.Verdict)}, expected {Names.Of(c.Expected)}; {c.Counts.Checked} of {c.Counts.Budget} budgeted cases checked, "
        + $"{c.Counts.Held} held, {c.Counts.Discarded} discarded, {c.Counts.Inconclusive} inconclusive, {c.Counts.Screened} screened; max residual {ReportFormats.Format(c.MaxResidual)}"
        + (c.Health is null ? "" : $"\n{c.Health}");

    /// <summary>The counterexample (or error) in full: instance, sides, explanation, origin and both replay snippets.</summary>
    private static string Body(ClaimReport c)
    {
        var x = c.Counterexample ?? c.Error;
        if (x is null) return c.Health ?? Summary(c);
        var sb = new StringBuilder();
        sb.Append(c.Error is not null && c.Counterexample is null ? "Error in the check" : "Counterexample").Append(CultureInfo.InvariantCulture, $" ({x.ShrinkSteps} shrink steps, from {ReportText.Origin(x.Origin)}): {x.Explanation}\n");
        foreach (var v in x.Instance) sb.Append(CultureInfo.InvariantCulture, $"  {v.Name} = {v.Value}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  lhs = {x.Lhs}, rhs = {x.Rhs}, residual {ReportFormats.Format(x.Residual)} (tolerance {ReportFormats.Format(x.Tolerance)}: {x.ToleranceReason})\n");
        sb.Append(CultureInfo.InvariantCulture, $"  replay (C#): {x.CSharpSnippet}\n  replay (F#): {x.FSharpSnippet}");
        return sb.ToString();
    }

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double s) => s.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot carry most control characters: they become U+FFFD.</summary>
    private static string Clean(string text) => string.Concat(text.Select(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch) ? ch : '\uFFFD'));
}
