using System.Text;
using Fractions;

namespace Verification.Symbolic;

/// <summary>LaTeX of canonical forms: <c>\theta</c>, <c>U_{11}</c>, <c>\frac{..}{..}</c>, <c>x^{2}</c>.</summary>
public static class LatexPrinter
{
    private static readonly HashSet<string> Greek = new(StringComparer.Ordinal)
    {
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
        "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega",
    };

    /// <summary>A polynomial, leading term first.</summary>
    public static string Print(Polynomial p)
    {
        return InfixPrinter.JoinTerms(p, (sb, c, m) =>
        {
            if (m.IsOne) { sb.Append(Number(c)); return; }
            if (!c.Equals(Fraction.One)) sb.Append(Number(c)).Append(' ');
            sb.Append(Monomial(m));
        });
    }

    /// <summary>A rational function as <c>\frac{numerator}{denominator}</c> (or the polynomial).</summary>
    public static string Print(RationalFunction f)
    {
        if (f.IsPolynomial) return Print(f.Numerator);
        var n = f.Numerator;
        if (n.IsMonomial && n.LeadingTerm.Coefficient.IsNegative)
            return $"-\\frac{{{Print(-n)}}}{{{Print(f.Denominator)}}}";
        return $"\\frac{{{Print(n)}}}{{{Print(f.Denominator)}}}";
    }

    /// <summary>The canonical form of an expression.</summary>
    public static string Print(Expr e) => Print(e.Canonical());

    /// <summary>A monomial: factors separated by spaces, powers as <c>^{k}</c>.</summary>
    public static string Monomial(Monomial m) =>
        string.Join(" ", m.Factors.Select(f => f.Value == 1 ? Name(f.Key) : $"{Name(f.Key)}^{{{f.Value}}}"));

    /// <summary>A symbol name: Greek names as commands, <c>U_11</c> as <c>U_{11}</c>, <c>u1</c> as <c>u_{1}</c>.</summary>
    public static string Name(string name)
    {
        string stem, subscript = "";
        var underscore = name.IndexOf('_');
        if (underscore > 0)
        {
            stem = name[..underscore];
            subscript = name[(underscore + 1)..].Replace('_', ',');
        }
        else
        {
            var end = name.Length;
            while (end > 1 && char.IsAsciiDigit(name[end - 1])) end--;
            stem = name[..end];
            subscript = name[end..];
        }
        var head = Greek.Contains(stem) ? "\\" + stem : stem.Length > 1 ? $"\\mathit{{{stem}}}" : stem;
        return subscript.Length == 0 ? head : $"{head}_{{{subscript}}}";
    }

    private static string Number(Fraction c) =>
        c.Denominator.IsOne ? c.Numerator.ToString() : $"\\frac{{{c.Numerator}}}{{{c.Denominator}}}";
}
