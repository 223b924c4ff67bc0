using Xunit;

namespace Verification.Properties.Snapshots;

/// <summary>
/// Approved-text snapshots with Verify's file conventions: snapshots/&lt;topic&gt;/&lt;name&gt;.verified.txt is the approved text; on a
/// mismatch the new text is written beside it as &lt;name&gt;.received.txt and the test fails (accept a change by renaming it).
/// A missing approved file fails when the environment variable CI is set; elsewhere the first run writes it.
/// Line endings are normalized to \n and the text ends with one newline.
/// </summary>
public static class Snapshot
{
    public static void Match(string topic, string name, string text)
    {
        var normalized = text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";
        var folder = Path.Combine(RepositoryRoot(), "snapshots", topic);
        var verified = Path.Combine(folder, name + ".verified.txt");
        var received = Path.Combine(folder, name + ".received.txt");
        if (!File.Exists(verified))
        {
            Directory.CreateDirectory(folder);
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                File.WriteAllText(received, normalized);
                Assert.Fail($"no approved snapshot {verified}; the received text is in {received}");
            }
            File.WriteAllText(verified, normalized);
            return;
        }
        var approved = File.ReadAllText(verified).Replace("\r\n", "\n");
        if (approved == normalized)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, normalized);
        Assert.Fail($"snapshot {topic}/{name} changed: compare {verified} with {received}");
    }

    /// <summary>The folder holding Verification.sln, found upward from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        throw new InvalidOperationException("Verification.sln not found above " + AppContext.BaseDirectory);
    }
}
