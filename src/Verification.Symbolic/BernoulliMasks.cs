using Fractions;

namespace Verification.Symbolic;

/// <summary>
/// Declared Bernoulli mask variables: each z is idempotent (z² = z) and independent of the others,
/// with E z = its retain probability (a polynomial, typically the symbol theta). The expectation
/// operator E is linear and maps every product of distinct masks to the product of their retains.
/// </summary>
public sealed class BernoulliMasks
{
    private readonly Dictionary<string, Polynomial> _retain;
    private readonly HashSet<string> _names;

    private BernoulliMasks(Dictionary<string, Polynomial> retain)
    {
        _retain = retain;
        _names = new HashSet<string>(retain.Keys, StringComparer.Ordinal);
    }

    /// <summary>No masks.</summary>
    public static BernoulliMasks None { get; } = new(new Dictionary<string, Polynomial>(StringComparer.Ordinal));

    /// <summary>Masks <paramref name="names"/>, each kept with probability <paramref name="retain"/>.</summary>
    public static BernoulliMasks Create(Polynomial retain, IEnumerable<string> names) => None.With(retain, names);

    /// <summary>Masks <paramref name="names"/>, each kept with probability theta.</summary>
    public static BernoulliMasks WithTheta(IEnumerable<string> names) => Create(Polynomial.Variable(Symbols.Theta), names);

    /// <summary>These masks plus <paramref name="names"/> with retain probability <paramref name="retain"/>.</summary>
    public BernoulliMasks With(Polynomial retain, IEnumerable<string> names)
    {
        var map = new Dictionary<string, Polynomial>(_retain, StringComparer.Ordinal);
        foreach (var raw in names)
        {
            var name = Symbols.Normalize(raw);
            if (retain.Variables.Contains(name))
                throw new ArgumentException($"The retain probability of mask '{name}' must not contain the mask.");
            map[name] = retain;
        }
        return new(map);
    }

    /// <summary>The declared mask names, sorted.</summary>
    public IReadOnlyList<string> Names => _names.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The retain probability of a mask.</summary>
    public Polynomial RetainOf(string name) => _retain[Symbols.Normalize(name)];

    /// <summary>True when <paramref name="name"/> is a declared mask.</summary>
    public bool IsMask(string name) => _names.Contains(Symbols.Normalize(name));

    /// <summary>Applies z² = z to a polynomial.</summary>
    public Polynomial Reduce(Polynomial p) =>
        _names.Count == 0 ? p : Polynomial.FromTerms(p.Terms.Select(t => t with { Monomial = t.Monomial.CapExponents(_names) }));

    /// <summary>Applies z² = z to a rational function (masks in a denominator are reduced too).</summary>
    public RationalFunction Reduce(RationalFunction f) =>
        _names.Count == 0 ? f : RationalFunction.Create(Reduce(f.Numerator), Reduce(f.Denominator));

    /// <summary>Product with z² = z applied on the fly (keeps intermediate expansions small).</summary>
    public Polynomial Multiply(Polynomial a, Polynomial b) => Polynomial.Multiply(a, b, _names);

    /// <summary>E over the masks of a polynomial.</summary>
    public Polynomial Expectation(Polynomial p)
    {
        if (_names.Count == 0) return p;
        // Group the terms by the set of masks they contain; each group is multiplied by the
        // product of the retains of that set (independence, and z^k = z for k ≥ 1).
        var groups = new Dictionary<Monomial, Dictionary<Monomial, Fraction>>();
        foreach (var t in p.Terms)
        {
            var masks = new List<KeyValuePair<string, int>>();
            var rest = t.Monomial;
            foreach (var name in t.Monomial.Variables)
            {
                if (!_names.Contains(name)) continue;
                masks.Add(new(name, 1));
                rest = rest.Without(name);
            }
            var key = masks.Count == 0 ? Monomial.One : Monomial.Of(masks);
            if (!groups.TryGetValue(key, out var map)) groups[key] = map = new();
            Polynomial.Accumulate(map, rest, t.Coefficient);
        }
        var result = Polynomial.Zero;
        foreach (var (maskSet, map) in groups)
        {
            var factor = Polynomial.One;
            foreach (var name in maskSet.Variables) factor *= _retain[name];
            result += factor * Polynomial.FromMap(map);
        }
        return result;
    }

    /// <summary>E over the masks; the denominator must be free of masks.</summary>
    public RationalFunction Expectation(RationalFunction f)
    {
        if (f.Denominator.Variables.Any(_names.Contains))
            throw new ArgumentException("The expectation needs a denominator free of mask variables.", nameof(f));
        return RationalFunction.Create(Expectation(f.Numerator), f.Denominator);
    }

    /// <summary>E over the masks of an expression.</summary>
    public RationalFunction Expectation(Expr e) => Expectation(e.Canonical());
}
