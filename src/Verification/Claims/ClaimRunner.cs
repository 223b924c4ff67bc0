using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;

namespace Verification.Claims;

/// <summary>
/// Checks a claim on its fixed examples and on random instances drawn from its FsCheck generator; on a failure,
/// shrinks greedily (first simpler candidate that still fails) and returns the shrunk instance with its replay seed.
/// Case i uses seed SplitMix(seed, i) and size 1 + 99·i/(N−1), so a (seed, N) pair fixes the whole run.
/// </summary>
public static class ClaimRunner
{
    public static ClaimReport Run<T>(Claim<T> claim, RunSettings settings)
    {
        var watch = Stopwatch.StartNew();
        var cases = Math.Max(0, claim.CaseBudget(Math.Max(1, settings.Cases)));
        if (cases == 0 && claim.Examples.Count == 0) cases = 1;
        var maxResidual = 0.0;
        var inconclusive = 0;
        var done = 0;

        Counterexample? Refute(T instance, CheckOutcome outcome, ulong replay, int size, bool fromSweep = false)
        {
            var (shrunk, shrunkOutcome, steps) = ShrinkFailure(claim, instance, outcome, settings.MaxShrinkChecks);
            return MakeCounterexample(claim, shrunk, shrunkOutcome, replay, size, steps, fromSweep);
        }

        ClaimReport Report(Verdict verdict, Counterexample? counterexample) => new(
            claim.Id, claim.Kind, claim.Title, verdict, claim.Expected, done, inconclusive,
            maxResidual, watch.Elapsed.TotalSeconds, claim.Evidence, counterexample);

        for (var e = 0; e < claim.Examples.Count; e++)
        {
            var outcome = claim.SafeCheck(claim.Examples[e]);
            done++;
            if (!outcome.Holds) return Report(Verdict.Refuted, Refute(claim.Examples[e], outcome, (ulong)e, 0));
            maxResidual = Math.Max(maxResidual, outcome.Residual);
            if (outcome.Inconclusive) inconclusive++;
        }

        var sweep = claim.BatchSweep(settings.Seed);
        done += sweep.Screened;
        foreach (var suspect in sweep.Suspects)
        {
            var outcome = claim.SafeCheck(suspect);
            if (!outcome.Holds && !outcome.Inconclusive)
            {
                maxResidual = Math.Max(maxResidual, outcome.Residual);
                return Report(Verdict.Refuted, Refute(suspect, outcome, settings.Seed, 0, fromSweep: true));
            }
        }

        for (var i = 0; i < cases; i++)
        {
            var caseSeed = CaseSeed(settings.Seed, i);
            var size = SizeOf(i, cases);
            var instance = Generate(claim.Generator, caseSeed, size);
            var outcome = claim.SafeCheck(instance);
            done++;
            settings.Progress(done);
            if (!outcome.Holds && !outcome.Inconclusive)
            {
                maxResidual = Math.Max(maxResidual, outcome.Residual);
                return Report(Verdict.Refuted, Refute(instance, outcome, caseSeed, size));
            }
            if (outcome.Inconclusive) inconclusive++;
            else maxResidual = Math.Max(maxResidual, outcome.Residual);
        }

        var verdict = inconclusive == done ? Verdict.Inconclusive : Verdict.Verified;
        return Report(verdict, null);
    }

    /// <summary>Re-runs one random case of a claim from the seed and size a report printed.</summary>
    public static CaseReport Replay<T>(Claim<T> claim, ulong caseSeed, int size)
    {
        var instance = Generate(claim.Generator, caseSeed, size);
        return new CaseReport(claim.Describe(instance), caseSeed, size, claim.SafeCheck(instance));
    }

    public static T Generate<T>(Gen<T> generator, ulong caseSeed, int size) =>
        generator.Sample(size, new Rnd(caseSeed), 1).First();

    public static ulong CaseSeed(ulong seed, int index)
    {
        // SplitMix64 of the pair: distinct, well-mixed seeds for every case of every run seed.
        var z = seed * 0x9E3779B97F4A7C15UL + (ulong)index + 1;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static int SizeOf(int index, int cases) => cases <= 1 ? 50 : 1 + 99 * index / (cases - 1);

    private static (T, CheckOutcome, int) ShrinkFailure<T>(Claim<T> claim, T instance, CheckOutcome outcome, int budget)
    {
        // A shrinker that offers a previously visited instance would cycle: instances are compared by their description.
        string Key(T x) => string.Join("|", claim.Describe(x).Select(v => $"{v.Name}={v.Value}"));
        var seen = new HashSet<string> { Key(instance) };
        var steps = 0;
        var checks = 0;
        var improved = true;
        while (improved && checks < budget)
        {
            improved = false;
            foreach (var candidate in claim.Shrink(instance))
            {
                if (!seen.Add(Key(candidate))) continue;
                if (++checks > budget) break;
                var o = claim.SafeCheck(candidate);
                if (!o.Holds && !o.Inconclusive)
                {
                    instance = candidate;
                    outcome = o;
                    steps++;
                    improved = true;
                    break;
                }
            }
        }
        return (instance, outcome, steps);
    }

    private static Counterexample MakeCounterexample<T>(Claim<T> claim, T instance, CheckOutcome outcome, ulong replay, int size, int steps, bool fromSweep)
    {
        var (cs, fs) = fromSweep
            ? ($"var report = Catalog.Find(\"{claim.Id}\").Run(new RunSettings(Seed: {replay}UL)); // found by the batch sweep, then shrunk",
               $"let report = Catalog.Find(\"{claim.Id}\").Run(RunSettings(Seed = {replay}UL))")
            : ($"var report = Catalog.Find(\"{claim.Id}\").Replay({replay}UL, {size}); // then shrinks to the instance above",
               $"let report = Catalog.Find(\"{claim.Id}\").Replay({replay}UL, {size})");
        var explanation = fromSweep ? $"{outcome.Explanation} (found by the batch sweep of seed {replay})" : outcome.Explanation;
        return new Counterexample(claim.Describe(instance), outcome.Lhs, outcome.Rhs, outcome.Residual, outcome.Tolerance,
            explanation, replay, size, steps, cs, fs);
    }
}
