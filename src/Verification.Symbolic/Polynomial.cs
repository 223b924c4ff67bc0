using Fractions;

namespace Verification.Symbolic;

/// <summary>One term of a polynomial: a nonzero rational coefficient times a monomial.</summary>
public readonly record struct Term(Fraction Coefficient, Monomial Monomial);

/// <summary>
/// A sparse multivariate polynomial with exact rational coefficients, in canonical form:
/// no zero coefficients, terms sorted by decreasing graded-lexicographic order of their monomials.
/// Equality is structural equality of the canonical form.
/// </summary>
public sealed class Polynomial : IEquatable<Polynomial>
{
    private static readonly IComparer<Monomial> Descending = Comparer<Monomial>.Create((a, b) => b.CompareTo(a));
    private readonly Term[] _terms;
    private int _hash;

    private Polynomial(Term[] sortedTerms) => _terms = sortedTerms;

    /// <summary>The zero polynomial.</summary>
    public static Polynomial Zero { get; } = new([]);

    /// <summary>The constant 1.</summary>
    public static Polynomial One { get; } = Constant(Fraction.One);

    /// <summary>A constant polynomial.</summary>
    public static Polynomial Constant(Fraction value) => value.IsZero ? Zero : new([new Term(value, Monomial.One)]);

    /// <summary>A constant polynomial.</summary>
    public static Polynomial Constant(long value) => Constant(new Fraction(value));

    /// <summary>The polynomial consisting of one variable.</summary>
    public static Polynomial Variable(string name) => new([new Term(Fraction.One, Monomial.Of(name))]);

    /// <summary>coefficient · monomial.</summary>
    public static Polynomial FromTerm(Fraction coefficient, Monomial monomial) =>
        coefficient.IsZero ? Zero : new([new Term(coefficient, monomial)]);

    /// <summary>A polynomial from terms in any order; like monomials are combined.</summary>
    public static Polynomial FromTerms(IEnumerable<Term> terms)
    {
        var map = new Dictionary<Monomial, Fraction>();
        foreach (var t in terms) Accumulate(map, t.Monomial, t.Coefficient);
        return FromMap(map);
    }

    internal static void Accumulate(Dictionary<Monomial, Fraction> map, Monomial m, Fraction c)
    {
        if (c.IsZero) return;
        map[m] = map.TryGetValue(m, out var existing) ? existing + c : c;
    }

    internal static Polynomial FromMap(Dictionary<Monomial, Fraction> map)
    {
        var terms = new List<Term>(map.Count);
        foreach (var (m, c) in map)
            if (!c.IsZero) terms.Add(new Term(c, m));
        return FromUnsortedDistinct(terms.ToArray());
    }

    private static Polynomial FromUnsortedDistinct(Term[] terms)
    {
        if (terms.Length == 0) return Zero;
        var keys = terms.Select(t => t.Monomial).ToArray();
        Array.Sort(keys, terms, Descending);
        return new(terms);
    }

    /// <summary>The terms, leading (greatest) monomial first.</summary>
    public IReadOnlyList<Term> Terms => _terms;

    /// <summary>Number of terms.</summary>
    public int TermCount => _terms.Length;

    /// <summary>True for the zero polynomial.</summary>
    public bool IsZero => _terms.Length == 0;

    /// <summary>True when the polynomial has no variables (including zero).</summary>
    public bool IsConstant => _terms.Length == 0 || (_terms.Length == 1 && _terms[0].Monomial.IsOne);

    /// <summary>True when the polynomial is a single term.</summary>
    public bool IsMonomial => _terms.Length == 1;

    /// <summary>The value of a constant polynomial.</summary>
    public Fraction ConstantValue => IsConstant
        ? (_terms.Length == 0 ? Fraction.Zero : _terms[0].Coefficient)
        : throw new InvalidOperationException("The polynomial is not constant.");

    /// <summary>The coefficient of the constant term.</summary>
    public Fraction ConstantTerm => _terms.Length > 0 && _terms[^1].Monomial.IsOne ? _terms[^1].Coefficient : Fraction.Zero;

    /// <summary>The leading term (greatest monomial); requires a nonzero polynomial.</summary>
    public Term LeadingTerm => _terms.Length > 0 ? _terms[0] : throw new InvalidOperationException("Zero has no leading term.");

    /// <summary>Total degree (−1 for zero).</summary>
    public int Degree => _terms.Length == 0 ? -1 : _terms.Max(t => t.Monomial.Degree);

    /// <summary>The variables that occur, sorted by name.</summary>
    public IReadOnlyList<string> Variables =>
        _terms.SelectMany(t => t.Monomial.Variables).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Degree in one variable (−1 for zero).</summary>
    public int DegreeIn(string name) => _terms.Length == 0 ? -1 : _terms.Max(t => t.Monomial.ExponentOf(name));

    /// <summary>Coefficient of a monomial (0 when absent).</summary>
    public Fraction CoefficientOf(Monomial monomial)
    {
        foreach (var t in _terms)
            if (t.Monomial.Equals(monomial)) return t.Coefficient;
        return Fraction.Zero;
    }

    public static Polynomial operator +(Polynomial a, Polynomial b)
    {
        if (a.IsZero) return b;
        if (b.IsZero) return a;
        WorkBudget.ChargeSum(a._terms.Length, b._terms.Length);
        // Merge of two sorted term lists.
        var result = new List<Term>(a._terms.Length + b._terms.Length);
        int i = 0, j = 0;
        while (i < a._terms.Length || j < b._terms.Length)
        {
            int c = i == a._terms.Length ? -1 : j == b._terms.Length ? 1 : a._terms[i].Monomial.CompareTo(b._terms[j].Monomial);
            if (c > 0) result.Add(a._terms[i++]);
            else if (c < 0) result.Add(b._terms[j++]);
            else
            {
                var s = a._terms[i].Coefficient + b._terms[j].Coefficient;
                if (!s.IsZero) result.Add(new Term(s, a._terms[i].Monomial));
                i++; j++;
            }
        }
        return result.Count == 0 ? Zero : new(result.ToArray());
    }

    public static Polynomial operator -(Polynomial a) =>
        a.IsZero ? a : new(a._terms.Select(t => new Term(-t.Coefficient, t.Monomial)).ToArray());

    public static Polynomial operator -(Polynomial a, Polynomial b) => a + -b;

    public static Polynomial operator *(Polynomial a, Polynomial b) => Multiply(a, b, null);

    public static Polynomial operator *(Fraction c, Polynomial a) => a.Scale(c);

    public static Polynomial operator *(Polynomial a, Fraction c) => a.Scale(c);

    public static implicit operator Polynomial(long value) => Constant(value);

    public static implicit operator Polynomial(Fraction value) => Constant(value);

    /// <summary>The bits of the largest numerator or denominator among the coefficients.</summary>
    private long MaxCoefficientBits()
    {
        long bits = 0;
        foreach (var t in _terms)
            bits = Math.Max(bits, Math.Max(WorkBudget.Bits(t.Coefficient.Numerator), WorkBudget.Bits(t.Coefficient.Denominator)));
        return bits;
    }

    /// <summary>Multiplies every coefficient by c.</summary>
    public Polynomial Scale(Fraction c)
    {
        if (c.IsZero) return Zero;
        if (c.Equals(Fraction.One)) return this;
        return new(_terms.Select(t => new Term(t.Coefficient * c, t.Monomial)).ToArray());
    }

    /// <summary>Product; variables in <paramref name="idempotent"/> satisfy x² = x.</summary>
    internal static Polynomial Multiply(Polynomial a, Polynomial b, IReadOnlySet<string>? idempotent)
    {
        if (a.IsZero || b.IsZero) return Zero;
        WorkBudget.ChargeProduct(a._terms.Length, b._terms.Length, a.MaxCoefficientBits(), b.MaxCoefficientBits());
        if (idempotent is null)
        {
            if (a.IsConstant) return b.Scale(a._terms[0].Coefficient);
            if (b.IsConstant) return a.Scale(b._terms[0].Coefficient);
        }
        var map = new Dictionary<Monomial, Fraction>(a._terms.Length * b._terms.Length);
        foreach (var s in a._terms)
            foreach (var t in b._terms)
                Accumulate(map, s.Monomial.Multiply(t.Monomial, idempotent), s.Coefficient * t.Coefficient);
        return FromMap(map);
    }

    /// <summary>Integer power (exponent ≥ 0) by repeated squaring.</summary>
    public Polynomial Pow(int exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        Polynomial result = One, square = this;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1) result *= square;
            exponent >>= 1;
            if (exponent > 0) square *= square;
        }
        return result;
    }

    /// <summary>Partial derivative with respect to a variable.</summary>
    public Polynomial Derivative(string name)
    {
        name = Symbols.Normalize(name);
        var map = new Dictionary<Monomial, Fraction>();
        foreach (var t in _terms)
        {
            var e = t.Monomial.ExponentOf(name);
            if (e == 0) continue;
            var reduced = t.Monomial.Without(name).Multiply(Monomial.Of(name, e - 1));
            Accumulate(map, reduced, t.Coefficient * e);
        }
        return FromMap(map);
    }

    /// <summary>Value at a point; every variable must be assigned.</summary>
    public Fraction Evaluate(IReadOnlyDictionary<string, Fraction> point)
    {
        var sum = Fraction.Zero;
        foreach (var t in _terms)
        {
            var product = t.Coefficient;
            var m = t.Monomial;
            for (var i = 0; i < m.Count; i++)
                product *= Fraction.Pow(Lookup(point, m.NameAt(i)), m.ExponentAt(i));
            sum += product;
        }
        return sum;
    }

    internal static Fraction Lookup(IReadOnlyDictionary<string, Fraction> point, string name) =>
        point.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"No value for symbol '{name}'.");

    /// <summary>Replaces a variable by a polynomial.</summary>
    public Polynomial Substitute(string name, Polynomial value)
    {
        name = Symbols.Normalize(name);
        var byPower = CoefficientsIn(name);
        var result = Zero;
        foreach (var (power, coefficient) in byPower)
            result += coefficient * value.Pow(power);
        return result;
    }

    /// <summary>Writes the polynomial as Σ_k c_k(other variables) · name^k.</summary>
    public IReadOnlyDictionary<int, Polynomial> CoefficientsIn(string name)
    {
        var maps = new SortedDictionary<int, Dictionary<Monomial, Fraction>>();
        foreach (var t in _terms)
        {
            var e = t.Monomial.ExponentOf(name);
            if (!maps.TryGetValue(e, out var map)) maps[e] = map = new();
            Accumulate(map, t.Monomial.Without(name), t.Coefficient);
        }
        var result = new SortedDictionary<int, Polynomial>();
        foreach (var (e, map) in maps) result[e] = FromMap(map);
        return result;
    }

    /// <summary>Divides by the leading coefficient (zero stays zero).</summary>
    public Polynomial Monic() => IsZero ? this : Scale(LeadingTerm.Coefficient.Reciprocal());

    /// <summary>Every coefficient transformed; zero results are dropped.</summary>
    internal Polynomial MapTerms(Func<Term, Term> f) => FromTerms(_terms.Select(f));

    /// <summary>The exact quotient a / b, or null when b does not divide a.</summary>
    internal static Polynomial? DivideExact(Polynomial a, Polynomial b)
    {
        if (b.IsZero) throw new DivideByZeroException("Division by the zero polynomial.");
        if (a.IsZero) return Zero;
        if (b.IsConstant) return a.Scale(b._terms[0].Coefficient.Reciprocal());
        var lead = b._terms[0];
        var quotient = new Dictionary<Monomial, Fraction>();
        var remainder = a;
        while (!remainder.IsZero)
        {
            var r = remainder._terms[0];
            if (!lead.Monomial.Divides(r.Monomial)) return null;
            var qm = lead.Monomial.DivideInto(r.Monomial);
            var qc = r.Coefficient / lead.Coefficient;
            Accumulate(quotient, qm, qc);
            remainder -= b * FromTerm(qc, qm);
        }
        return FromMap(quotient);
    }

    /// <inheritdoc/>
    public bool Equals(Polynomial? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._terms.Length != _terms.Length || other.GetHashCode() != GetHashCode()) return false;
        for (var i = 0; i < _terms.Length; i++)
            if (!_terms[i].Monomial.Equals(other._terms[i].Monomial) || !_terms[i].Coefficient.Equals(other._terms[i].Coefficient))
                return false;
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Polynomial);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = new HashCode();
            foreach (var t in _terms)
            {
                hash.Add(t.Monomial);
                hash.Add(t.Coefficient);
            }
            _hash = hash.ToHashCode() | 1;
        }
        return _hash;
    }

    public static bool operator ==(Polynomial? a, Polynomial? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Polynomial? a, Polynomial? b) => !(a == b);

    /// <summary>Infix form that <see cref="Parser"/> reads back.</summary>
    public string ToInfix() => InfixPrinter.Print(this);

    /// <summary>LaTeX form.</summary>
    public string ToLatex() => LatexPrinter.Print(this);

    /// <summary>Infix form that <see cref="Parser"/> reads back.</summary>
    public override string ToString() => InfixPrinter.Print(this);
}
