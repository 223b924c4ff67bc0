using Verification.Engine;

namespace Verification.Reporting;

/// <summary>How a run is configured. The same settings give the same report, apart from timing.</summary>
public sealed record RunSettings(int Cases = 100, ulong Seed = 1, int MaxShrinkChecks = 2000)
{
    /// <summary>Called after each case with the number of cases done (for progress displays).</summary>
    public Action<int> Progress { get; init; } = _ => { };

    /// <summary>Cancels a run between cases (Ctrl-C in the CLI): the runner throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Run only shard K of N (see <see cref="ShardSpec"/>); null runs every case.</summary>
    public ShardSpec? Shard { get; init; }
}

/// <summary>Where a case came from, so that it can be checked again.</summary>
public enum ReplayKind
{
    /// <summary>A claim's fixed example, by index: <c>ReplayExample(index)</c>.</summary>
    Example,
    /// <summary>A random case of a run, by case seed and size: <c>Replay(seed, size)</c>.</summary>
    Random,
    /// <summary>A suspect of a claim's batch sweep: running the claim with the run seed finds it again.</summary>
    Sweep,
    /// <summary>A user's instance given to `eval`.</summary>
    Evaluation,
}

/// <summary>How to reach a case again: its origin and the numbers that fix it.</summary>
public sealed record CaseOrigin(ReplayKind Kind, ulong Seed, int Size, int Example)
{
    public static CaseOrigin OfExample(int index) => new(ReplayKind.Example, 0, 0, index);
    public static CaseOrigin OfRandom(ulong seed, int size) => new(ReplayKind.Random, seed, size, -1);
    public static CaseOrigin OfSweep(ulong runSeed) => new(ReplayKind.Sweep, runSeed, 0, -1);
    public static CaseOrigin Evaluation { get; } = new(ReplayKind.Evaluation, 0, 0, -1);
}

/// <summary>One checked instance: the instance as named values, where it came from, and the outcome.</summary>
public sealed record CaseReport(IReadOnlyList<NamedValue> Instance, CaseOrigin Origin, Outcome Outcome);

/// <summary>A refuting (or, for an error, throwing) instance after shrinking, with what it takes to reproduce it.</summary>
public sealed record Counterexample(
    IReadOnlyList<NamedValue> Instance,
    Outcome Outcome,
    CaseOrigin Origin,
    int ShrinkSteps,
    string CSharpSnippet,
    string FSharpSnippet)
{
    public Value Lhs => Outcome.Lhs;
    public Value Rhs => Outcome.Rhs;
    public double Residual => Outcome.Residual;
    public double Tolerance => Outcome.Tolerance.Bound;
    public string ToleranceReason => Outcome.Tolerance.Reason;
    public string Explanation => Outcome.Explanation;
    public ulong ReplaySeed => Origin.Seed;
    public int Size => Origin.Size;
}

/// <summary>The counts of a run on one claim: what was checked and what each case established.</summary>
public sealed record CaseCounts(int Budget, int Checked, int Held, int Failed, int Discarded, int Inconclusive, int Errors, int Screened)
{
    /// <summary>Cases that were evidence: held or failed.</summary>
    public int Conclusive => Held + Failed;
}

public sealed record ClaimReport(
    string Id,
    ClaimKind Kind,
    string Title,
    Verdict Verdict,
    Verdict Expected,
    CaseCounts Counts,
    double MaxResidual,
    double Seconds,
    string Evidence,
    Counterexample? Counterexample)
{
    /// <summary>Why the verdict is inconclusive (too few conclusive cases, and which generator), or null.</summary>
    public string? Health { get; init; }

    /// <summary>The case on which the check threw (verdict <see cref="Verdict.Error"/>), or null.</summary>
    public Counterexample? Error { get; init; }

    /// <summary>For a shard's run (<see cref="RunSettings.Shard"/>): what merging the shards needs; null for a whole run.</summary>
    public ShardRecord? Shard { get; init; }

    public bool AsExpected => Verdict == Expected;
    public int Cases => Counts.Checked;

    /// <summary>Cases checked per second of the claim's time (0 when no time was measured): what one process gets through.</summary>
    public double CasesPerSecond => Seconds > 0 ? Counts.Checked / Seconds : 0;
}

/// <summary>A whole `check` run: its settings and one report per claim, in catalog order.</summary>
public sealed record RunReport(ulong Seed, int Cases, string Backend, IReadOnlyList<ClaimReport> Claims)
{
    /// <summary>Set when the run is one shard of a split run (its verdicts are partial; merging the shards decides).</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>The comparison with a stored report (check --baseline), or null.</summary>
    public BaselineComparison? Baseline { get; init; }

    public bool AllAsExpected => Claims.All(c => c.AsExpected);

    /// <summary>True when the comparison with the baseline found a regression.</summary>
    public bool Regressed => Baseline is { Regressions.Count: > 0 };
}
