using FsCheck;
using FsCheck.Fluent;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Engine;

/// <summary>What `eval` may be asked besides a plain floating-point evaluation.</summary>
[Flags]
public enum EvalModes
{
    None = 0,
    /// <summary>"exact": true: the check evaluates the instance in exact rational arithmetic.</summary>
    Exact = 1,
    /// <summary>--monte-carlo: the check estimates an expectation by sampling, with a rigorous interval.</summary>
    MonteCarlo = 2,
}

/// <summary>The untyped face of a claim, for catalogs, runners and reports.</summary>
public interface IClaim
{
    string Id { get; }
    string Title { get; }
    /// <summary>The precise statement, in LaTeX.</summary>
    string Statement { get; }
    ClaimKind Kind { get; }
    /// <summary>The key of the source in the catalog's source table.</summary>
    string Source { get; }
    /// <summary>What the check rests on (exact arithmetic, tolerance, optimality conditions, numerical search).</summary>
    string Evidence { get; }
    /// <summary>What lhs and rhs are in this claim's outcomes (the headline comparison; a failing part's explanation names its own sides).</summary>
    string Sides { get; }
    /// <summary>The verdict the suite expects: from the kind (theorem verified, control refuted), or the recorded decision.</summary>
    Verdict Expected { get; }
    /// <summary>The name of the claim's instance type.</summary>
    string InstanceTypeName { get; }
    /// <summary>The `eval` input keys, empty when the claim has no `eval`.</summary>
    IReadOnlyList<InputField> Inputs { get; }
    bool HasEval { get; }
    /// <summary>The evaluation modes `eval` accepts for this claim; any other is refused with one line.</summary>
    EvalModes Modes { get; }
    /// <summary>A sample `eval` input of the claim's instance type, if it has one.</summary>
    string? SampleInput { get; }

    ClaimReport Run(RunSettings settings);
    /// <summary>Re-checks the random case of a run from the seed and size a report printed (before shrinking).</summary>
    CaseReport Replay(ulong caseSeed, int size);
    /// <summary>Re-checks the fixed example with this index.</summary>
    CaseReport ReplayExample(int index);
    /// <summary>`eval`: reads a user's instance through the instance type and runs the claim's own check.</summary>
    CaseReport Evaluate(InputReader input);
    /// <summary>The claim as an FsCheck property over its instance type (discarded and inconclusive cases are FsCheck discards).</summary>
    Property ToProperty();
    /// <summary>The sizes a run's random cases reach, against the instance type's documented ranges.</summary>
    IReadOnlyList<SizeCoverage> Coverage(RunSettings settings);
}

/// <summary>
/// A claim as data: identity, statement, kind and source; an instance type; and a check that returns an <see cref="Outcome"/>.
/// Build claims with <see cref="Claim.Theorem"/>, <see cref="Claim.Control"/>, <see cref="Claim.AsStated"/> or <see cref="Claim.Open"/>.
/// </summary>
public sealed record Claim<T>(
    string Id,
    string Title,
    string Statement,
    ClaimKind Kind,
    string Source,
    InstanceType<T> Instances,
    Func<T, Outcome> Check) : IClaim
{
    public string Evidence { get; init; } = "";

    public string Sides { get; init; } = "";

    /// <summary>The modes `eval` accepts besides floating point ("exact": true, --monte-carlo); by default none.</summary>
    public EvalModes Modes { get; init; }

    /// <summary>For as-stated and open claims: the verdict the suite reached and recorded (the evidence says on what).</summary>
    public Verdict? Decision { get; init; }

    /// <summary>Fixed instances checked before the random ones (worked examples, known counterexamples).</summary>
    public IReadOnlyList<T> Examples { get; init; } = [];

    /// <summary>Random cases to run when the caller asks for N: expensive claims scale this down (e.g. n => n / 10); 0 runs only the examples.</summary>
    public Func<int, int> CaseBudget { get; init; } = n => n;

    /// <summary>
    /// An optional batch sweep run once per run: many small instances screened per call by a vectorized kernel, returning how
    /// many it screened and the suspects it could not clear. Each suspect is then checked by <see cref="Check"/>, so a real
    /// failure becomes an ordinary, shrunk counterexample. Screened instances are reported apart from checked cases.
    /// </summary>
    public Func<ulong, Sweep<T>> BatchSweep { get; init; } = _ => Sweep<T>.None;

    /// <summary>The same claim with what lhs and rhs mean in its outcomes.</summary>
    public Claim<T> WithSides(string sides) => this with { Sides = sides };

    /// <summary>The same claim with what its check rests on.</summary>
    public Claim<T> WithEvidence(string evidence) => this with { Evidence = evidence };

    /// <summary>The same claim with fixed examples, checked before the random cases.</summary>
    public Claim<T> WithExamples(params T[] examples) => this with { Examples = examples };

    public Verdict Expected => Kind switch
    {
        ClaimKind.Theorem => Verdict.Verified,
        ClaimKind.Control => Verdict.Refuted,
        _ => Decision ?? throw new InvalidOperationException($"claim '{Id}' is {Names.Of(Kind)}: it needs its recorded Decision"),
    };

    public string InstanceTypeName => Instances.Name;
    public IReadOnlyList<InputField> Inputs => Instances.CanRead ? Instances.Inputs : [];
    public bool HasEval => Instances.CanRead;
    public string? SampleInput => Instances.SampleInput;

    public ClaimReport Run(RunSettings settings) => Runner.Run(this, settings);

    public IReadOnlyList<SizeCoverage> Coverage(RunSettings settings) => Runner.Coverage(this, settings);

    public CaseReport Replay(ulong caseSeed, int size) => Runner.Replay(this, caseSeed, size);

    public CaseReport ReplayExample(int index) => Runner.ReplayExample(this, index);

    public CaseReport Evaluate(InputReader input)
    {
        if (input.IsExact && input.Options.MonteCarlo)
            throw new InputException("--monte-carlo estimates in floating point: drop \"exact\": true, or drop --monte-carlo for an exact evaluation");
        if (input.IsExact && !Modes.HasFlag(EvalModes.Exact))
            throw new InputException($"claim '{Id}' evaluates in floating point: drop \"exact\": true");
        if (input.Options.MonteCarlo && !Modes.HasFlag(EvalModes.MonteCarlo))
            throw new InputException($"claim '{Id}' has no Monte Carlo evaluation: drop --monte-carlo");
        var instance = Instances.Read(input);
        return new CaseReport(Instances.Describe(instance), CaseOrigin.Evaluation, Evaluation(instance));
    }

    public Property ToProperty() => Prop.ForAll(Instances.Arbitrary, (T instance) =>
    {
        var o = SafeCheck(instance);
        var label = $"{Id}: {Names.Of(o.Status)}: {o.Explanation}; lhs {o.Lhs}, rhs {o.Rhs}, residual {o.Residual:G6} (tolerance {o.Tolerance.Bound:G6}: {o.Tolerance.Reason}); instance "
                    + string.Join(", ", Instances.Describe(instance).Select(v => $"{v.Name} = {v.Value}"));
        return o.Holds.When(o.Status is not (OutcomeStatus.Discarded or OutcomeStatus.Inconclusive)).Label(label);
    });

    /// <summary>The outcome of the check; an exception is an <see cref="OutcomeStatus.Error"/> outcome that says so.</summary>
    public Outcome SafeCheck(T instance)
    {
        try
        {
            return Check(instance);
        }
        catch (NonFiniteException e)
        {
            return Outcome.Overflow(e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Outcome.Error(e);
        }
    }

    /// <summary>As <see cref="SafeCheck"/>, but a limit or an input error on a user's instance reaches the user as such.</summary>
    private Outcome Evaluation(T instance)
    {
        try
        {
            return Check(instance);
        }
        catch (NonFiniteException e)
        {
            return Outcome.Overflow(e.Message);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or InputException or LimitExceededException))
        {
            return Outcome.Error(e);
        }
    }
}

/// <summary>The result of a batch sweep: instances screened, and those to check one by one.</summary>
public sealed record Sweep<T>(int Screened, IReadOnlyList<T> Suspects)
{
    public static Sweep<T> None { get; } = new(0, []);
}

/// <summary>Factories of claims, one per kind: the expected verdict follows from the kind.</summary>
public static class Claim
{
    /// <summary>A precise statement believed true: expected verified.</summary>
    public static Claim<T> Theorem<T>(string id, string title, string statement, string source, InstanceType<T> instances, Func<T, Outcome> check, string evidence = "", string sides = "") =>
        new(id, title, statement, ClaimKind.Theorem, source, instances, check) { Evidence = evidence, Sides = sides };

    /// <summary>A statement known to be false, kept to show the checker can fail: expected refuted.</summary>
    public static Claim<T> Control<T>(string id, string title, string statement, InstanceType<T> instances, Func<T, Outcome> check, string evidence = "", string source = Sources.Suite, string sides = "") =>
        new(id, title, statement, ClaimKind.Control, source, instances, check) { Evidence = evidence, Sides = sides };

    /// <summary>The slide's wording checked literally, with the verdict the suite reached and recorded.</summary>
    public static Claim<T> AsStated<T>(string id, string title, string statement, string source, InstanceType<T> instances, Func<T, Outcome> check, Verdict decision, string evidence, string sides = "") =>
        new(id, title, statement, ClaimKind.AsStated, source, instances, check) { Evidence = evidence, Decision = decision, Sides = sides };

    /// <summary>A question the sources leave open, with the verdict the suite reached and recorded.</summary>
    public static Claim<T> Open<T>(string id, string title, string statement, string source, InstanceType<T> instances, Func<T, Outcome> check, Verdict decision, string evidence, string sides = "") =>
        new(id, title, statement, ClaimKind.Open, source, instances, check) { Evidence = evidence, Decision = decision, Sides = sides };
}
