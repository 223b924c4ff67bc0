using System.Globalization;
using System.Text;

namespace Verification.Cli;

/// <summary>
/// A plain boxed table (the look of the `check` table) for `list`, written without Spectre.Console: `list` is what a CI
/// log or a shell prompt runs most, and rendering a Spectre table costs more start-up time than building the catalog.
/// Columns wrap at spaces when the table is wider than the console (160 columns when the output is redirected).
/// </summary>
public static class TextTable
{
    public static string Render(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, int maxWidth)
    {
        var columns = headers.Count;
        var widths = Enumerable.Range(0, columns).Select(c => rows.Select(r => Width(r[c])).Append(Width(headers[c])).Max()).ToArray();
        // Borders and padding take 3 per column plus 1; shrink the widest column until the table fits (never below 10).
        var budget = maxWidth - (3 * columns + 1);
        while (widths.Sum() > budget)
        {
            var widest = Array.IndexOf(widths, widths.Max());
            if (widths[widest] <= 10) break;
            widths[widest]--;
        }

        var sb = new StringBuilder();
        Line(sb, widths, '┌', '┬', '┐');
        Row(sb, widths, headers);
        Line(sb, widths, '├', '┼', '┤');
        foreach (var row in rows) Row(sb, widths, row);
        Line(sb, widths, '└', '┴', '┘');
        return sb.ToString();
    }

    /// <summary>The console's width when it is a terminal, else 160 (CI logs and files).</summary>
    public static int ConsoleWidth()
    {
        if (Console.IsOutputRedirected) return 160;
        try
        {
            return Console.WindowWidth > 20 ? Console.WindowWidth : 160;
        }
        catch (IOException)
        {
            return 160;
        }
    }

    private static void Line(StringBuilder sb, int[] widths, char left, char middle, char right)
    {
        sb.Append(left);
        for (var c = 0; c < widths.Length; c++)
        {
            if (c > 0) sb.Append(middle);
            sb.Append('─', widths[c] + 2);
        }
        sb.Append(right).Append('\n');
    }

    private static void Row(StringBuilder sb, int[] widths, IReadOnlyList<string> cells)
    {
        var wrapped = cells.Select((cell, c) => Wrap(cell, widths[c])).ToArray();
        var height = wrapped.Max(w => w.Count);
        for (var line = 0; line < height; line++)
        {
            sb.Append('│');
            for (var c = 0; c < widths.Length; c++)
            {
                var text = line < wrapped[c].Count ? wrapped[c][line] : "";
                sb.Append(' ').Append(text).Append(' ', widths[c] - Width(text) + 1).Append('│');
            }
            sb.Append('\n');
        }
    }

    /// <summary>Splits text into lines of at most <paramref name="width"/> columns, at spaces where it can.</summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            var piece = word;
            while (Width(piece) > width)
            {
                if (current.Length > 0) { lines.Add(current.ToString()); current.Clear(); }
                var cut = Cut(piece, width);
                lines.Add(piece[..cut]);
                piece = piece[cut..];
            }
            if (current.Length == 0) current.Append(piece);
            else if (Width(current.ToString()) + 1 + Width(piece) <= width) current.Append(' ').Append(piece);
            else { lines.Add(current.ToString()); current.Clear().Append(piece); }
        }
        lines.Add(current.ToString());
        return lines;
    }

    /// <summary>Display columns: one per text element (a character with its combining marks).</summary>
    public static int Width(string text) => new StringInfo(text).LengthInTextElements;

    private static int Cut(string text, int width)
    {
        var elements = StringInfo.ParseCombiningCharacters(text);
        return width < elements.Length ? elements[width] : text.Length;
    }
}
