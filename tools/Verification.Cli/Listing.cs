using System.Text;
using System.Text.Json;
using Spectre.Console;
using Verification.Claims;

namespace Verification.Cli;

public static class Listing
{
    public static int Print(string format)
    {
        switch (format)
        {
            case "json":
                using (var stream = new MemoryStream())
                {
                    using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    {
                        w.WriteStartArray();
                        foreach (var c in Catalog.All)
                        {
                            w.WriteStartObject();
                            w.WriteString("id", c.Id);
                            w.WriteString("kind", ClaimNames.Of(c.Kind));
                            w.WriteString("title", c.Title);
                            w.WriteString("source", c.SourceKey);
                            w.WriteString("expected", ClaimNames.Of(c.Expected));
                            w.WriteString("statement", c.Statement);
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                    }
                    Console.Out.Write(Encoding.UTF8.GetString(stream.ToArray()) + "\n");
                }
                break;
            case "markdown":
                var sb = new StringBuilder("| id | kind | title | source |\n|---|---|---|---|\n");
                foreach (var c in Catalog.All) sb.Append($"| `{c.Id}` | {ClaimNames.Of(c.Kind)} | {c.Title} | {c.SourceKey} |\n");
                Console.Out.Write(sb.ToString());
                break;
            default:
                var table = new Table().AddColumns("id", "kind", "title", "source");
                foreach (var c in Catalog.All) table.AddRow(Markup.Escape(c.Id), ClaimNames.Of(c.Kind), Markup.Escape(c.Title), Markup.Escape(c.SourceKey));
                AnsiConsole.Write(table);
                break;
        }
        return Cli.ExitOk;
    }
}
