using FsCheck.Xunit;

namespace Verification.Properties;

/// <summary>
/// A [Property] whose run is fixed by the environment: VERIFICATION_SEED (default 1) and VERIFICATION_CASES
/// (default 100). The same seed gives the same cases; CI runs seed 1, and other seeds are one variable away.
/// On a failure FsCheck prints the shrunk instance and its "replay" string.
/// </summary>
public sealed class SeededPropertyAttribute : PropertyAttribute
{
    public SeededPropertyAttribute(int casesDivisor = 1)
    {
        MaxTest = Math.Max(1, TestSettings.Cases / casesDivisor);
        Replay = $"({TestSettings.Seed},{TestSettings.Gamma})";
        EndSize = 100;
    }
}

public static class TestSettings
{
    public static ulong Seed { get; } =
        ulong.TryParse(Environment.GetEnvironmentVariable("VERIFICATION_SEED"), out var s) ? s : 1;

    public static int Cases { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("VERIFICATION_CASES"), out var c) && c > 0 ? c : 100;

    /// <summary>FsCheck's SplitMix gamma must be odd.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;
}
