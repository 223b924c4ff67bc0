using Fractions;
using Verification.Symbolic;

namespace Verification.Properties.Symbolic;

/// <summary>Sound random rewrites of expression trees (the result is the same function, written differently).</summary>
public static class Rewrite
{
    public static Expr Apply(Expr e, Random random) => e switch
    {
        NumberExpr n => random.Next(3) == 0 && !n.Value.IsZero
            ? Expr.Number(n.Value * 3) / Expr.Number(3)
            : n,
        SymbolExpr s => random.Next(3) switch
        {
            0 => s * Expr.Number(2) / Expr.Number(2),
            1 => Expr.Number(0) + s,
            _ => s,
        },
        SumExpr sum => Expr.Sum(Shuffle(sum.Terms.Select(t => Apply(t, random)).ToList(), random)),
        ProductExpr p => Product(p.Factors.Select(f => Apply(f, random)).ToList(), random),
        NegationExpr neg => random.Next(2) == 0 ? Expr.Number(-1) * Apply(neg.Operand, random) : Expr.Number(0) - Apply(neg.Operand, random),
        PowerExpr pow => Power(Apply(pow.Base, random), pow.Exponent, random),
        QuotientExpr q => random.Next(2) == 0
            ? Apply(q.Numerator, random) * Apply(q.Denominator, random).Pow(-1)
            : (Apply(q.Numerator, random) * Expr.Number(5)) / (Apply(q.Denominator, random) * Expr.Number(5)),
        _ => throw new ArgumentException(e.GetType().Name),
    };

    private static Expr Product(List<Expr> factors, Random random)
    {
        Shuffle(factors, random);
        // Distribute the first factor over a sum among the others.
        var sumIndex = factors.FindIndex(1, f => f is SumExpr);
        if (factors.Count >= 2 && sumIndex > 0 && random.Next(2) == 0)
        {
            var sum = (SumExpr)factors[sumIndex];
            var rest = factors.Where((_, i) => i != sumIndex).ToList();
            return Expr.Sum(sum.Terms.Select(t => Expr.Product(rest.Append(t))));
        }
        return Expr.Product(factors);
    }

    private static Expr Power(Expr b, int k, Random random)
    {
        if (random.Next(2) == 0) return b.Pow(k);
        var copies = Enumerable.Repeat(b, Math.Abs(k)).ToList();
        Expr product = copies.Count == 0 ? Expr.Number(1) : Expr.Product(copies);
        return k >= 0 ? product : Expr.Number(1) / product;
    }

    private static List<Expr> Shuffle(List<Expr> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}

/// <summary>Evaluates a tree directly in exact arithmetic, independently of the library's canonical form.</summary>
public static class TreeEval
{
    public static Fraction Evaluate(Expr e, IReadOnlyDictionary<string, Fraction> point) => e switch
    {
        NumberExpr n => n.Value,
        SymbolExpr s => point[s.Name],
        SumExpr sum => sum.Terms.Aggregate(Fraction.Zero, (acc, t) => acc + Evaluate(t, point)),
        ProductExpr p => p.Factors.Aggregate(Fraction.One, (acc, f) => acc * Evaluate(f, point)),
        NegationExpr neg => -Evaluate(neg.Operand, point),
        PowerExpr pow => Power(Evaluate(pow.Base, point), pow.Exponent),
        QuotientExpr q => Divide(Evaluate(q.Numerator, point), Evaluate(q.Denominator, point)),
        _ => throw new ArgumentException(e.GetType().Name),
    };

    private static Fraction Power(Fraction b, int k)
    {
        var result = Fraction.One;
        for (var i = 0; i < Math.Abs(k); i++) result *= b;
        return k >= 0 ? result : Divide(Fraction.One, result);
    }

    private static Fraction Divide(Fraction a, Fraction b) =>
        b.IsZero ? throw new DivideByZeroException() : a / b;

    /// <summary>The value, or null at a pole of the tree.</summary>
    public static Fraction? TryEvaluate(Expr e, IReadOnlyDictionary<string, Fraction> point)
    {
        try { return Evaluate(e, point); }
        catch (DivideByZeroException) { return null; }
    }

    /// <summary>An upper bound on the degree of a division-free tree in one symbol.</summary>
    public static int DegreeBound(Expr e, string name) => e switch
    {
        NumberExpr => 0,
        SymbolExpr s => s.Name == name ? 1 : 0,
        SumExpr sum => sum.Terms.Select(t => DegreeBound(t, name)).DefaultIfEmpty(0).Max(),
        ProductExpr p => p.Factors.Sum(f => DegreeBound(f, name)),
        NegationExpr neg => DegreeBound(neg.Operand, name),
        PowerExpr pow => pow.Exponent * DegreeBound(pow.Base, name),
        _ => throw new ArgumentException("Division-free trees only."),
    };
}
