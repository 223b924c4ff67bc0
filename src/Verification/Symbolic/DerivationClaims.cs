using FsCheck.Fluent;
using Verification.Claims;
using Verification.Symbolic;
using Verification.Symbolic.Derivations;

namespace Verification.SymbolicClaims;

/// <summary>
/// THEORY.md's symbolic derivations as catalog claims, id "&lt;theory id&gt;.symbolic": both sides are derived with exact
/// rational coefficients at fixed sizes (idempotent Bernoulli masks, E z = θ), and the claim holds iff the difference
/// expands to 0. A proof at those sizes, not a sample. A failing derivation shrinks to the smallest failing size.
/// </summary>
public static class DerivationClaims
{
    public const string Suffix = ".symbolic";

    /// <summary>Derivations whose identity is the slide's wording, decided (and refuted) by the derivation.</summary>
    private static readonly Dictionary<string, Verdict> AsStated = new(StringComparer.Ordinal)
    {
        ["dropblock.expectation.as-stated"] = Verdict.Refuted,
    };

    public static IReadOnlyList<Claim<DerivationSize>> All { get; } = Derivations.Ids.Select(Create).ToArray();

    public static Claim<DerivationSize> Create(string id)
    {
        var sizes = Derivations.DefaultSizes(id);
        var asStated = AsStated.TryGetValue(id, out var verdict);
        return new Claim<DerivationSize>(
            Id: id + Suffix,
            Title: $"Symbolic derivation of {id} at fixed sizes",
            Statement: Derivations.Find(id, sizes[0]).Statement,
            Kind: asStated ? ClaimKind.AsStated : ClaimKind.Theorem,
            SourceKey: SourceOf(id),
            Expected: asStated ? verdict : Verdict.Verified,
            Evidence: $"exact symbolic expansion at {string.Join("; ", sizes)}: the difference of the two sides is {(asStated ? "nonzero (a finding)" : "0")}",
            Generator: Gen.Elements(sizes.ToArray()),
            Shrink: SmallerSizes,
            Check: size => Check(id, size),
            Describe: size => [new NamedValue("size", Value.Of(size.ToString()))])
        {
            Examples = sizes,
            CaseBudget = _ => 0,
        };
    }

    public static CheckOutcome Check(string id, DerivationSize size)
    {
        var d = Derivations.Find(id, size);
        return new CheckOutcome(d.Holds, Value.Of(InfixPrinter.Print(d.Lhs)), Value.Of(InfixPrinter.Print(d.Rhs)), d.Holds ? 0 : 1, 0,
                d.Holds ? $"the difference expands to 0 at {size}" : $"the difference at {size} is {InfixPrinter.Print(d.Difference)}")
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
        _ => "Suite",
    };
}
