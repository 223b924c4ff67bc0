namespace Verification.Claims;

/// <summary>What a claim is, which fixes the verdict the suite expects of it (THEORY.md, "Claim kinds").</summary>
public enum ClaimKind
{
    /// <summary>A precise statement believed true: expected verified.</summary>
    Theorem,
    /// <summary>The slide's wording checked literally: decided by the suite, then recorded.</summary>
    AsStated,
    /// <summary>A question the sources leave open: decided by the suite, with the evidence.</summary>
    Open,
    /// <summary>A statement known to be false, kept to prove the checker can fail: expected refuted.</summary>
    Control,
}

public enum Verdict
{
    Verified,
    Refuted,
    Inconclusive,
}

public static class ClaimNames
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
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };
}
