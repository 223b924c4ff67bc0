using System.Text;

namespace Verification.Properties.Snapshots;

/// <summary>
/// Approved-file snapshots with Verify's conventions: the approved text lives in
/// <c>snapshots/&lt;topic&gt;/&lt;name&gt;.verified.txt</c> at the repository root; a mismatch (or a missing
/// approved file) writes <c>&lt;name&gt;.received.txt</c> beside it and fails with a line diff.
/// Accept every received file with <c>snapshots/accept</c>.
/// </summary>
public static class Snapshot
{
    /// <summary>The folder holding Verification.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Verification.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Line endings normalized to \n, with exactly one trailing newline.</summary>
    public static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    /// <summary>Compares <paramref name="text"/> with the approved snapshot; throws on any difference.</summary>
    public static void Match(string topic, string name, string text) =>
        MatchUnder(Path.Combine(RepositoryRoot, "snapshots"), topic, name, text);

    /// <summary>As <see cref="Match"/>, with the snapshot folder given (used to test the helper itself).</summary>
    public static void MatchUnder(string snapshotsFolder, string topic, string name, string text)
    {
        var folder = Path.Combine(snapshotsFolder, topic);
        var verified = Path.Combine(folder, name + ".verified.txt");
        var received = Path.Combine(folder, name + ".received.txt");
        var actual = Normalize(text);
        Directory.CreateDirectory(folder);

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual);
            var ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
            throw new SnapshotMismatchException(ci
                ? $"Snapshot {topic}/{name}: no approved file {Relative(verified)} (CI is set: snapshots must be committed). Wrote {Relative(received)}."
                : $"Snapshot {topic}/{name}: no approved file yet. Wrote {Relative(received)}; review it, then accept with: snapshots/accept");
        }

        var expected = Normalize(File.ReadAllText(verified));
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        throw new SnapshotMismatchException(
            $"Snapshot {topic}/{name} differs from {Relative(verified)}. Wrote {Relative(received)}; if the change is intended, accept with: snapshots/accept\n"
            + LineDiff(expected, actual));
    }

    private static string Relative(string path) => Path.GetRelativePath(RepositoryRoot, path);

    /// <summary>A readable diff: the differing lines with their numbers, '-' approved and '+' received.</summary>
    public static string LineDiff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var sb = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(a.Length, b.Length) && shown < 20; i++)
        {
            var left = i < a.Length ? a[i] : null;
            var right = i < b.Length ? b[i] : null;
            if (left == right) continue;
            shown++;
            var column = FirstDifference(left ?? "", right ?? "");
            if (left is not null) sb.Append($"  line {i + 1} - {Clip(left, column)}\n");
            if (right is not null) sb.Append($"  line {i + 1} + {Clip(right, column)}\n");
            if (left is not null && right is not null) sb.Append($"  (first difference at column {column + 1})\n");
        }
        return sb.ToString();
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i;
    }

    /// <summary>Long lines are cut to a window around the first difference.</summary>
    private static string Clip(string line, int column)
    {
        if (line.Length <= 200) return line;
        var start = Math.Max(0, Math.Min(column - 80, line.Length - 200));
        var end = Math.Min(line.Length, start + 200);
        return (start > 0 ? "… " : "") + line[start..end] + (end < line.Length ? " …" : "");
    }
}

/// <summary>A snapshot differs from its approved file.</summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);
