namespace Verification.Engine;

/// <summary>What a claim is, which fixes the verdict the suite expects of it (THEORY.md, "Claim kinds").</summary>
public enum ClaimKind
{
    /// <summary>A precise statement believed true: expected verified, always.</summary>
    Theorem,
    /// <summary>The slide's wording checked literally: decided by the suite, then recorded with its evidence.</summary>
    AsStated,
    /// <summary>A question the sources leave open: decided by the suite, then recorded with its evidence.</summary>
    Open,
    /// <summary>A statement known to be false, kept to prove the checker can fail: expected refuted, always.</summary>
    Control,
}

/// <summary>The verdict of a run on a claim.</summary>
public enum Verdict
{
    /// <summary>Every case held, and at least 90 % of the budgeted cases were conclusive.</summary>
    Verified,
    /// <summary>A case failed: the report carries the shrunk counterexample.</summary>
    Refuted,
    /// <summary>No case failed, but too few were conclusive (discarded premises, searches that did not settle).</summary>
    Inconclusive,
    /// <summary>The check threw on some case: a defect of the check, never evidence about the statement.</summary>
    Error,
}

public static class Names
{
    public static string Of(ClaimKind kind) => kind switch
    {
        ClaimKind.Theorem => "theorem",
        ClaimKind.AsStated => "as-stated",
        ClaimKind.Open => "open",
        ClaimKind.Control => "control",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Verified => "verified",
        Verdict.Refuted => "refuted",
        Verdict.Inconclusive => "inconclusive",
        Verdict.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    public static string Of(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Holds => "holds",
        OutcomeStatus.Fails => "fails",
        OutcomeStatus.Discarded => "discarded",
        OutcomeStatus.Inconclusive => "inconclusive",
        OutcomeStatus.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
