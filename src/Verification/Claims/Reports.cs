namespace Verification.Claims;

/// <summary>How a run is configured. The same settings give the same report, apart from timing.</summary>
public sealed record RunSettings(int Cases = 100, ulong Seed = 1, int MaxShrinkChecks = 2000)
{
    /// <summary>Called after each case with the number of cases done (for progress displays).</summary>
    public Action<int> Progress { get; init; } = _ => { };
}

/// <summary>One checked instance: the instance as named values, its size and replay seed, and the outcome.</summary>
public sealed record CaseReport(IReadOnlyList<NamedValue> Instance, ulong ReplaySeed, int Size, CheckOutcome Outcome);

/// <summary>A refuting instance after shrinking, with what it takes to reproduce it.</summary>
public sealed record Counterexample(
    IReadOnlyList<NamedValue> Instance,
    Value Lhs,
    Value Rhs,
    double Residual,
    double Tolerance,
    string Explanation,
    ulong ReplaySeed,
    int Size,
    int ShrinkSteps,
    string CSharpSnippet,
    string FSharpSnippet);

public sealed record ClaimReport(
    string Id,
    ClaimKind Kind,
    string Title,
    Verdict Verdict,
    Verdict Expected,
    int Cases,
    int InconclusiveCases,
    double MaxResidual,
    double Seconds,
    string Evidence,
    Counterexample? Counterexample)
{
    public bool AsExpected => Verdict == Expected;
    public bool HasCounterexample => Counterexample is not null;
}
