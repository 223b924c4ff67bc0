using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Claims;
using Verification.Generators;
using Verification.LinearAlgebra;
using Xunit;

namespace Verification.Properties.Engine;

/// <summary>The README's "writing your own claim" examples, compiled and run; the README must show them verbatim.</summary>
public class ReadmeExamples
{
    private static ClaimReport CSharpExample()
    {
        // README:csharp-claim begin
        var spectralBelowFrobenius = new Claim<Matrix<double>>(
            Id: "example.spectral-below-frobenius",
            Title: "The spectral norm is at most the Frobenius norm",
            Statement: @"\|A\|_2 \le \|A\|_F",
            Kind: ClaimKind.Theorem,
            SourceKey: "Suite",
            Expected: Verdict.Verified,
            Evidence: "one SVD per case, within the SVD tolerance",
            Generator: Matrices.Any(3, 4),
            Shrink: Shrink.Entries,
            Check: a => CheckOutcome.AtLeast(a.FrobeniusNorm(), Norms.Spectral(a),
                Tolerance.Spectral(3, 4, 4, a.FrobeniusNorm()), "‖A‖_F ≥ ‖A‖_2"),
            Describe: a => [new NamedValue("A", Value.Of(a))]);

        var report = spectralBelowFrobenius.Run(new RunSettings(Cases: 200, Seed: 7));
        Console.WriteLine($"{report.Id}: {report.Verdict}");
        // README:csharp-claim end
        return report;
    }

    [Fact]
    public void The_CSharp_claim_runs_and_is_verified()
    {
        var report = CSharpExample();
        Assert.Equal(Verdict.Verified, report.Verdict);
        Assert.Equal(200, report.Cases);
    }

    [Theory]
    [InlineData("csharp", "properties/Verification.Properties/Engine/ReadmeExamples.cs")]
    [InlineData("fsharp", "properties/Verification.Properties.FSharp/FactorizationProperties.fs")]
    public void The_README_shows_the_tested_code(string language, string file)
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, file));
        var marked = Regex.Match(source, $"// README:{language}-claim begin\\n(.*?)\\n\\s*// README:{language}-claim end", RegexOptions.Singleline);
        Assert.True(marked.Success, "markers not found");
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var block = Regex.Match(readme, $"```{language}\\n(.*?)\\n```", RegexOptions.Singleline);
        Assert.True(block.Success, $"no ```{language} block in README.md");
        Assert.Equal(Normalize(marked.Groups[1].Value), Normalize(block.Groups[1].Value));
    }

    /// <summary>Drops the common indentation so the README can show the code flush left.</summary>
    private static string Normalize(string code)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.Trim())).Trim();
    }
}
