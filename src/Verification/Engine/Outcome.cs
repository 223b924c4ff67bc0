using Fractions;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Engine;

/// <summary>What checking one instance established.</summary>
public enum OutcomeStatus
{
    /// <summary>The statement held on the instance.</summary>
    Holds,
    /// <summary>The statement failed on the instance: a counterexample.</summary>
    Fails,
    /// <summary>The premise does not hold on the instance: it is not evidence either way (FsCheck's ==>, Hypothesis's assume).</summary>
    Discarded,
    /// <summary>The check could neither confirm nor refute (a search that did not settle, an overflow): not evidence.</summary>
    Inconclusive,
    /// <summary>The check threw: a defect of the check, never a counterexample.</summary>
    Error,
}

/// <summary>
/// The result of checking one instance: its status, both sides, the residual and the tolerance (with its reason) it was
/// held to, a short human explanation, and what else the check computed (<see cref="Details"/>). Build outcomes with the
/// factories: <see cref="Exact(Fraction, Fraction, string)"/>, <see cref="Within"/>, <see cref="AtLeast"/>,
/// <see cref="AtMost"/>, <see cref="Decide"/>, <see cref="Discard"/>, <see cref="Inconclusive"/>, and combine parts with
/// <see cref="All"/>.
/// </summary>
public sealed record Outcome(OutcomeStatus Status, Value Lhs, Value Rhs, double Residual, Tolerance Tolerance, string Explanation)
{
    /// <summary>Further values the check computed (minimizers, rotations, intervals), in a stable order.</summary>
    public IReadOnlyList<NamedValue> Details { get; init; } = [];

    /// <summary>True when the outcome is inconclusive because a floating-point evaluation overflowed or lost all precision.</summary>
    public bool Overflowed { get; init; }

    public bool Holds => Status == OutcomeStatus.Holds;
    public bool Fails => Status == OutcomeStatus.Fails;

    /// <summary>Held or failed: evidence about the statement.</summary>
    public bool IsConclusive => Status is OutcomeStatus.Holds or OutcomeStatus.Fails;

    private static Outcome Of(bool holds, Value lhs, Value rhs, double residual, Tolerance tolerance, string explanation) =>
        new(holds ? OutcomeStatus.Holds : OutcomeStatus.Fails, lhs, rhs, residual, tolerance, explanation);

    /// <summary>lhs = rhs in exact rational arithmetic.</summary>
    public static Outcome Exact(Fraction lhs, Fraction rhs, string explanation) =>
        Of(lhs == rhs, Value.Of(lhs), Value.Of(rhs), Math.Abs((lhs - rhs).ToDoubleAnyScale()), Tolerance.Exact, explanation);

    /// <summary>An exact decision (a sign, an equality of exact objects) with the values that show it.</summary>
    public static Outcome Decide(bool holds, Value lhs, Value rhs, string explanation, double residual = 0) =>
        Of(holds, lhs, rhs, holds ? 0 : Math.Max(residual, 0), Tolerance.Exact, explanation);

    /// <summary>|lhs − rhs| ≤ tolerance. Non-finite sides or a meaningless bound give <see cref="Inconclusive"/>, never a failure.</summary>
    public static Outcome Within(double lhs, double rhs, Tolerance tolerance, string explanation) =>
        Floating(lhs, rhs, Math.Abs(lhs - rhs), tolerance, explanation);

    /// <summary>lhs ≥ rhs − tolerance; the residual is the violation max(0, rhs − lhs).</summary>
    public static Outcome AtLeast(double lhs, double rhs, Tolerance tolerance, string explanation) =>
        Floating(lhs, rhs, Math.Max(0, rhs - lhs), tolerance, explanation);

    /// <summary>lhs ≤ rhs + tolerance; the residual is the violation max(0, lhs − rhs).</summary>
    public static Outcome AtMost(double lhs, double rhs, Tolerance tolerance, string explanation) =>
        Floating(lhs, rhs, Math.Max(0, lhs - rhs), tolerance, explanation);

    /// <summary>A precomputed distance between two objects (e.g. the Frobenius distance of two matrices) within the tolerance.</summary>
    public static Outcome Distance(Value lhs, Value rhs, double distance, Tolerance tolerance, string explanation) =>
        !double.IsFinite(distance) || tolerance.IsMeaningless
            ? NonFinite(lhs, rhs, explanation)
            : Of(distance <= tolerance.Bound, lhs, rhs, distance, tolerance, explanation);

    /// <summary>A value that must lie in a rigorous confidence interval [lower, upper] around an estimate.</summary>
    public static Outcome InInterval(double estimate, double lower, double upper, double value, string reason, string explanation)
    {
        if (!double.IsFinite(estimate) || !double.IsFinite(value)) return NonFinite(Value.Of(estimate), Value.Of(value), explanation);
        var distance = value < lower ? lower - value : value > upper ? value - upper : 0;
        return Of(distance == 0, Value.Of(estimate), Value.Of(value), distance, new Tolerance((upper - lower) / 2, reason), explanation);
    }

    private static Outcome Floating(double lhs, double rhs, double residual, Tolerance tolerance, string explanation) =>
        !double.IsFinite(lhs) || !double.IsFinite(rhs) || tolerance.IsMeaningless
            ? NonFinite(Value.Of(lhs), Value.Of(rhs), explanation)
            : Of(residual <= tolerance.Bound, Value.Of(lhs), Value.Of(rhs), residual, tolerance, explanation);

    private static Outcome NonFinite(Value lhs, Value rhs, string explanation) =>
        new(OutcomeStatus.Inconclusive, lhs, rhs, double.NaN, new Tolerance(double.NaN, "none: non-finite values"),
            $"{explanation}: the floating-point evaluation overflowed or lost all precision (non-finite values), so it is no evidence") { Overflowed = true };

    /// <summary>A computation of the check met a non-finite value (<see cref="NonFiniteException"/>): inconclusive, never a failure.</summary>
    public static Outcome Overflow(string reason) =>
        new(OutcomeStatus.Inconclusive, Value.Of("—"), Value.Of("—"), double.NaN, new Tolerance(double.NaN, "none: non-finite values"),
            $"the floating-point evaluation overflowed or lost all precision ({reason}), so it is no evidence") { Overflowed = true };

    /// <summary>The premise of the statement does not hold on this instance: the case is not evidence.</summary>
    public static Outcome Discard(string reason) =>
        new(OutcomeStatus.Discarded, Value.Of("—"), Value.Of("—"), 0, Tolerance.Exact, reason);

    /// <summary>The check could not settle this instance (say why); not evidence either way.</summary>
    public static Outcome Inconclusive(string reason, Value? lhs = null, Value? rhs = null) =>
        new(OutcomeStatus.Inconclusive, lhs ?? Value.Of("—"), rhs ?? Value.Of("—"), 0, Tolerance.Exact, reason);

    /// <summary>The check threw: its exception, reported as such.</summary>
    public static Outcome Error(Exception exception) =>
        new(OutcomeStatus.Error, Value.Of("error"), Value.Of("error"), double.NaN, Tolerance.Exact,
            $"the check threw {exception.GetType().Name}: {exception.Message}");

    /// <summary>
    /// Several parts of one check: an error if any part errs, else the first failing part, else a discard or an inconclusive
    /// part, else the holding part with the largest residual relative to its tolerance. Details of every part are kept (the first of each name).
    /// </summary>
    public static Outcome All(params Outcome[] parts)
    {
        if (parts.Length == 0) throw new ArgumentException("All needs at least one outcome", nameof(parts));
        var chosen = parts.FirstOrDefault(o => o.Status == OutcomeStatus.Error)
            ?? parts.FirstOrDefault(o => o.Fails)
            ?? parts.FirstOrDefault(o => o.Status == OutcomeStatus.Discarded)
            ?? parts.FirstOrDefault(o => o.Status == OutcomeStatus.Inconclusive)
            ?? parts.MaxBy(o => o.Tolerance.Bound > 0 ? o.Residual / o.Tolerance.Bound : o.Residual)!;
        return chosen with { Details = parts.SelectMany(p => p.Details).DistinctBy(d => d.Name).ToArray() };
    }

    public Outcome WithDetails(params NamedValue[] details) => this with { Details = Details.Concat(details).ToArray() };

    /// <summary>The same outcome with another explanation (e.g. headed by what a user asked for).</summary>
    public Outcome Explained(string explanation) => this with { Explanation = explanation };
}
