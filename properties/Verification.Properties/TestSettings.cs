using FsCheck.Xunit;
using Verification.Numerics;
using Verification.Reporting;
using Xunit;

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
    public const ulong DefaultSeed = 1;
    public const int DefaultCases = 100;

    public static ulong Seed { get; } =
        ulong.TryParse(Environment.GetEnvironmentVariable("VERIFICATION_SEED"), out var s) ? s : DefaultSeed;

    public static int Cases { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("VERIFICATION_CASES"), out var c) && c > 0 ? c : DefaultCases;

    /// <summary>The runner settings of this test run.</summary>
    public static RunSettings Run => new(Cases, Seed);

    /// <summary>True when the run uses the seed and case count at which snapshots are approved.</summary>
    public static bool AtDefaults => Seed == DefaultSeed && Cases == DefaultCases;

    /// <summary>FsCheck's SplitMix gamma must be odd.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;
}

/// <summary>A theory skipped, with its reason, unless the run uses the seed and case count at which snapshots are approved.</summary>
public sealed class SnapshotTheoryAttribute : TheoryAttribute
{
    public SnapshotTheoryAttribute()
    {
        if (!TestSettings.AtDefaults)
            Skip = $"snapshots are approved at VERIFICATION_SEED={TestSettings.DefaultSeed} and VERIFICATION_CASES={TestSettings.DefaultCases}; this run uses {TestSettings.Seed} and {TestSettings.Cases}";
    }
}

/// <summary>A fact skipped, with its reason, when OpenBLAS (libopenblas.so.0) does not load on this machine.</summary>
public sealed class OpenBlasFactAttribute : FactAttribute
{
    public OpenBlasFactAttribute()
    {
        if (!Backend.OpenBlasAvailable) Skip = "OpenBLAS (libopenblas.so.0) is not installed on this machine";
    }
}

/// <summary>A fact skipped, with its reason, when shared/THEORY.md is not beside this checkout.</summary>
public sealed class TheoryFileFactAttribute : FactAttribute
{
    public static string Path { get; } = System.IO.Path.Combine(Snapshots.Snapshot.RepositoryRoot, "..", "shared", "THEORY.md");

    public TheoryFileFactAttribute()
    {
        if (!File.Exists(Path)) Skip = "shared/THEORY.md is not beside this checkout";
    }
}
