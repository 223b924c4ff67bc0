namespace Verification.Symbolic;

/// <summary>Text in, canonical forms out: the entry points a command line needs.</summary>
public static class Algebra
{
    /// <summary>Parses (throws <see cref="ParseException"/> on malformed input).</summary>
    public static Expr Parse(string text) => Parser.Parse(text);

    /// <summary>Parses and expands to the canonical rational function.</summary>
    public static RationalFunction Expand(string text) => Parser.Parse(text).Canonical();

    /// <summary>Parses, reduces the masks (z² = z) and takes E with E z = theta for each mask.</summary>
    public static RationalFunction Expectation(string text, IEnumerable<string> masks) =>
        BernoulliMasks.WithTheta(masks).Expectation(Parser.Parse(text));

    /// <summary>Parses, expands and differentiates with respect to a symbol.</summary>
    public static RationalFunction Derivative(string text, string symbol) => Expand(text).Derivative(symbol);

    /// <summary>True iff the two texts denote the same rational function.</summary>
    public static bool AreEqual(string left, string right) => Expand(left).Equals(Expand(right));

    /// <summary>Infix text that parses back to the same canonical form.</summary>
    public static string ToInfix(RationalFunction value) => InfixPrinter.Print(value);

    /// <summary>LaTeX text.</summary>
    public static string ToLatex(RationalFunction value) => LatexPrinter.Print(value);
}
