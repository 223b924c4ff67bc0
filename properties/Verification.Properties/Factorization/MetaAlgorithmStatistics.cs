using Verification.Engine;
using Verification.Reporting;
using Verification.Topics.Factorization;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Factorization;

/// <summary>
/// The meta-algorithm's rounds, widths and descent iterations over 100 random instances (sizes 1 to 100, the claim's
/// generator): every conclusive case holds, and the statistics are written to the test output (the README quotes them).
/// </summary>
public class MetaAlgorithmStatistics(ITestOutputHelper output)
{
    [Fact]
    public void Rounds_widths_and_iterations_over_random_instances()
    {
        var rows = new List<(long Rounds, long Start, long Final, long Bound, long Iterations)>();
        for (var size = 1; size <= 100; size++)
        {
            var c = Runner.Generate(MetaAlgorithmCases.All.Generator, 1000UL + (ulong)size, size);
            var o = FactorizationClaims.CheckMetaAlgorithm(c, appending: true);
            Assert.False(o.Fails, o.Explanation);
            if (!o.Holds) continue;
            long Get(string name) => ((IntegerValue)o.Details.First(d => d.Name == name).Value).Value;
            rows.Add((Get("rounds"), Get("startWidth"), Get("finalWidth"), Get("widthBound"), Get("descentIterations")));
        }
        Assert.True(rows.Count >= 90, $"{rows.Count} conclusive cases");
        Assert.All(rows, r => Assert.True(r.Final <= r.Bound));
        string Stats(Func<(long Rounds, long Start, long Final, long Bound, long Iterations), long> f)
        {
            var v = rows.Select(f).OrderBy(x => x).ToArray();
            return $"min {v[0]}, median {v[v.Length / 2]}, mean {v.Average():F2}, max {v[^1]}";
        }
        output.WriteLine($"cases {rows.Count}; rounds: {Stats(r => r.Rounds)}; start width: {Stats(r => r.Start)}; final width: {Stats(r => r.Final)}; "
                         + $"bound − final: {Stats(r => r.Bound - r.Final)}; appended columns: {Stats(r => r.Final - r.Start)}; descent iterations: {Stats(r => r.Iterations)}; "
                         + $"cases that appended: {rows.Count(r => r.Rounds > 1)}");
    }
}
