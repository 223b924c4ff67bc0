namespace Verification.Claims;

/// <summary>
/// The result of checking one instance: whether the statement held, both sides, the residual and the
/// tolerance it was compared against, what else the check computed, and a short human explanation.
/// </summary>
public sealed record CheckOutcome(
    bool Holds,
    Value Lhs,
    Value Rhs,
    double Residual,
    double Tolerance,
    string Explanation)
{
    /// <summary>True when the check could neither confirm nor refute the instance (e.g. a search that did not converge).</summary>
    public bool Inconclusive { get; init; }

    /// <summary>Further values the check computed (minimizers, rotations, intervals), in a stable order.</summary>
    public IReadOnlyList<NamedValue> Details { get; init; } = [];

    public static CheckOutcome Compare(double lhs, double rhs, Tolerance tolerance, string explanation)
    {
        var residual = Math.Abs(lhs - rhs);
        return new CheckOutcome(residual <= tolerance.Bound, Value.Of(lhs), Value.Of(rhs), residual, tolerance.Bound, explanation);
    }

    /// <summary>lhs ≥ rhs up to the tolerance; the residual is the violation (0 when it holds with room).</summary>
    public static CheckOutcome AtLeast(double lhs, double rhs, Tolerance tolerance, string explanation)
    {
        var violation = Math.Max(0, rhs - lhs);
        return new CheckOutcome(violation <= tolerance.Bound, Value.Of(lhs), Value.Of(rhs), violation, tolerance.Bound, explanation);
    }

    /// <summary>The first failing outcome of several, else the one with the largest residual relative to its tolerance.</summary>
    public static CheckOutcome All(params CheckOutcome[] outcomes)
    {
        var failing = outcomes.FirstOrDefault(o => !o.Holds);
        if (failing is not null) return failing;
        return outcomes.MaxBy(o => o.Tolerance > 0 ? o.Residual / o.Tolerance : o.Residual)!;
    }

    public CheckOutcome WithDetails(params NamedValue[] details) => this with { Details = Details.Concat(details).ToArray() };
}
