using Verification.Properties.Snapshots;
using Xunit;

namespace Verification.Properties.Symbolic;

/// <summary>The snapshot helper itself, in a scratch folder.</summary>
public sealed class SnapshotTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "snapshot-selftest-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Missing_approved_file_writes_received_and_fails()
    {
        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.MatchUnder(_folder, "t", "x", "hello"));
        Assert.Contains("no approved file", e.Message); // with or without CI set: both fail, the wording differs
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(_folder, "t", "x.received.txt")));
    }

    [Fact]
    public void One_changed_character_fails_with_a_line_diff_and_a_match_removes_the_received_file()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "t"));
        var verified = Path.Combine(_folder, "t", "x.verified.txt");
        File.WriteAllText(verified, "line one\r\nline two\r\n");
        Snapshot.MatchUnder(_folder, "t", "x", "line one\nline two"); // CRLF and trailing newline normalized

        File.WriteAllText(verified, "line one\nline twO\n");
        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.MatchUnder(_folder, "t", "x", "line one\nline two"));
        Assert.Contains("line 2 - line twO", e.Message);
        Assert.Contains("line 2 + line two", e.Message);
        Assert.True(File.Exists(Path.Combine(_folder, "t", "x.received.txt")));

        File.WriteAllText(verified, "line one\nline two\n");
        Snapshot.MatchUnder(_folder, "t", "x", "line one\nline two");
        Assert.False(File.Exists(Path.Combine(_folder, "t", "x.received.txt")));
    }
}
