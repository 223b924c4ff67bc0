using FsCheck.Fluent;
using Verification.Engine;
using Verification.Reporting;
using Verification.Symbolic;
using Verification.Symbolic.Derivations;

namespace Verification.Topics.Symbolic;

/// <summary>
/// THEORY.md's symbolic derivations as catalog claims, id "&lt;theory id&gt;.symbolic": both sides are derived with exact
/// rational coefficients at fixed sizes (idempotent Bernoulli masks, E z = θ), and the claim holds iff the difference
/// expands to 0. A proof at those sizes, not a sample. A failing derivation shrinks to the smallest failing size.
/// </summary>
public static class DerivationClaims
{
    public const string Suffix = ".symbolic";

    /// <summary>Derivations whose identity is the slide's wording, decided by the derivation and recorded.</summary>
    private static readonly Dictionary<string, Verdict> AsStated = new(StringComparer.Ordinal)
    {
        ["dropblock.expectation.as-stated"] = Verdict.Refuted,
    };

    public static IReadOnlyList<Claim<DerivationSize>> All { get; } = Derivations.Ids.Select(Create).ToArray();

    public static Claim<DerivationSize> Create(string id)
    {
        var sizes = Derivations.DefaultSizes(id);
        var instances = InstanceType.Create($"sizes of {id}", Gen.Elements(sizes.ToArray()), SmallerSizes,
            size => [new NamedValue("size", Value.Of(size.ToString()))]);
        var statement = Derivations.Statement(id, sizes[0]); // the statement without deriving: building the catalog derives nothing
        var title = $"Symbolic derivation of {id} at fixed sizes";
        var evidence = $"exact symbolic expansion at {string.Join("; ", sizes)}: the difference of the two sides is {(AsStated.ContainsKey(id) ? "nonzero (a finding)" : "0")}";
        const string sides = "lhs and rhs: the two sides derived symbolically at the size, expanded (after the expectation over the masks); the residual of a failure is the number of terms of their difference";
        var claim = AsStated.TryGetValue(id, out var decision)
            ? Claim.AsStated(id + Suffix, title, statement, SourceOf(id), instances, size => Check(id, size), decision, evidence, sides)
            : Claim.Theorem(id + Suffix, title, statement, SourceOf(id), instances, size => Check(id, size), evidence, sides);
        return claim with { Examples = sizes, CaseBudget = _ => 0 };
    }

    public static Outcome Check(string id, DerivationSize size)
    {
        var d = Derivations.Find(id, size);
        return Outcome.Decide(d.Holds, Value.Of(InfixPrinter.Print(d.Lhs)), Value.Of(InfixPrinter.Print(d.Rhs)),
                d.Holds ? $"the difference expands to 0 at {size}" : $"the difference at {size} is {InfixPrinter.Print(d.Difference)}", residual: d.Difference.Numerator.Terms.Count)
            .WithDetails(new NamedValue("difference", Value.Of(InfixPrinter.Print(d.Difference))));
    }

    /// <summary>One dimension smaller at a time (flags such as identityX stay as they are).</summary>
    private static IEnumerable<DerivationSize> SmallerSizes(DerivationSize size) =>
        size.Dimensions.Where(d => d.Key != "identityX" && d.Value > 1).Select(d => size.With(d.Key, d.Value - 1));

    private static string SourceOf(string id) => id.Split('.')[0] switch
    {
        "dropout" => id == "dropout.sgd-unbiased" || id == "dropout.expectation-with-input" ? "Mianjy2018" : "Cavazza2018",
        "dropblock" or "dropconnect" => "Pal2020",
        "linear" => "BaldiHornik1989",
        "homogeneous" => "Haeffele2015",
        _ => Sources.Suite,
    };
}

/// <summary>The symbolic derivations of THEORY.md, one claim per derivable id.</summary>
public sealed class SymbolicTopic : ITopic
{
    public static SymbolicTopic Instance { get; } = new();

    public string Name => "symbolic";

    public IReadOnlyList<IClaim> Claims { get; } = DerivationClaims.All;

    public IReadOnlyList<Source> Sources { get; } =
        [Bibliography.Cavazza2018, Bibliography.Mianjy2018, Bibliography.Pal2020, Bibliography.Haeffele2015, Bibliography.BaldiHornik1989];

    public IReadOnlyList<Figure> Figures { get; } = [];
}
