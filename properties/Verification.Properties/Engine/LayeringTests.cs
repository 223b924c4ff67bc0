using System.Text.RegularExpressions;
using Verification.Properties.Snapshots;
using Xunit;

namespace Verification.Properties.Engine;

/// <summary>The layering of ARCHITECTURE.md, read off the sources: math knows no engine, the engine knows no topic.</summary>
public class LayeringTests
{
    private static string Library => Path.Combine(Snapshot.RepositoryRoot, "src", "Verification");

    private static IEnumerable<string> Files(params string[] folders) =>
        folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(Library, f), "*.cs", SearchOption.AllDirectories));

    private static IEnumerable<string> MathFiles =>
        Files("Numerics", "LinearAlgebra").Concat(Directory.EnumerateDirectories(Path.Combine(Library, "Topics"))
            .SelectMany(t => new[] { "Math", "Kernels" }.Select(sub => Path.Combine(t, sub)).Where(Directory.Exists))
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories)));

    [Fact]
    public void Math_references_neither_the_engine_nor_the_input_layer_nor_reports()
    {
        var offenders = MathFiles.Where(f => Regex.IsMatch(File.ReadAllText(f), @"Verification\.(Engine|Input|Reporting)\b|InputException|\bOutcome\b")).ToList();
        Assert.True(offenders.Count == 0, "math files that reference the engine: " + string.Join(", ", offenders.Select(f => Path.GetRelativePath(Library, f))));
    }

    [Fact]
    public void The_engine_reporting_and_input_layers_name_no_topic()
    {
        var offenders = Files("Engine", "Reporting", "Input").Where(f => Regex.IsMatch(File.ReadAllText(f), @"Verification\.Topics|Dropout|Factorization\b")).ToList();
        Assert.True(offenders.Count == 0, "engine files that name a topic: " + string.Join(", ", offenders.Select(f => Path.GetRelativePath(Library, f))));
    }

    [Fact]
    public void The_CLI_names_no_topic_type()
    {
        var cli = Path.Combine(Snapshot.RepositoryRoot, "tools", "Verification.Cli");
        var offenders = Directory.EnumerateFiles(cli, "*.cs").Where(f => Regex.IsMatch(File.ReadAllText(f), @"using Verification\.Topics\.(?!Symbolic)|DropoutClaims|DropoutCase")).ToList();
        Assert.True(offenders.Count == 0, "CLI files that name a topic type: " + string.Join(", ", offenders.Select(Path.GetFileName)));
    }

    [Fact]
    public void Only_the_composition_list_names_every_topic()
    {
        var outsideTopics = Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Topics{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => File.ReadAllText(f).Contains("Topic.Instance")).Select(Path.GetFileName).ToList();
        Assert.Equal(["Catalog.cs"], outsideTopics);
    }
}
