using System.Globalization;
using System.Text;
using Verification.Reporting;

namespace Verification.Engine;

/// <summary>
/// Shard K of N of a run (1 ≤ K ≤ N): the random cases whose index i has i mod N = K − 1, and, in shard 1 only, the fixed
/// examples and the batch sweep. Case indices, seeds and sizes are those of the whole run, so the shards of a run check
/// exactly the cases the whole run would, and <see cref="Sharding.Merge(IReadOnlyList{RunReport})"/> recomputes the whole run's report from theirs.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Reads "K/N" (for example "2/4").</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < 1 || k < 1 || k > n)
            throw new ArgumentException($"a shard is K/N with 1 ≤ K ≤ N (for example 2/4), not '{text}'");
        return new ShardSpec(k, n);
    }

    /// <summary>The first shard also checks the fixed examples and runs the batch sweep.</summary>
    public bool HasExamples => Index == 1;

    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>Where a case stands in the order of a whole run: fixed examples, then the batch sweep, then random cases by index.</summary>
public readonly record struct CasePosition(ReplayKind Kind, int Index) : IComparable<CasePosition>
{
    public static CasePosition Sweep => new(ReplayKind.Sweep, 0);

    private int Phase => Kind switch { ReplayKind.Example => 0, ReplayKind.Sweep => 1, _ => 2 };

    public int CompareTo(CasePosition other) => Phase != other.Phase ? Phase.CompareTo(other.Phase) : Index.CompareTo(other.Index);

    public static bool operator <(CasePosition a, CasePosition b) => a.CompareTo(b) < 0;
    public static bool operator >(CasePosition a, CasePosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(CasePosition a, CasePosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(CasePosition a, CasePosition b) => a.CompareTo(b) >= 0;

    public override string ToString() => Kind == ReplayKind.Sweep ? "sweep" : $"{Kind.ToString().ToLowerInvariant()} {Index}";
}

/// <summary>
/// What a shard's run on one claim reports besides its own counts, so that the shards' reports can be merged into the whole
/// run's: the status of every case it checked (one letter per case: <c>h</c> held, <c>d</c> discarded, <c>i</c> inconclusive,
/// <c>f</c> failed, <c>e</c> error), the running maximum of the residuals of held cases where it grew, the reasons of the
/// discarded and inconclusive cases, and where the shard stopped (its first failure or error), if it did.
/// </summary>
public sealed record ShardRecord(
    ShardSpec Shard,
    string InstanceType,
    string Examples,
    string Random,
    IReadOnlyList<ResidualRecord> Residuals,
    IReadOnlyDictionary<string, int> Reasons,
    CasePosition? Stop)
{
    /// <summary>The index of the random case of the j-th letter of <see cref="Random"/>.</summary>
    public int RandomIndex(int j) => Shard.Index - 1 + j * Shard.Count;
}

/// <summary>A case where the running maximum of the held residuals grew, and the new maximum.</summary>
public sealed record ResidualRecord(CasePosition At, double Max);

/// <summary>Builds a shard's record as the runner checks cases, in order.</summary>
internal sealed class ShardRecorder(ShardSpec shard, string instanceType)
{
    private readonly StringBuilder examples = new();
    private readonly StringBuilder random = new();
    private readonly List<ResidualRecord> residuals = [];
    private double max;

    public void Add(CasePosition at, Outcome outcome)
    {
        (at.Kind == ReplayKind.Example ? examples : random).Append(Letter(outcome.Status));
        if (outcome.Status != OutcomeStatus.Holds) return;
        var next = Math.Max(max, outcome.Residual);
        if (next.Equals(max)) return;
        max = next;
        residuals.Add(new ResidualRecord(at, next));
    }

    public ShardRecord Build(IReadOnlyDictionary<string, int> reasons, CasePosition? stop) =>
        new(shard, instanceType, examples.ToString(), random.ToString(), residuals.ToArray(),
            new SortedDictionary<string, int>(reasons.ToDictionary(), StringComparer.Ordinal), stop);

    public static char Letter(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Holds => 'h',
        OutcomeStatus.Discarded => 'd',
        OutcomeStatus.Inconclusive => 'i',
        OutcomeStatus.Fails => 'f',
        _ => 'e',
    };
}

/// <summary>Merges the reports of the N shards of a run into the report of the whole run (timing aside).</summary>
public static class Sharding
{
    /// <summary>
    /// The whole run's report on one claim from its N shard reports (any order). The run stops at the first failure or error
    /// in the order examples, sweep, random cases by index: the merge keeps the earliest shard stop and its shrunk case, and
    /// counts only the cases before it (and the failing case itself), exactly as the whole run does.
    /// </summary>
    public static ClaimReport Merge(IReadOnlyList<ClaimReport> shards)
    {
        if (shards.Count == 0) throw new ArgumentException("nothing to merge", nameof(shards));
        var id = shards[0].Id;
        var records = shards.Select(s => s.Shard ?? throw new ArgumentException($"the report of '{s.Id}' is not a shard's (run check with --shard K/N)")).ToArray();
        var count = records[0].Shard.Count;
        if (shards.Any(s => s.Id != id)) throw new ArgumentException($"shard reports of different claims: '{id}' and '{shards.First(s => s.Id != id).Id}'");
        if (records.Any(r => r.Shard.Count != count))
            throw new ArgumentException($"'{id}': shards of different splits ({string.Join(", ", records.Select(r => r.Shard).Distinct())})");
        var indices = records.Select(r => r.Shard.Index).Order().ToArray();
        if (!indices.SequenceEqual(Enumerable.Range(1, count)))
            throw new ArgumentException($"'{id}': the shards of a {count}-way split are 1 to {count}, each once; got {string.Join(", ", indices.Select(i => $"{i}/{count}"))}");
        var budgets = shards.Select(s => s.Counts.Budget).Distinct().ToArray();
        if (budgets.Length != 1) throw new ArgumentException($"'{id}': shards planned different budgets ({string.Join(", ", budgets)}): were they run with the same --cases?");

        var first = shards[Array.FindIndex(records, r => r.Shard.Index == 1)];
        var firstRecord = first.Shard!;
        var budget = budgets[0];

        // The whole run stops at the earliest stop of any shard; every shard checked all of its cases before that one.
        var stopShard = Enumerable.Range(0, shards.Count).Where(i => records[i].Stop is not null).OrderBy(i => records[i].Stop!.Value).FirstOrDefault(-1);
        var stop = stopShard < 0 ? (CasePosition?)null : records[stopShard].Stop!.Value;
        bool Counted(CasePosition at) => stop is null || at <= stop.Value;

        int done = 0, held = 0, discarded = 0, inconclusive = 0;
        var maxResidual = 0.0;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var letters = record.Examples.Select((c, e) => (c, at: new CasePosition(ReplayKind.Example, e)))
                .Concat(record.Random.Select((c, j) => (c, at: new CasePosition(ReplayKind.Random, record.RandomIndex(j)))));
            foreach (var (c, at) in letters)
            {
                if (!Counted(at)) continue;
                done++;
                if (c == 'h') held++;
                else if (c == 'd') discarded++;
                else if (c == 'i') inconclusive++;
            }
            var last = record.Residuals.LastOrDefault(r => stop is null || r.At < stop.Value);
            if (last is not null) maxResidual = Math.Max(maxResidual, last.Max);
            foreach (var (reason, n) in record.Reasons) reasons[reason] = reasons.GetValueOrDefault(reason) + n;
        }

        var seconds = shards.Sum(s => s.Seconds);
        var screened = first.Counts.Screened;
        ClaimReport Report(Verdict verdict, Counterexample? counterexample = null, Counterexample? error = null, string? health = null) =>
            new(id, first.Kind, first.Title, verdict, first.Expected,
                new CaseCounts(budget, done, held, verdict == Verdict.Refuted ? 1 : 0, discarded, inconclusive, error is null ? 0 : 1, screened),
                maxResidual, seconds, first.Evidence, counterexample) { Error = error, Health = health };

        if (stop is not null)
        {
            var stopped = shards[stopShard];
            return stopped.Verdict == Verdict.Error ? Report(Verdict.Error, error: stopped.Error) : Report(Verdict.Refuted, stopped.Counterexample);
        }
        return Runner.Decide(budget, held)
            ? Report(Verdict.Verified)
            : Report(Verdict.Inconclusive, health: Runner.Health(firstRecord.InstanceType, budget, held, discarded, inconclusive, reasons));
    }

    /// <summary>Merges whole shard runs: every claim's N reports, in the claim order of shard 1; settings must agree.</summary>
    public static RunReport Merge(IReadOnlyList<RunReport> shards)
    {
        if (shards.Count == 0) throw new ArgumentException("no reports to merge", nameof(shards));
        foreach (var s in shards)
            if (s.Shard is null) throw new ArgumentException("a report to merge is not a shard's: run check with --shard K/N --format json");
        var seeds = shards.Select(s => s.Seed).Distinct().ToArray();
        if (seeds.Length != 1) throw new ArgumentException($"the shards were run with different seeds ({string.Join(", ", seeds)})");
        var cases = shards.Select(s => s.Cases).Distinct().ToArray();
        if (cases.Length != 1) throw new ArgumentException($"the shards were run with different --cases ({string.Join(", ", cases)})");
        var count = shards[0].Shard!.Count;
        var indices = shards.Select(s => s.Shard!).Select(s => s.Count == count ? s.Index : -1).Order().ToArray();
        if (!indices.SequenceEqual(Enumerable.Range(1, count)))
            throw new ArgumentException($"the shards of a {count}-way split are 1/{count} to {count}/{count}, each once; got {string.Join(", ", shards.Select(s => s.Shard))}");
        var ordered = shards.OrderBy(s => s.Shard!.Index).ToArray();
        var ids = ordered[0].Claims.Select(c => c.Id).ToArray();
        foreach (var s in ordered)
            if (!s.Claims.Select(c => c.Id).SequenceEqual(ids))
                throw new ArgumentException($"shard {s.Shard} checked other claims than shard {ordered[0].Shard}: every shard must be run with the same claim ids");
        var claims = ids.Select((id, i) => Merge(ordered.Select(s => s.Claims[i]).ToArray())).ToArray();
        var backend = string.Join(",", ordered.Select(s => s.Backend).Distinct());
        return new RunReport(seeds[0], cases[0], backend, claims);
    }
}
