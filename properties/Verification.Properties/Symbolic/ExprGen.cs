using FsCheck;
using FsCheck.Fluent;
using Fractions;
using Verification.Symbolic;

namespace Verification.Properties.Symbolic;

/// <summary>Random expression trees over a few symbols, and random rational points.</summary>
public static class ExprGen
{
    public static readonly string[] Names = ["a", "b", "c", "theta"];

    private static Gen<Fraction> SmallRational =>
        Gen.Frequency(
            (4, Gen.Choose(-3, 3).Select(k => new Fraction(k))),
            (1, Gen.Choose(-5, 5).Zip(Gen.Choose(1, 4), (p, q) => new Fraction(p, q))));

    public static Gen<Expr> Leaf =>
        Gen.Frequency(
            (3, Gen.Elements(Names).Select(Expr.Symbol)),
            (2, SmallRational.Select(Expr.Number)));

    /// <summary>Divisors that are never the zero function: a symbol, symbol + c (c ≠ 0), or d² + 1.</summary>
    private static Gen<Expr> Divisor(int depth) =>
        Gen.OneOf(
            Gen.Elements(Names).Select(Expr.Symbol),
            Gen.Elements(Names).Zip(Gen.Choose(1, 3), (n, k) => Expr.Symbol(n) + Expr.Number(k)),
            Tree(Math.Max(0, depth - 1), false).Select(d => d * d + Expr.Number(1)));

    /// <summary>A tree of the given depth; quotients only when <paramref name="divisions"/>.</summary>
    public static Gen<Expr> Tree(int depth, bool divisions)
    {
        if (depth <= 0) return Leaf;
        var sub = Tree(depth - 1, divisions);
        var options = new List<(int, Gen<Expr>)>
        {
            (2, Leaf),
            (3, Gen.ListOf(sub, 3).Select(Expr.Sum)),
            (2, sub.Zip(sub, (s, t) => s * t)),
            (1, sub.Select(s => -s)),
            (1, sub.Zip(Gen.Choose(0, 3), (s, k) => s.Pow(k))),
            (1, sub.Zip(sub, (s, t) => s - t)),
        };
        if (divisions)
        {
            options.Add((1, sub.Zip(Divisor(depth - 1), (s, d) => s / d)));
            options.Add((1, Divisor(depth - 1).Select(d => d.Pow(-1))));
        }
        return Gen.Frequency(options.ToArray());
    }

    public static Gen<Expr> Polynomials => Gen.Choose(0, 3).SelectMany(d => Tree(d, false));

    public static Gen<Expr> Rationals => Gen.Choose(0, 3).SelectMany(d => Tree(d, true));

    /// <summary>A point with large random rationals, so that distinct rational functions differ there (Schwartz–Zippel).</summary>
    public static Gen<Dictionary<string, Fraction>> Point(IEnumerable<string> names) =>
        Gen.CollectToArray(names, n =>
                Gen.Choose(-1000, 1000).Zip(Gen.Choose(1, 97), (p, q) => new KeyValuePair<string, Fraction>(n, new Fraction(p, q))))
            .Select(kv => kv.ToDictionary(x => x.Key, x => x.Value));

    public static Gen<Dictionary<string, Fraction>[]> Points(int count) => Gen.ArrayOf(Point(Names), count);
}

/// <summary>An expression with points at which to evaluate it.</summary>
public sealed record Sample(Expr Expr, Dictionary<string, Fraction>[] Points)
{
    public override string ToString() => Expr.ToString();
}

/// <summary>A pair of expressions and points.</summary>
public sealed record Pair(Expr Left, Expr Right, string Kind, Dictionary<string, Fraction>[] Points)
{
    public override string ToString() => $"{Kind}: {Left} vs {Right}";
}

public static class SymbolicArbitraries
{
    public static Arbitrary<Sample> Samples() =>
        Arb.From(ExprGen.Rationals.Zip(ExprGen.Points(4), (e, p) => new Sample(e, p)));

    /// <summary>Identities by sound rewriting, near misses by a small perturbation, and unrelated pairs.</summary>
    public static Arbitrary<Pair> Pairs() =>
        Arb.From(
            from e in ExprGen.Rationals
            from kind in Gen.Elements("rewrite", "perturb", "random")
            from other in ExprGen.Rationals
            from seed in Gen.Choose(0, int.MaxValue - 1)
            from points in ExprGen.Points(4)
            let right = kind switch
            {
                "rewrite" => Rewrite.Apply(e, new Random(seed)),
                "perturb" => Rewrite.Apply(e, new Random(seed)) + Perturbation(seed),
                _ => other,
            }
            select new Pair(e, right, kind, points));

    private static Expr Perturbation(int seed) => (seed % 4) switch
    {
        0 => Expr.Number(1, 3),
        1 => Expr.Symbol("a") * Expr.Symbol("b"),
        2 => Expr.Symbol("theta").Pow(3) - Expr.Symbol("c"),
        _ => Expr.Number(1) / (Expr.Symbol("a").Pow(2) + Expr.Number(1)),
    };
}
