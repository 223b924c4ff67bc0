namespace Verification.Symbolic.Derivations;

/// <summary>One scalar identity lhs = rhs (e.g. one entry of a gradient).</summary>
public sealed record DerivationComponent(string Name, RationalFunction Lhs, RationalFunction Rhs)
{
    /// <summary>lhs − rhs in canonical form.</summary>
    public RationalFunction Difference { get; } = Lhs - Rhs;

    /// <summary>True when the difference is 0.</summary>
    public bool Holds => Difference.IsZero;
}

/// <summary>
/// A symbolic derivation of an identity at fixed sizes: both sides after taking expectations over the
/// Bernoulli masks and expanding, their difference in lowest terms, and whether it is 0.
/// Vector identities (gradients) also list their components; <see cref="Holds"/> requires all of them.
/// </summary>
public sealed record Derivation
{
    /// <summary>Creates a derivation; the difference and LaTeX are computed here.</summary>
    public Derivation(string id, string statement, DerivationSize size, RationalFunction lhs, RationalFunction rhs, IReadOnlyList<DerivationComponent> components)
    {
        Id = id;
        Statement = statement;
        Size = size;
        Lhs = lhs;
        Rhs = rhs;
        Difference = lhs - rhs;
        Components = components;
        Holds = Difference.IsZero && components.All(c => c.Holds);
        LhsLatex = lhs.ToLatex();
        RhsLatex = rhs.ToLatex();
        DifferenceLatex = Difference.ToLatex();
    }

    /// <summary>The claim id from THEORY.md.</summary>
    public string Id { get; }

    /// <summary>The identity being derived, in LaTeX.</summary>
    public string Statement { get; }

    /// <summary>The fixed sizes.</summary>
    public DerivationSize Size { get; }

    /// <summary>Left-hand side (expectation taken, canonical form).</summary>
    public RationalFunction Lhs { get; }

    /// <summary>Right-hand side (canonical form).</summary>
    public RationalFunction Rhs { get; }

    /// <summary>Lhs − Rhs in lowest terms.</summary>
    public RationalFunction Difference { get; }

    /// <summary>True iff the difference (and every component's difference) is 0.</summary>
    public bool Holds { get; }

    /// <summary>Components of a vector identity (empty for a scalar identity).</summary>
    public IReadOnlyList<DerivationComponent> Components { get; }

    /// <summary>LaTeX of <see cref="Lhs"/>.</summary>
    public string LhsLatex { get; }

    /// <summary>LaTeX of <see cref="Rhs"/>.</summary>
    public string RhsLatex { get; }

    /// <summary>LaTeX of <see cref="Difference"/>.</summary>
    public string DifferenceLatex { get; }

    /// <summary>
    /// The difference divided by λ = (1−θ)/θ when that quotient is a polynomial (the regularizer gap of
    /// a refuted expectation identity, easier to read); otherwise the difference itself.
    /// </summary>
    public RationalFunction DifferenceOverLambda
    {
        get
        {
            var theta = RationalFunction.Symbol(Symbols.Theta);
            var quotient = Difference / ((RationalFunction.One - theta) / theta);
            return quotient.IsPolynomial ? quotient : Difference;
        }
    }

    /// <summary>A plain-text report: id, sizes, verdict, the three LaTeX forms and the components.</summary>
    public string ToReport()
    {
        var lines = new List<string>
        {
            $"id: {Id}",
            $"size: {Size}",
            $"statement: {Statement}",
            $"holds: {(Holds ? "true" : "false")}",
            $"terms: lhs={Lhs.TermCount}, rhs={Rhs.TermCount}, difference={Difference.TermCount}",
            $"lhs: {LhsLatex}",
            $"rhs: {RhsLatex}",
            $"difference: {DifferenceLatex}",
        };
        if (!Holds && !ReferenceEquals(DifferenceOverLambda, Difference))
            lines.Add($"difference / \\lambda: {DifferenceOverLambda.ToLatex()}");
        foreach (var c in Components)
            lines.Add($"component {c.Name}: holds={(c.Holds ? "true" : "false")}; lhs: {c.Lhs.ToLatex()}; difference: {c.Difference.ToLatex()}");
        return string.Join("\n", lines);
    }
}
