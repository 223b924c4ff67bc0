using System.Text;
using Fractions;

namespace Verification.Symbolic;

/// <summary>
/// Infix text of canonical forms, in the canonical (graded-lex) term order, such that
/// <see cref="Parser.Parse"/> reads it back to the same canonical form.
/// </summary>
public static class InfixPrinter
{
    /// <summary>e.g. <c>3/4*a^2*b - b + 1</c>.</summary>
    public static string Print(Polynomial p) => JoinTerms(p, AppendTerm);

    /// <summary>Terms leading first, joined by " + " / " - " with the sign taken out; each term printed by <paramref name="appendTerm"/> from |coefficient|.</summary>
    internal static string JoinTerms(Polynomial p, Action<StringBuilder, Fraction, Monomial> appendTerm)
    {
        if (p.IsZero) return "0";
        var sb = new StringBuilder();
        var first = true;
        foreach (var t in p.Terms)
        {
            var negative = t.Coefficient.IsNegative;
            if (first) { if (negative) sb.Append('-'); }
            else sb.Append(negative ? " - " : " + ");
            first = false;
            appendTerm(sb, Fraction.Abs(t.Coefficient), t.Monomial);
        }
        return sb.ToString();
    }

    /// <summary>e.g. <c>(a + b)/theta^2</c>; a polynomial prints as itself.</summary>
    public static string Print(RationalFunction f)
    {
        if (f.IsPolynomial) return Print(f.Numerator);
        var numerator = Print(f.Numerator);
        if (f.Numerator.TermCount > 1) numerator = $"({numerator})";
        var d = f.Denominator;
        var bare = d.IsMonomial && d.LeadingTerm.Coefficient.Equals(Fraction.One) && d.LeadingTerm.Monomial.Count == 1;
        var denominator = bare ? Print(d) : $"({Print(d)})";
        return $"{numerator}/{denominator}";
    }

    /// <summary>The canonical form of an expression.</summary>
    public static string Print(Expr e) => Print(e.Canonical());

    private static void AppendTerm(StringBuilder sb, Fraction absCoefficient, Monomial m)
    {
        if (m.IsOne) { sb.Append(Number(absCoefficient)); return; }
        if (!absCoefficient.Equals(Fraction.One)) sb.Append(Number(absCoefficient)).Append('*');
        sb.Append(m);
    }

    internal static string Number(Fraction value) =>
        value.Denominator.IsOne ? value.Numerator.ToString() : $"{value.Numerator}/{value.Denominator}";

    /// <summary>The tree as written (not expanded), parenthesized so that it parses back to the same tree value.</summary>
    public static string PrintTree(Expr e) => e switch
    {
        NumberExpr n => n.Value.IsNegative || !n.Value.Denominator.IsOne ? $"({Number(n.Value)})" : Number(n.Value),
        SymbolExpr s => s.Name,
        SumExpr s => "(" + string.Join(" + ", s.Terms.Select(PrintTree)) + ")",
        ProductExpr p => "(" + string.Join("*", p.Factors.Select(PrintTree)) + ")",
        NegationExpr n => $"(-{PrintTree(n.Operand)})",
        PowerExpr p => $"{(p.Base is PowerExpr ? $"({PrintTree(p.Base)})" : PrintTree(p.Base))}^{(p.Exponent < 0 ? $"({p.Exponent})" : p.Exponent.ToString())}",
        QuotientExpr q => $"({PrintTree(q.Numerator)}/{PrintTree(q.Denominator)})",
        _ => throw new ArgumentException($"Unknown expression type {e.GetType().Name}."),
    };
}
