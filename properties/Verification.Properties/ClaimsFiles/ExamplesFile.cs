using Verification.ClaimsFiles;
using Verification.Engine;
using Verification.Reporting;
using Verification.Properties.Snapshots;

namespace Verification.Properties.ClaimsFiles;

/// <summary>The claims of examples/claims.yaml, loaded and run once per test run (at the environment's seed and case count).</summary>
public static class ExamplesFile
{
    public static string Path { get; } = System.IO.Path.Combine(Snapshot.RepositoryRoot, "examples", "claims.yaml");

    private static readonly Lazy<IReadOnlyList<ClaimModel>> ModelsValue = new(() => ClaimsFile.Load(Path));
    private static readonly Lazy<IReadOnlyList<Claim<FileInstance>>> ClaimsValue = new(() => Models.Select(FileClaims.Create).ToList());

    private static readonly Lazy<IReadOnlyDictionary<string, ClaimReport>> Reports = new(() =>
    {
        var claims = Claims;
        var reports = new ClaimReport[claims.Count];
        Parallel.For(0, claims.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => reports[i] = claims[i].Run(TestSettings.Run));
        return reports.ToDictionary(r => r.Id, StringComparer.Ordinal);
    });

    public static IReadOnlyList<ClaimModel> Models => ModelsValue.Value;

    public static IReadOnlyList<Claim<FileInstance>> Claims => ClaimsValue.Value;

    public static Claim<FileInstance> Find(string id) => Claims.Single(c => c.Id == id);

    public static ClaimReport Report(string id) => Reports.Value[id];

    public static Xunit.TheoryData<string> Ids()
    {
        var data = new Xunit.TheoryData<string>();
        foreach (var c in ClaimsFile.Load(Path)) data.Add(c.Id);
        return data;
    }

    public static Xunit.TheoryData<string> TheoremIds()
    {
        var data = new Xunit.TheoryData<string>();
        foreach (var c in ClaimsFile.Load(Path).Where(c => c.Kind == ClaimKind.Theorem)) data.Add(c.Id);
        return data;
    }

    public static Xunit.TheoryData<string> RefutedIds()
    {
        var data = new Xunit.TheoryData<string>();
        foreach (var c in ClaimsFile.Load(Path).Where(c => c.Kind == ClaimKind.Control || c.Decision == Verdict.Refuted)) data.Add(c.Id);
        return data;
    }
}
