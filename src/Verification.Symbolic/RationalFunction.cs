using Fractions;

namespace Verification.Symbolic;

/// <summary>
/// A quotient of polynomials in canonical form: numerator and denominator coprime (their gcd divided
/// out), denominator with leading coefficient 1, zero written 0/1. Two rational functions are equal
/// iff their canonical forms are structurally equal.
/// </summary>
public sealed class RationalFunction : IEquatable<RationalFunction>
{
    private RationalFunction(Polynomial numerator, Polynomial denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    /// <summary>The numerator.</summary>
    public Polynomial Numerator { get; }

    /// <summary>The denominator: leading coefficient 1, coprime to the numerator.</summary>
    public Polynomial Denominator { get; }

    /// <summary>0.</summary>
    public static RationalFunction Zero { get; } = new(Polynomial.Zero, Polynomial.One);

    /// <summary>1.</summary>
    public static RationalFunction One { get; } = new(Polynomial.One, Polynomial.One);

    /// <summary>A constant.</summary>
    public static RationalFunction Constant(Fraction value) => new(Polynomial.Constant(value), Polynomial.One);

    /// <summary>A constant.</summary>
    public static RationalFunction Constant(long value) => Constant(new Fraction(value));

    /// <summary>A symbol.</summary>
    public static RationalFunction Symbol(string name) => new(Polynomial.Variable(name), Polynomial.One);

    /// <summary>A polynomial (denominator 1).</summary>
    public static RationalFunction FromPolynomial(Polynomial p) => new(p, Polynomial.One);

    /// <summary>numerator / denominator, reduced to canonical form.</summary>
    public static RationalFunction Create(Polynomial numerator, Polynomial denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("Division by the zero polynomial.");
        if (numerator.IsZero) return Zero;
        if (denominator.IsConstant) return new(numerator.Scale(denominator.ConstantValue.Reciprocal()), Polynomial.One);
        var g = PolynomialGcd.Of(numerator, denominator);
        if (!g.IsConstant)
        {
            numerator = Polynomial.DivideExact(numerator, g)!;
            denominator = Polynomial.DivideExact(denominator, g)!;
        }
        var lead = denominator.LeadingTerm.Coefficient.Reciprocal();
        return new(numerator.Scale(lead), denominator.Scale(lead));
    }

    /// <summary>True for 0.</summary>
    public bool IsZero => Numerator.IsZero;

    /// <summary>True when the denominator is 1.</summary>
    public bool IsPolynomial => Denominator.IsConstant;

    /// <summary>True for a constant.</summary>
    public bool IsConstant => IsPolynomial && Numerator.IsConstant;

    /// <summary>The value of a constant.</summary>
    public Fraction ConstantValue => IsConstant ? Numerator.ConstantValue : throw new InvalidOperationException("Not a constant.");

    /// <summary>Number of terms of numerator plus denominator (a size measure).</summary>
    public int TermCount => Numerator.TermCount + (IsPolynomial ? 0 : Denominator.TermCount);

    /// <summary>The variables that occur, sorted by name.</summary>
    public IReadOnlyList<string> Variables =>
        Numerator.Variables.Concat(Denominator.Variables).Distinct().Order(StringComparer.Ordinal).ToArray();

    public static RationalFunction operator +(RationalFunction a, RationalFunction b)
    {
        if (a.IsZero) return b;
        if (b.IsZero) return a;
        if (a.IsPolynomial && b.IsPolynomial) return new(a.Numerator + b.Numerator, Polynomial.One);
        if (a.Denominator.Equals(b.Denominator)) return Create(a.Numerator + b.Numerator, a.Denominator);
        // gcd(N + P·D, D) = gcd(N, D) = 1: adding a polynomial keeps the form canonical.
        if (b.IsPolynomial) return new(a.Numerator + b.Numerator * a.Denominator, a.Denominator);
        if (a.IsPolynomial) return new(a.Numerator * b.Denominator + b.Numerator, b.Denominator);
        // Over the lcm of the denominators keeps the intermediate sizes down.
        var g = PolynomialGcd.Of(a.Denominator, b.Denominator);
        var aCofactor = Polynomial.DivideExact(b.Denominator, g)!;
        var bCofactor = Polynomial.DivideExact(a.Denominator, g)!;
        return Create(a.Numerator * aCofactor + b.Numerator * bCofactor, a.Denominator * aCofactor);
    }

    public static RationalFunction operator -(RationalFunction a) => new(-a.Numerator, a.Denominator);

    public static RationalFunction operator -(RationalFunction a, RationalFunction b) => a + -b;

    public static RationalFunction operator *(RationalFunction a, RationalFunction b)
    {
        if (a.IsZero || b.IsZero) return Zero;
        if (a.IsPolynomial && b.IsPolynomial) return new(a.Numerator * b.Numerator, Polynomial.One);
        return Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    }

    public static RationalFunction operator /(RationalFunction a, RationalFunction b)
    {
        if (b.IsZero) throw new DivideByZeroException("Division by zero.");
        return Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    }

    public static implicit operator RationalFunction(long value) => Constant(value);

    public static implicit operator RationalFunction(Fraction value) => Constant(value);

    public static implicit operator RationalFunction(Polynomial value) => FromPolynomial(value);

    /// <summary>Integer power; a negative exponent inverts.</summary>
    public RationalFunction Pow(int exponent)
    {
        if (exponent < 0)
        {
            if (IsZero) throw new DivideByZeroException("Zero to a negative power.");
            return new RationalFunction(Denominator, Numerator).Renormalize().Pow(-exponent);
        }
        // Powers of coprime polynomials stay coprime.
        var numerator = Numerator.Pow(exponent);
        var denominator = Denominator.Pow(exponent);
        return new(numerator, denominator);
    }

    /// <summary>Integer power; also F#'s <c>**</c> operator.</summary>
    public static RationalFunction Pow(RationalFunction @base, int exponent) => @base.Pow(exponent);

    /// <summary>The reciprocal 1/this.</summary>
    public RationalFunction Reciprocal() => Pow(-1);

    private RationalFunction Renormalize()
    {
        var lead = Denominator.LeadingTerm.Coefficient.Reciprocal();
        return new(Numerator.Scale(lead), Denominator.Scale(lead));
    }

    /// <summary>Partial derivative: (N′D − ND′)/D².</summary>
    public RationalFunction Derivative(string name)
    {
        name = Symbols.Normalize(name);
        if (IsPolynomial) return new(Numerator.Derivative(name), Polynomial.One);
        var dn = Numerator.Derivative(name);
        var dd = Denominator.Derivative(name);
        if (dd.IsZero) return Create(dn, Denominator);
        return Create(dn * Denominator - Numerator * dd, Denominator * Denominator);
    }

    /// <summary>Value at a point; throws <see cref="DivideByZeroException"/> at a pole.</summary>
    public Fraction Evaluate(IReadOnlyDictionary<string, Fraction> point)
    {
        var d = Denominator.Evaluate(point);
        if (d.IsZero) throw new DivideByZeroException("The denominator vanishes at this point.");
        return Numerator.Evaluate(point) / d;
    }

    /// <summary>Replaces a symbol by a rational function.</summary>
    public RationalFunction Substitute(string name, RationalFunction value)
    {
        name = Symbols.Normalize(name);
        return SubstituteInto(Numerator, name, value) / SubstituteInto(Denominator, name, value);
    }

    private static RationalFunction SubstituteInto(Polynomial p, string name, RationalFunction value)
    {
        var result = Zero;
        foreach (var (power, coefficient) in p.CoefficientsIn(name))
            result += FromPolynomial(coefficient) * value.Pow(power);
        return result;
    }

    /// <summary>Expression tree of this canonical form.</summary>
    public Expr ToExpr() => Expr.FromCanonical(this);

    /// <summary>Infix form that the parser reads back to the same canonical form.</summary>
    public string ToInfix() => InfixPrinter.Print(this);

    /// <summary>LaTeX form.</summary>
    public string ToLatex() => LatexPrinter.Print(this);

    /// <inheritdoc/>
    public bool Equals(RationalFunction? other) =>
        other is not null && Numerator.Equals(other.Numerator) && Denominator.Equals(other.Denominator);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RationalFunction);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public static bool operator ==(RationalFunction? a, RationalFunction? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(RationalFunction? a, RationalFunction? b) => !(a == b);

    /// <inheritdoc/>
    public override string ToString() => ToInfix();
}
