using FsCheck;

namespace Verification.Claims;

/// <summary>The untyped face of a claim, for catalogs and runners.</summary>
public interface IClaim
{
    string Id { get; }
    string Title { get; }
    /// <summary>The precise statement, in LaTeX.</summary>
    string Statement { get; }
    ClaimKind Kind { get; }
    string SourceKey { get; }
    /// <summary>The verdict the suite expects (theorem: verified; control: refuted; as-stated and open: as decided and recorded).</summary>
    Verdict Expected { get; }
    /// <summary>What the check rests on (exact arithmetic, tolerance, optimality conditions, numerical search).</summary>
    string Evidence { get; }

    ClaimReport Run(RunSettings settings);
    CaseReport Replay(ulong caseSeed, int size);

    /// <summary>Evaluates the claim on a user's instance (the CLI's `eval`); bad input throws <see cref="InputException"/>.</summary>
    CheckOutcome Evaluate(ClaimInput input);
}

/// <summary>
/// A claim as data: identity, statement and source; a shrinking generator of instances; and a check.
/// <typeparamref name="T"/> is the instance type; <see cref="Describe"/> names its parts as THEORY.md does.
/// </summary>
public sealed record Claim<T>(
    string Id,
    string Title,
    string Statement,
    ClaimKind Kind,
    string SourceKey,
    Verdict Expected,
    string Evidence,
    Gen<T> Generator,
    Func<T, IEnumerable<T>> Shrink,
    Func<T, CheckOutcome> Check,
    Func<T, IReadOnlyList<NamedValue>> Describe) : IClaim
{
    /// <summary>Fixed instances checked before the random ones (worked examples, known counterexamples).</summary>
    public IReadOnlyList<T> Examples { get; init; } = [];

    /// <summary>Random cases to run when the caller asks for N: expensive claims scale this down (e.g. n => n / 10); 0 runs only the examples.</summary>
    public Func<int, int> CaseBudget { get; init; } = n => n;

    /// <summary>
    /// An optional batch sweep run once per run: thousands of small instances evaluated per call by a vectorized kernel,
    /// returning how many it screened and the suspects it could not clear. Each suspect is then checked by <see cref="Check"/>
    /// like any case, so a real failure becomes an ordinary, shrunk counterexample. By default there is no sweep.
    /// </summary>
    public Func<ulong, Sweep<T>> BatchSweep { get; init; } = _ => Sweep<T>.None;

    /// <summary>How `eval` reads a user's instance and evaluates it; by default the claim has no `eval`.</summary>
    public Func<ClaimInput, CheckOutcome> Evaluator { get; init; } =
        _ => throw new InputException($"claim '{Id}' has no eval yet");

    public ClaimReport Run(RunSettings settings) => ClaimRunner.Run(this, settings);

    public CheckOutcome Evaluate(ClaimInput input) => Evaluator(input);

    public CaseReport Replay(ulong caseSeed, int size) => ClaimRunner.Replay(this, caseSeed, size);

    /// <summary>The outcome of the check, with an exception turned into a failing outcome that says so.</summary>
    public CheckOutcome SafeCheck(T instance)
    {
        try
        {
            return Check(instance);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new CheckOutcome(false, Value.Of("error"), Value.Of("error"), double.PositiveInfinity, 0, $"the check threw {e.GetType().Name}: {e.Message}");
        }
    }
}

/// <summary>The result of a batch sweep: instances screened, and those to check one by one.</summary>
public sealed record Sweep<T>(int Screened, IReadOnlyList<T> Suspects)
{
    public static Sweep<T> None { get; } = new(0, []);
}

public static class Claim
{
    public static Verdict ExpectedFor(ClaimKind kind) => kind switch
    {
        ClaimKind.Control => Verdict.Refuted,
        _ => Verdict.Verified,
    };
}
