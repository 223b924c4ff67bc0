using Fractions;

namespace Verification.Symbolic;

/// <summary>
/// An expression tree: rational numbers, symbols, sums, products, integer powers and quotients.
/// Trees are kept as written; <see cref="Canonical()"/> expands them to a <see cref="RationalFunction"/>.
/// Equality of expressions is mathematical: two expressions are equal iff their canonical forms are.
/// </summary>
public abstract class Expr : IEquatable<Expr>
{
    private RationalFunction? _canonical;

    private protected Expr() { }

    /// <summary>A rational number.</summary>
    public static Expr Number(Fraction value) => new NumberExpr(value);

    /// <summary>An integer.</summary>
    public static Expr Number(long value) => new NumberExpr(new Fraction(value));

    /// <summary>p/q as a number.</summary>
    public static Expr Number(long numerator, long denominator) => new NumberExpr(new Fraction(numerator, denominator));

    /// <summary>A symbol (θ is spelled theta).</summary>
    public static Expr Symbol(string name) => new SymbolExpr(Symbols.Normalize(name));

    /// <summary>Sum of terms.</summary>
    public static Expr Sum(IEnumerable<Expr> terms) => new SumExpr(terms.ToArray());

    /// <summary>Product of factors.</summary>
    public static Expr Product(IEnumerable<Expr> factors) => new ProductExpr(factors.ToArray());

    /// <summary>Parses infix text; throws <see cref="ParseException"/> on malformed input.</summary>
    public static Expr Parse(string text) => Parser.Parse(text);

    /// <summary>The expression tree of a canonical form.</summary>
    public static Expr FromCanonical(RationalFunction value)
    {
        var numerator = FromPolynomial(value.Numerator);
        return value.IsPolynomial ? numerator : new QuotientExpr(numerator, FromPolynomial(value.Denominator));
    }

    private static Expr FromPolynomial(Polynomial p)
    {
        if (p.IsZero) return Number(0);
        var terms = p.Terms.Select(t =>
        {
            var factors = new List<Expr>();
            if (!t.Coefficient.Equals(Fraction.One) || t.Monomial.IsOne) factors.Add(Number(t.Coefficient));
            foreach (var (name, e) in t.Monomial.Factors)
                factors.Add(e == 1 ? new SymbolExpr(name) : new PowerExpr(new SymbolExpr(name), e));
            return factors.Count == 1 ? factors[0] : new ProductExpr(factors.ToArray());
        }).ToArray();
        return terms.Length == 1 ? terms[0] : new SumExpr(terms);
    }

    public static Expr operator +(Expr a, Expr b) => new SumExpr([a, b]);
    public static Expr operator -(Expr a, Expr b) => new SumExpr([a, new NegationExpr(b)]);
    public static Expr operator -(Expr a) => new NegationExpr(a);
    public static Expr operator *(Expr a, Expr b) => new ProductExpr([a, b]);
    public static Expr operator /(Expr a, Expr b) => new QuotientExpr(a, b);
    public static implicit operator Expr(long value) => Number(value);
    public static implicit operator Expr(Fraction value) => Number(value);

    /// <summary>Integer power (negative exponents divide).</summary>
    public Expr Pow(int exponent) => new PowerExpr(this, exponent);

    /// <summary>Integer power; also F#'s <c>**</c> operator.</summary>
    public static Expr Pow(Expr @base, int exponent) => @base.Pow(exponent);

    /// <summary>The expanded canonical form (cached).</summary>
    public RationalFunction Canonical() => _canonical ??= ComputeCanonical();

    /// <summary>The canonical form with the declared Bernoulli masks reduced (z² = z).</summary>
    public RationalFunction Canonical(BernoulliMasks masks) => masks.Reduce(Canonical());

    /// <summary>Same as <see cref="Canonical()"/>: expand and normalize.</summary>
    public RationalFunction Expand() => Canonical();

    /// <summary>Partial derivative, as the expression tree of the canonical derivative.</summary>
    public Expr Derivative(string name) => FromCanonical(Canonical().Derivative(name));

    /// <summary>Direct evaluation of the tree in exact arithmetic (not through the canonical form).</summary>
    public abstract Fraction Evaluate(IReadOnlyDictionary<string, Fraction> point);

    private protected abstract RationalFunction ComputeCanonical();

    /// <summary>Infix form of the canonical form (parses back to the same canonical form).</summary>
    public string ToInfix() => InfixPrinter.Print(Canonical());

    /// <summary>LaTeX form of the canonical form.</summary>
    public string ToLatex() => LatexPrinter.Print(Canonical());

    /// <summary>The tree as written, fully parenthesized where needed.</summary>
    public override string ToString() => InfixPrinter.PrintTree(this);

    /// <summary>Mathematical equality: equal canonical forms.</summary>
    public bool Equals(Expr? other) => other is not null && Canonical().Equals(other.Canonical());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Expr);

    /// <inheritdoc/>
    public override int GetHashCode() => Canonical().GetHashCode();
}

/// <summary>A rational constant.</summary>
public sealed class NumberExpr : Expr
{
    internal NumberExpr(Fraction value) => Value = value;
    /// <summary>The value.</summary>
    public Fraction Value { get; }
    /// <inheritdoc/>
    public override Fraction Evaluate(IReadOnlyDictionary<string, Fraction> point) => Value;
    private protected override RationalFunction ComputeCanonical() => RationalFunction.Constant(Value);
}

/// <summary>A symbol.</summary>
public sealed class SymbolExpr : Expr
{
    internal SymbolExpr(string name) => Name = name;
    /// <summary>The normalized name.</summary>
    public string Name { get; }
    /// <inheritdoc/>
    public override Fraction Evaluate(IReadOnlyDictionary<string, Fraction> point) => Polynomial.Lookup(point, Name);
    private protected override RationalFunction ComputeCanonical() => RationalFunction.Symbol(Name);
}

/// <summary>A sum.</summary>
public sealed class SumExpr : Expr
{
    internal SumExpr(Expr[] terms) => Terms = terms;
    /// <summary>The terms.</summary>
    public IReadOnlyList<Expr> Terms { get; }
    /// <inheritdoc/>
    public override Fraction Evaluate(IReadOnlyDictionary<string, Fraction> point) =>
        Terms.Aggregate(Fraction.Zero, (s, t) => s + t.Evaluate(point));
    private protected override RationalFunction ComputeCanonical() =>
        Terms.Aggregate(RationalFunction.Zero, (s, t) => s + t.Canonical());
}

/// <summary>A product.</summary>
public sealed class ProductExpr : Expr
{
    internal ProductExpr(Expr[] factors) => Factors = factors;
    /// <summary>The factors.</summary>
    public IReadOnlyList<Expr> Factors { get; }
    /// <inheritdoc/>
    public override Fraction Evaluate(IReadOnlyDictionary<string, Fraction> point) =>
        Factors.Aggregate(Fraction.One, (s, t) => s * t.Evaluate(point));
    private protected override RationalFunction ComputeCanonical() =>
        Factors.Aggregate(RationalFunction.One, (s, t) => s * t.Canonical());
}

/// <summary>A negation −x.</summary>
public sealed class NegationExpr : Expr
{
    internal NegationExpr(Expr operand) => Operand = operand;
    /// <summary>The negated expression.</summary>
    public Expr Operand { get; }
    /// <inheritdoc/>
    public override Fraction Evaluate(IReadOnlyDictionary<string, Fraction> point) => -Operand.Evaluate(point);
    private protected override RationalFunction ComputeCanonical() => -Operand.Canonical();
}

/// <summary>An integer power.</summary>
public sealed class PowerExpr : Expr
{
    internal PowerExpr(Expr @base, int exponent)
    {
        Base = @base;
        Exponent = exponent;
    }
    /// <summary>The base.</summary>
    public Expr Base { get; }
    /// <summary>The integer exponent.</summary>
    public int Exponent { get; }
    /// <inheritdoc/>
    public override Fraction Evaluate(IReadOnlyDictionary<string, Fraction> point)
    {
        var b = Base.Evaluate(point);
        if (b.IsZero && Exponent < 0) throw new DivideByZeroException("Zero to a negative power.");
        return Exponent >= 0 ? Fraction.Pow(b, Exponent) : Fraction.Pow(b.Reciprocal(), -Exponent);
    }
    private protected override RationalFunction ComputeCanonical() => Base.Canonical().Pow(Exponent);
}

/// <summary>A quotient.</summary>
public sealed class QuotientExpr : Expr
{
    internal QuotientExpr(Expr numerator, Expr denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }
    /// <summary>The numerator.</summary>
    public Expr Numerator { get; }
    /// <summary>The denominator.</summary>
    public Expr Denominator { get; }
    /// <inheritdoc/>
    public override Fraction Evaluate(IReadOnlyDictionary<string, Fraction> point)
    {
        var d = Denominator.Evaluate(point);
        if (d.IsZero) throw new DivideByZeroException("Division by zero.");
        return Numerator.Evaluate(point) / d;
    }
    private protected override RationalFunction ComputeCanonical() => Numerator.Canonical() / Denominator.Canonical();
}
