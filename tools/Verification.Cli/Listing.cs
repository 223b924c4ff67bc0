using System.Text;
using Verification.Engine;
using Verification.Reporting;

namespace Verification.Cli;

public static class Listing
{
    public static int Print(string format)
    {
        switch (format)
        {
            case "json":
                Console.Out.Write(JsonOutput.Write(w =>
                {
                    w.WriteStartArray();
                    foreach (var c in Catalog.All)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", c.Id);
                        w.WriteString("kind", Names.Of(c.Kind));
                        w.WriteString("title", c.Title);
                        w.WriteString("source", c.Source);
                        w.WriteString("expected", Names.Of(c.Expected));
                        w.WriteString("statement", c.Statement);
                        w.WriteString("instanceType", c.InstanceTypeName);
                        w.WriteString("sides", c.Sides);
                        w.WriteString("evidence", c.Evidence);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }));
                break;
            case "markdown":
                Console.Out.Write(Markdown());
                break;
            default:
                var rows = Catalog.All.Select(c => (IReadOnlyList<string>)[c.Id, Names.Of(c.Kind), Names.Of(c.Expected), c.Title, c.Source]).ToArray();
                Console.Out.Write(TextTable.Render(["id", "kind", "expected", "title", "source"], rows, TextTable.ConsoleWidth()));
                break;
        }
        return Cli.ExitOk;
    }

    /// <summary>The README's catalog table: id, kind, expected verdict (refuted in bold), title, source.</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder("| id | kind | verdict | title | source |\n|---|---|---|---|---|\n");
        foreach (var c in Catalog.All)
        {
            var verdict = c.Expected == Verdict.Verified ? "verified" : $"**{Names.Of(c.Expected)}**";
            sb.Append($"| `{c.Id}` | {Names.Of(c.Kind)} | {verdict} | {c.Title} | {c.Source} |\n");
        }
        return sb.ToString();
    }
}
