using Fractions;

namespace Verification.Symbolic;

/// <summary>
/// Greatest common divisors over ℚ[x1..xk], normalized monic (leading coefficient 1).
/// Monomial and univariate cases are direct; the general case is the recursive primitive
/// pseudo-remainder sequence in the first variable with gcds of contents in the rest.
/// </summary>
public static class PolynomialGcd
{
    /// <summary>The monic gcd of two polynomials (gcd(0, 0) = 0).</summary>
    public static Polynomial Of(Polynomial a, Polynomial b)
    {
        if (a.IsZero) return b.Monic();
        if (b.IsZero) return a.Monic();
        if (a.IsConstant || b.IsConstant) return Polynomial.One;
        if (a.IsMonomial && b.IsMonomial) return Polynomial.FromTerm(Fraction.One, a.LeadingTerm.Monomial.Gcd(b.LeadingTerm.Monomial));
        if (a.Equals(b)) return a.Monic();
        var variablesA = a.Variables;
        var variablesB = b.Variables;
        if (variablesA.Count == 1 && variablesB.Count == 1 && variablesA[0] == variablesB[0])
            return Univariate(a, b, variablesA[0]);
        if (variablesB.Count == 1) return UnivariateWith(a, b, variablesB[0]);
        if (variablesA.Count == 1) return UnivariateWith(b, a, variablesA[0]);
        if (b.IsMonomial) return MonomialWith(a, b.LeadingTerm.Monomial);
        if (a.IsMonomial) return MonomialWith(b, a.LeadingTerm.Monomial);

        // Main variable: the first one that occurs in either polynomial.
        var x = variablesA.Concat(variablesB).Min(StringComparer.Ordinal)!;
        var inA = a.DegreeIn(x) > 0;
        var inB = b.DegreeIn(x) > 0;
        if (!inA) return Of(a, Content(b, x));
        if (!inB) return Of(Content(a, x), b);

        var contentA = Content(a, x);
        var contentB = Content(b, x);
        var p = Exact(a, contentA);
        var q = Exact(b, contentB);
        if (p.DegreeIn(x) < q.DegreeIn(x)) (p, q) = (q, p);
        while (!q.IsZero)
        {
            var r = PseudoRemainder(p, q, x);
            p = q;
            q = r.IsZero ? r : Exact(r, Content(r, x));
        }
        var primitive = p.DegreeIn(x) == 0 ? Polynomial.One : p;
        return (Of(contentA, contentB) * primitive).Monic();
    }

    /// <summary>
    /// gcd with a polynomial u in the single variable t: every common divisor lies in ℚ[t],
    /// so it is the gcd of u with the coefficients of a viewed in ℚ[t][other variables].
    /// </summary>
    private static Polynomial UnivariateWith(Polynomial a, Polynomial u, string t)
    {
        var groups = new Dictionary<Monomial, List<Term>>();
        foreach (var term in a.Terms)
        {
            var rest = term.Monomial.Without(t);
            if (!groups.TryGetValue(rest, out var list)) groups[rest] = list = new();
            list.Add(new Term(term.Coefficient, Monomial.Of(t, term.Monomial.ExponentOf(t))));
        }
        var g = u;
        foreach (var list in groups.Values)
        {
            var c = Polynomial.FromTerms(list);
            g = c.IsConstant ? Polynomial.One : c.IsMonomial && g.IsMonomial
                ? Polynomial.FromTerm(Fraction.One, c.LeadingTerm.Monomial.Gcd(g.LeadingTerm.Monomial))
                : Univariate(g, c, t);
            if (g.IsConstant) return Polynomial.One;
        }
        return g.Monic();
    }

    /// <summary>gcd with a monomial: the largest power product dividing every term.</summary>
    private static Polynomial MonomialWith(Polynomial a, Monomial m)
    {
        var g = m;
        foreach (var t in a.Terms) g = g.Gcd(t.Monomial);
        return Polynomial.FromTerm(Fraction.One, g);
    }

    /// <summary>The gcd of the coefficients of a as a polynomial in x.</summary>
    private static Polynomial Content(Polynomial a, string x)
    {
        var g = Polynomial.Zero;
        foreach (var c in a.CoefficientsIn(x).Values)
        {
            g = Of(g, c);
            if (g.IsConstant) return Polynomial.One;
        }
        return g;
    }

    private static Polynomial Exact(Polynomial a, Polynomial b) =>
        Polynomial.DivideExact(a, b) ?? throw new InvalidOperationException("Internal error: inexact division by a gcd.");

    /// <summary>lc(q)^(deg p − deg q + 1) · p reduced modulo q, as polynomials in x.</summary>
    private static Polynomial PseudoRemainder(Polynomial p, Polynomial q, string x)
    {
        var dq = q.DegreeIn(x);
        var lcq = q.CoefficientsIn(x)[dq];
        var r = p;
        var dr = r.DegreeIn(x);
        while (!r.IsZero && dr >= dq)
        {
            var lcr = r.CoefficientsIn(x)[dr];
            var shift = Polynomial.FromTerm(Fraction.One, Monomial.Of(x, dr - dq));
            r = lcq * r - lcr * shift * q;
            r = r.Monic(); // a unit over ℚ: keeps coefficients small
            dr = r.DegreeIn(x);
        }
        return r;
    }

    /// <summary>Euclid's algorithm in ℚ[x].</summary>
    private static Polynomial Univariate(Polynomial a, Polynomial b, string x)
    {
        var p = ToDense(a, x);
        var q = ToDense(b, x);
        while (q.Length > 0)
        {
            var r = DenseRemainder(p, q);
            p = q;
            q = r;
        }
        var lead = p[^1];
        return Polynomial.FromTerms(p.Select((c, k) => new Term(c / lead, Monomial.Of(x, k))));
    }

    private static Fraction[] ToDense(Polynomial a, string x)
    {
        var dense = new Fraction[a.DegreeIn(x) + 1];
        Array.Fill(dense, Fraction.Zero);
        foreach (var t in a.Terms) dense[t.Monomial.ExponentOf(x)] = t.Coefficient;
        return dense;
    }

    private static Fraction[] DenseRemainder(Fraction[] p, Fraction[] q)
    {
        var r = (Fraction[])p.Clone();
        var dq = q.Length - 1;
        var dr = r.Length - 1;
        while (dr >= dq)
        {
            var factor = r[dr] / q[dq];
            for (var k = 0; k <= dq; k++) r[dr - dq + k] -= factor * q[k];
            r[dr] = Fraction.Zero;
            while (dr >= 0 && r[dr].IsZero) dr--;
        }
        return r.Take(dr + 1).ToArray();
    }
}
