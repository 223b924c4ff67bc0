using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Verification.Engine;
using Verification.Properties.CatalogDriven;
using Verification.Reporting;
using Xunit;

namespace Verification.Properties.Cli;

/// <summary>
/// The CI formats: JUnit XML validated against the elements and attributes its readers require (Cli/junit.xsd), Markdown
/// rendered with Markdig (a table, and every counterexample in a details block), and the JSON report read back exactly.
/// </summary>
public class ReportFormatTests
{
    /// <summary>The catalog run of this test run, as `check` reports it.</summary>
    private static RunReport Catalog() =>
        new(TestSettings.Seed, TestSettings.Cases, "managed", Verification.Catalog.All.Select(c => CatalogRun.Report(c.Id)).ToArray());

    /// <summary>The same run with one claim's verdict not the expected one: a control that "held".</summary>
    private static (RunReport Report, ClaimReport Unexpected) WithAnUnexpectedVerdict()
    {
        var report = Catalog();
        var control = report.Claims.First(c => c.Id == "dropout.expectation.control");
        var unexpected = control with { Expected = Verdict.Verified };
        return (report with { Claims = report.Claims.Select(c => c.Id == control.Id ? unexpected : c).ToArray() }, unexpected);
    }

    private static XDocument ValidJunit(string xml)
    {
        var schemas = new XmlSchemaSet();
        using (var xsd = typeof(ReportFormatTests).Assembly.GetManifestResourceStream("junit.xsd")!)
            schemas.Add(null, XmlReader.Create(xsd));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using (var reader = XmlReader.Create(new StringReader(xml), settings))
            while (reader.Read()) { }
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return XDocument.Parse(xml);
    }

    [Fact]
    public void JUnit_has_one_valid_test_case_per_claim()
    {
        var report = Catalog();
        var xml = ValidJunit(ReportFormats.Junit(report));
        var suite = xml.Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(report.Claims.Select(c => c.Id), cases.Select(c => (string)c.Attribute("name")!));
        Assert.Equal(report.Claims.Count, (int)suite.Attribute("tests")!);
        Assert.Equal(0, (int)suite.Attribute("failures")!);
        Assert.Empty(cases.Elements("failure"));
        Assert.All(cases, c => Assert.Equal(((string)c.Attribute("name")!).Split('.')[0], (string)c.Attribute("classname")!));
    }

    [Fact]
    public void JUnit_fails_an_unexpected_verdict_with_its_counterexample_and_replay()
    {
        var (report, unexpected) = WithAnUnexpectedVerdict();
        var xml = ValidJunit(ReportFormats.Junit(report));
        Assert.Equal(1, (int)xml.Root!.Attribute("failures")!);
        var failure = xml.Descendants("testcase").Single(c => (string)c.Attribute("name")! == unexpected.Id).Element("failure")!;
        var message = (string)failure.Attribute("message")!;
        var x = unexpected.Counterexample!;
        Assert.StartsWith("refuted, expected verified", message);
        foreach (var v in x.Instance) Assert.Contains($"{v.Name} = {v.Value}", message);
        Assert.Contains(x.CSharpSnippet, message);
        Assert.Contains(x.FSharpSnippet, failure.Value);
        Assert.Equal("refuted", (string)failure.Attribute("type")!);
    }

    [Fact]
    public void JUnit_of_a_control_that_was_not_refuted_says_so()
    {
        var report = Catalog();
        var control = report.Claims.First(c => c.Expected == Verdict.Refuted) with { Verdict = Verdict.Verified, Counterexample = null };
        var xml = ValidJunit(ReportFormats.Junit(report with { Claims = [control] }));
        var message = (string)xml.Descendants("failure").Single().Attribute("message")!;
        Assert.StartsWith("verified, expected refuted: no case failed", message);
    }

    private static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

    private static string Html(string markdown) => Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

    [Fact]
    public void Markdown_renders_a_table_with_a_row_per_claim()
    {
        var report = Catalog();
        var document = Parse(ReportFormats.Markdown(report));
        var table = document.Descendants<Table>().Single();
        Assert.Equal(report.Claims.Count + 1, table.Count);
        Assert.True(((TableRow)table[0]).IsHeader);
        var html = Html(ReportFormats.Markdown(report));
        foreach (var c in report.Claims) Assert.Contains($"<td><code>{c.Id}</code></td>", html);
    }

    [Fact]
    public void Markdown_folds_every_counterexample_in_a_details_block_with_its_replay()
    {
        var (report, unexpected) = WithAnUnexpectedVerdict();
        var markdown = ReportFormats.Markdown(report);
        var document = Parse(markdown);
        var opening = document.Descendants<HtmlBlock>().Count(b => b.Lines.ToString().StartsWith("<details>"));
        var closing = document.Descendants<HtmlBlock>().Count(b => b.Lines.ToString().Trim() == "</details>");
        var refuted = report.Claims.Count(c => c.Counterexample is not null || c.Error is not null || c.Health is not null);
        Assert.Equal(refuted, opening);
        Assert.Equal(refuted, closing);

        // Inside each block, Markdown still renders: a list of the instance and fenced code for the replay.
        var html = Html(markdown);
        var blocks = Regex.Matches(html, "<details>(.*?)</details>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        var block = blocks.Single(b => b.Contains($"<code>{unexpected.Id}</code>"));
        Assert.Contains("<summary>❌ Counterexample to", block);
        Assert.Contains("<li>", block);
        Assert.Contains("<pre><code class=\"language-csharp\">", block);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(unexpected.Counterexample!.CSharpSnippet), block);
        Assert.StartsWith("### ❌ Verification:", markdown);
    }

    [Fact]
    public void The_JSON_report_reads_back_into_the_same_report()
    {
        // casesPerSecond is computed from the unrounded time, so it is the one field that can differ after a reading.
        var json = ReportFormats.Json(Catalog());
        Assert.Equal(Engine.ShardingTests.WithoutTiming(json), Engine.ShardingTests.WithoutTiming(ReportFormats.Json(ReportReader.Read(json))));
        var (unexpected, _) = WithAnUnexpectedVerdict();
        var text = ReportFormats.Markdown(unexpected);
        Assert.Equal(text, ReportFormats.Markdown(ReportReader.Read(ReportFormats.Json(unexpected))));
    }

    [Theory]
    [InlineData("{", "is not JSON")]
    [InlineData("[]", "the top level is not an object")]
    [InlineData("{\"seed\": 1, \"cases\": 100, \"backend\": \"managed\"}", "field \"claims\" is missing")]
    [InlineData("{\"seed\": 1, \"cases\": 100, \"backend\": \"managed\", \"claims\": [{\"id\": \"x\", \"verdict\": \"maybe\"}]}", "claim \"x\": unknown verdict \"maybe\"")]
    public void A_file_that_is_not_a_report_is_refused_with_one_line(string json, string message)
    {
        var e = Assert.Throws<FormatException>(() => ReportReader.Read(json, "old.json"));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void Cases_per_second_is_reported_per_claim()
    {
        var report = Catalog();
        using var json = System.Text.Json.JsonDocument.Parse(ReportFormats.Json(report));
        foreach (var c in json.RootElement.GetProperty("claims").EnumerateArray())
        {
            var seconds = c.GetProperty("seconds").GetDouble();
            var rate = c.GetProperty("casesPerSecond").GetDouble();
            Assert.True(rate >= 0);
            if (seconds > 0.01 && c.GetProperty("cases").GetInt32() > 0) Assert.InRange(rate * seconds / c.GetProperty("cases").GetInt32(), 0.9, 1.1);
        }
    }
}
