using Verification.ClaimsFiles.Syntax;
using Verification.Engine;

namespace Verification.ClaimsFiles;

public enum Relation { Equal, AtMost, AtLeast }

/// <summary>
/// One claim of a claims file, parsed and checked: its identity, its symbols and dimensions, its definitions, both sides
/// and the relation between them. <see cref="IsExact"/> when both sides are rational functions of the symbols (after the
/// expectations), so that the claim is decided symbolically at the smallest sizes and exactly at random rational points.
/// </summary>
public sealed record ClaimModel(
    string File,
    string Id,
    string Title,
    string Source,
    ClaimKind Kind,
    Verdict? Decision,
    IReadOnlyList<string> Twins,
    IReadOnlyList<SymbolDeclaration> Symbols,
    IReadOnlyList<DimensionRange> Dimensions,
    ShapeChecker Checker,
    Node Lhs,
    Relation Relation,
    Node Rhs,
    bool RequiresExact)
{
    public SymbolDeclaration Symbol(string name) => Symbols.First(s => s.Name == name);

    /// <summary>Why a side is not polynomial (the subexpression that is not), or null when both are.</summary>
    public string? Inexact => Checker.InfoOf(Lhs).Inexact ?? Checker.InfoOf(Rhs).Inexact;

    public bool IsExact => Inexact is null;

    public bool HasBernoulli => Symbols.Any(s => s.Kind == SymbolKind.Bernoulli);

    public IEnumerable<SymbolDeclaration> Deterministic => Symbols.Where(s => !s.IsRandom);

    public string RelationText => Relation switch { Relation.Equal => "=", Relation.AtMost => "≤", _ => "≥" };

    public string Statement => $"{Lhs.Text} {RelationText} {Rhs.Text}";
}
