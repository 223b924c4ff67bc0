namespace Verification.Engine;

/// <summary>A reference of THEORY.md's source table, under its stable key.</summary>
public sealed record Source(string Key, string Reference);

public static class Sources
{
    /// <summary>The key of this suite itself: the source of control claims.</summary>
    public const string Suite = "Suite";

    public static Source SuiteSource { get; } = new(Suite, "This suite: control claims that must be refuted");
}
