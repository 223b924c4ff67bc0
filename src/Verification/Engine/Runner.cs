using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Engine;

/// <summary>
/// Checks a claim on its fixed examples, its batch sweep and random instances drawn from its instance type; on a failure,
/// shrinks greedily (the first simpler candidate that still fails) and returns the shrunk instance with its replay.
/// Case i of N uses seed SplitMix(seed, i) and FsCheck size 1 + 99·i/(N−1), so a (seed, N) pair fixes the whole run.
/// Verdicts cannot pass vacuously: a claim is verified only when at least <see cref="ConclusiveShare"/> of its budgeted
/// cases (examples and random cases) held, and none failed or threw.
/// </summary>
public static class Runner
{
    /// <summary>The share of the budgeted cases that must be conclusive for a verified verdict.</summary>
    public const double ConclusiveShare = 0.9;

    public static ClaimReport Run<T>(Claim<T> claim, RunSettings settings)
    {
        var watch = Stopwatch.StartNew();
        var randomCases = RandomCaseCount(claim, settings);
        var budget = claim.Examples.Count + randomCases;
        var shard = settings.Shard;
        var recorder = shard is null ? null : new ShardRecorder(shard, claim.Instances.Name);
        int done = 0, held = 0, discarded = 0, inconclusive = 0, screened = 0;
        var maxResidual = 0.0;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);

        ClaimReport Report(Verdict verdict, Counterexample? counterexample = null, Counterexample? error = null, string? health = null, CasePosition? stop = null) =>
            new(claim.Id, claim.Kind, claim.Title, verdict, claim.Expected,
                new CaseCounts(budget, done, held, verdict == Verdict.Refuted ? 1 : 0, discarded, inconclusive, error is null ? 0 : 1, screened),
                maxResidual, watch.Elapsed.TotalSeconds, claim.Evidence, counterexample) { Error = error, Health = health, Shard = recorder?.Build(reasons, stop) };

        // Returns a final report when the case ends the run (a failure or an error), else null.
        ClaimReport? Record(T instance, Outcome outcome, CaseOrigin origin, CasePosition at)
        {
            if (at.Kind != ReplayKind.Sweep) recorder?.Add(at, outcome);
            switch (outcome.Status)
            {
                case OutcomeStatus.Holds:
                    held++;
                    maxResidual = Math.Max(maxResidual, outcome.Residual);
                    return null;
                case OutcomeStatus.Discarded:
                case OutcomeStatus.Inconclusive:
                    if (outcome.Status == OutcomeStatus.Discarded) discarded++; else inconclusive++;
                    var key = $"{Names.Of(outcome.Status)}: {outcome.Explanation}";
                    reasons[key] = reasons.GetValueOrDefault(key) + 1;
                    return null;
                case OutcomeStatus.Fails:
                    return Report(Verdict.Refuted, Shrunk(claim, instance, outcome, origin, settings.MaxShrinkChecks), stop: at);
                default:
                    return Report(Verdict.Error, error: Shrunk(claim, instance, outcome, origin, settings.MaxShrinkChecks), stop: at);
            }
        }

        // A shard checks the random cases whose index is K − 1 modulo N; only shard 1 checks the examples and runs the sweep.
        if (shard is null || shard.HasExamples)
        {
            for (var e = 0; e < claim.Examples.Count; e++)
            {
                done++;
                var final = Record(claim.Examples[e], claim.SafeCheck(claim.Examples[e]), CaseOrigin.OfExample(e), new CasePosition(ReplayKind.Example, e));
                if (final is not null) return final;
            }

            var sweep = claim.BatchSweep(settings.Seed);
            screened = sweep.Screened;
            foreach (var suspect in sweep.Suspects)
            {
                var outcome = claim.SafeCheck(suspect);
                if (outcome.Status is OutcomeStatus.Fails or OutcomeStatus.Error)
                    return Record(suspect, outcome, CaseOrigin.OfSweep(settings.Seed), CasePosition.Sweep)!;
            }
        }

        for (var i = shard is null ? 0 : shard.Index - 1; i < randomCases; i += shard?.Count ?? 1)
        {
            settings.Cancellation.ThrowIfCancellationRequested();
            var caseSeed = CaseSeed(settings.Seed, i);
            var size = SizeOf(i, randomCases);
            var instance = Generate(claim.Instances.Generator, caseSeed, size);
            done++;
            var final = Record(instance, claim.SafeCheck(instance), CaseOrigin.OfRandom(caseSeed, size), new CasePosition(ReplayKind.Random, i));
            settings.Progress(done);
            if (final is not null) return final;
        }

        // A shard decides on its own share of the budget (a partial verdict: merging the shards decides the run's).
        var decided = shard is null ? budget : ShareOf(claim.Examples.Count, randomCases, shard);
        if (Decide(decided, held)) return Report(Verdict.Verified);
        return Report(Verdict.Inconclusive, health: Health(claim.Instances.Name, decided, held, discarded, inconclusive, reasons));
    }

    /// <summary>The random cases of a claim's run: its case budget of the cases asked for, and at least one when it has no example.</summary>
    private static int RandomCaseCount<T>(Claim<T> claim, RunSettings settings)
    {
        var randomCases = Math.Max(0, claim.CaseBudget(Math.Max(1, settings.Cases)));
        return randomCases == 0 && claim.Examples.Count == 0 ? 1 : randomCases;
    }

    /// <summary>The cases of a shard: its random cases, plus the examples in shard 1.</summary>
    private static int ShareOf(int examples, int randomCases, ShardSpec shard) =>
        (shard.HasExamples ? examples : 0) + Math.Max(0, (randomCases - shard.Index + shard.Count) / shard.Count);

    /// <summary>The verdict rule without a failure: verified iff at least <see cref="ConclusiveShare"/> of the budgeted cases held.</summary>
    internal static bool Decide(int budget, int held) => held >= Math.Ceiling(ConclusiveShare * budget);

    internal static string Health(string instanceType, int budget, int held, int discarded, int inconclusive, IReadOnlyDictionary<string, int> reasons)
    {
        var common = string.Join("; ", reasons.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(3).Select(p => $"{p.Value}× {p.Key}"));
        return $"only {held} of {budget} budgeted cases were conclusive (a verdict needs {ConclusiveShare:P0}): {discarded} discarded and {inconclusive} inconclusive"
               + $" ({common}). The instance type '{instanceType}' rarely meets what the check needs: generate instances that satisfy the premise instead of discarding them";
    }

    /// <summary>The instances of a run's random cases, as the runner draws them (for coverage tests and tools).</summary>
    public static IEnumerable<(ulong Seed, int Size, T Instance)> RandomCases<T>(Claim<T> claim, RunSettings settings)
    {
        var randomCases = Math.Max(0, claim.CaseBudget(Math.Max(1, settings.Cases)));
        for (var i = 0; i < randomCases; i++)
        {
            var seed = CaseSeed(settings.Seed, i);
            var size = SizeOf(i, randomCases);
            yield return (seed, size, Generate(claim.Instances.Generator, seed, size));
        }
    }

    /// <summary>The smallest and largest value of each documented size over a run's random cases.</summary>
    public static IReadOnlyList<SizeCoverage> Coverage<T>(Claim<T> claim, RunSettings settings)
    {
        var measured = RandomCases(claim, settings).Select(c => claim.Instances.Measure(c.Instance)).ToList();
        return claim.Instances.Sizes.Select(range =>
        {
            var values = measured.Where(m => m.ContainsKey(range.Name)).Select(m => m[range.Name]).ToList();
            return new SizeCoverage(range, values.Count == 0 ? null : values.Min(), values.Count == 0 ? null : values.Max());
        }).ToArray();
    }

    /// <summary>Re-runs one random case of a claim from the seed and size a report printed.</summary>
    public static CaseReport Replay<T>(Claim<T> claim, ulong caseSeed, int size)
    {
        var instance = Generate(claim.Instances.Generator, caseSeed, size);
        return new CaseReport(claim.Instances.Describe(instance), CaseOrigin.OfRandom(caseSeed, size), claim.SafeCheck(instance));
    }

    /// <summary>Re-runs a claim's fixed example.</summary>
    public static CaseReport ReplayExample<T>(Claim<T> claim, int index)
    {
        if (index < 0 || index >= claim.Examples.Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"claim '{claim.Id}' has {claim.Examples.Count} fixed examples");
        var instance = claim.Examples[index];
        return new CaseReport(claim.Instances.Describe(instance), CaseOrigin.OfExample(index), claim.SafeCheck(instance));
    }

    /// <summary>One instance of the generator at the given FsCheck size, from the case seed.</summary>
    public static T Generate<T>(Gen<T> generator, ulong caseSeed, int size) =>
        generator.Sample(1, new Rnd(caseSeed), size)[0];

    /// <summary>Distinct, well-mixed seeds for every case of every run seed (SplitMix64 of the pair).</summary>
    public static ulong CaseSeed(ulong seed, int index) => SplitMix64.Mix(seed * 0x9E3779B97F4A7C15UL + (ulong)index + 1);

    /// <summary>The FsCheck size of case i of N: 1 for the first case, 100 for the last, evenly in between.</summary>
    public static int SizeOf(int index, int cases) => cases <= 1 ? 50 : 1 + 99 * index / (cases - 1);

    private static Counterexample Shrunk<T>(Claim<T> claim, T instance, Outcome outcome, CaseOrigin origin, int budget)
    {
        var status = outcome.Status;
        var (shrunk, shrunkOutcome, steps) = Shrinking.Greedy(instance, outcome, claim.Instances.Shrink, claim.SafeCheck,
            o => o.Status == status, x => Key(claim.Instances.Describe(x)), budget);
        var (cs, fs) = Snippets.For(claim, origin);
        return new Counterexample(claim.Instances.Describe(shrunk), shrunkOutcome, origin, steps, cs, fs);
    }

    private static string Key(IReadOnlyList<NamedValue> description) => string.Join("|", description.Select(v => $"{v.Name}={v.Value}"));
}

/// <summary>Greedy shrinking: take the first simpler candidate that keeps the property of interest, until none does.</summary>
public static class Shrinking
{
    /// <summary>
    /// Shrinks <paramref name="instance"/> while <paramref name="keeps"/> holds of the candidate's outcome. A shrinker that offers
    /// an instance already visited (compared by <paramref name="key"/>) would cycle: visited instances are skipped. At most
    /// <paramref name="budget"/> candidates are checked.
    /// </summary>
    public static (T Instance, Outcome Outcome, int Steps) Greedy<T>(T instance, Outcome outcome, Func<T, IEnumerable<T>> shrink,
        Func<T, Outcome> check, Func<Outcome, bool> keeps, Func<T, string> key, int budget)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { key(instance) };
        int steps = 0, checks = 0;
        var improved = true;
        while (improved && checks < budget)
        {
            improved = false;
            foreach (var candidate in shrink(instance))
            {
                if (!seen.Add(key(candidate))) continue;
                if (++checks > budget) break;
                var o = check(candidate);
                if (!keeps(o)) continue;
                instance = candidate;
                outcome = o;
                steps++;
                improved = true;
                break;
            }
        }
        return (instance, outcome, steps);
    }
}
