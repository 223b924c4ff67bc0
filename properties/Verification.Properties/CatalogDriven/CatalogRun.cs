using Verification.Engine;
using Verification.Reporting;

namespace Verification.Properties.CatalogDriven;

/// <summary>
/// The whole catalog run once per test run, at the environment's seed and case count (VERIFICATION_SEED,
/// VERIFICATION_CASES), claims in parallel; every catalog-driven test reads these reports.
/// </summary>
public static class CatalogRun
{
    private static int runs;

    private static readonly Lazy<IReadOnlyDictionary<string, ClaimReport>> Reports = new(() =>
    {
        Interlocked.Increment(ref runs);
        var claims = Verification.Catalog.All;
        var reports = new ClaimReport[claims.Count];
        Parallel.For(0, claims.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => reports[i] = claims[i].Run(TestSettings.Run));
        return reports.ToDictionary(r => r.Id, StringComparer.Ordinal);
    });

    /// <summary>How many times this process ran the whole catalog (the tests assert it is at most once).</summary>
    public static int Runs => runs;

    public static ClaimReport Report(string id) => Reports.Value[id];

    public static IEnumerable<ClaimReport> All => Reports.Value.Values;

    public static Xunit.TheoryData<string> Ids()
    {
        var data = new Xunit.TheoryData<string>();
        foreach (var c in Verification.Catalog.All) data.Add(c.Id);
        return data;
    }

    public static Xunit.TheoryData<string> RefutedIds()
    {
        var data = new Xunit.TheoryData<string>();
        foreach (var c in Verification.Catalog.All.Where(c => c.Expected == Verdict.Refuted)) data.Add(c.Id);
        return data;
    }
}
