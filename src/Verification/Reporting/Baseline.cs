using System.Globalization;
using Verification.Engine;

namespace Verification.Reporting;

/// <summary>What changed for the worse since a stored report.</summary>
public enum RegressionKind
{
    /// <summary>The claim's verdict is not the baseline's.</summary>
    Verdict,
    /// <summary>The claim is in the baseline but no longer in the catalog.</summary>
    Disappeared,
    /// <summary>The claim is refuted in both, by different (shrunk) instances.</summary>
    Counterexample,
    /// <summary>The claim's largest residual grew by more than the factor asked for.</summary>
    Residual,
}

/// <summary>One regression: the claim, what changed, before and after, and a sentence that says it.</summary>
public sealed record Regression(string Id, RegressionKind Kind, string Before, string After, string Message);

/// <summary>
/// A run compared with a stored report (<c>check --baseline OLD.json</c>): the regressions, the claims that are new, and
/// notes (such as a baseline run with another seed, whose counterexamples and residuals differ for that reason alone).
/// </summary>
public sealed record BaselineComparison(string Source, double ResidualFactor, IReadOnlyList<Regression> Regressions, IReadOnlyList<string> NewClaims, IReadOnlyList<string> Notes);

/// <summary>Compares a run with a stored report.</summary>
public static class Baseline
{
    /// <summary>The default factor by which a claim's largest residual may grow before it is a regression.</summary>
    public const double DefaultResidualFactor = 10;

    public static string NameOf(RegressionKind kind) => kind switch
    {
        RegressionKind.Verdict => "verdict",
        RegressionKind.Disappeared => "disappeared",
        RegressionKind.Counterexample => "counterexample",
        RegressionKind.Residual => "residual",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// The regressions of <paramref name="current"/> against <paramref name="baseline"/>, claim by claim: a verdict that changed,
    /// a claim of the baseline that no longer <paramref name="exists"/>, a counterexample that changed while both runs refute the
    /// claim, and a largest residual above <paramref name="residualFactor"/> times the baseline's. A claim of the baseline that
    /// still exists but was not run (the run named other ids) is not compared.
    /// </summary>
    public static BaselineComparison Compare(RunReport current, RunReport baseline, double residualFactor, string source, Func<string, bool> exists)
    {
        if (!(residualFactor >= 1) || double.IsNaN(residualFactor)) throw new ArgumentException("the residual factor must be a number ≥ 1", nameof(residualFactor));
        var now = current.Claims.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var before = baseline.Claims.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var regressions = new List<Regression>();
        foreach (var old in baseline.Claims)
        {
            if (!now.TryGetValue(old.Id, out var c))
            {
                if (!exists(old.Id))
                    regressions.Add(new(old.Id, RegressionKind.Disappeared, Names.Of(old.Verdict), "missing",
                        $"{old.Id} was {Names.Of(old.Verdict)} in the baseline and is no longer in the catalog"));
                continue;
            }
            if (c.Verdict != old.Verdict)
                regressions.Add(new(c.Id, RegressionKind.Verdict, Names.Of(old.Verdict), Names.Of(c.Verdict),
                    $"{c.Id}: verdict {Names.Of(old.Verdict)} → {Names.Of(c.Verdict)}"));
            else if (c.Verdict == Verdict.Refuted && old.Counterexample is { } was && c.Counterexample is { } isNow && Describe(was) != Describe(isNow))
                regressions.Add(new(c.Id, RegressionKind.Counterexample, Describe(was), Describe(isNow),
                    $"{c.Id}: the counterexample changed from {Describe(was)} to {Describe(isNow)}"));
            if (Grew(old.MaxResidual, c.MaxResidual, residualFactor))
                regressions.Add(new(c.Id, RegressionKind.Residual, Number(old.MaxResidual), Number(c.MaxResidual),
                    $"{c.Id}: the largest residual grew from {Number(old.MaxResidual)} to {Number(c.MaxResidual)}, more than ×{Number(residualFactor)}"));
        }
        var added = current.Claims.Where(c => !before.Contains(c.Id)).Select(c => c.Id).ToArray();
        var notes = new List<string>();
        if (current.Seed != baseline.Seed || current.Cases != baseline.Cases)
            notes.Add($"the baseline was run with seed {baseline.Seed} and {baseline.Cases} cases, this run with seed {current.Seed} and {current.Cases}: counterexamples and residuals can differ for that reason alone");
        if (current.Backend != baseline.Backend)
            notes.Add($"the baseline ran on the {baseline.Backend} backend, this run on {current.Backend}: residuals can differ in their last digits");
        return new BaselineComparison(source, residualFactor, regressions, added, notes);
    }

    /// <summary>A residual grew: above the factor times the old one, or not a number where the old one was.</summary>
    public static bool Grew(double before, double after, double factor) =>
        double.IsNaN(after) ? !double.IsNaN(before) : !double.IsNaN(before) && after > factor * before;

    /// <summary>A counterexample's instance, as the reports print it (name = value, …).</summary>
    public static string Describe(Counterexample x) => string.Join(", ", x.Instance.Select(v => $"{v.Name} = {v.Value}"));

    private static string Number(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
