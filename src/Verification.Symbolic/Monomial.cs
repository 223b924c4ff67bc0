namespace Verification.Symbolic;

/// <summary>
/// A power product x1^e1 ⋯ xk^ek with positive exponents, variables sorted by ordinal name.
/// Ordered graded-lexicographically: higher total degree first, then lexicographically with
/// variables ordered by name (a &gt; b: the monomial with more of the smaller name is greater).
/// </summary>
public sealed class Monomial : IEquatable<Monomial>, IComparable<Monomial>
{
    private readonly string[] _names;
    private readonly int[] _exponents;
    private readonly int _hash;

    /// <summary>The monomial 1.</summary>
    public static Monomial One { get; } = new([], []);

    private Monomial(string[] names, int[] exponents)
    {
        _names = names;
        _exponents = exponents;
        Degree = exponents.Sum();
        var hash = new HashCode();
        for (var i = 0; i < names.Length; i++)
        {
            hash.Add(names[i]);
            hash.Add(exponents[i]);
        }
        _hash = hash.ToHashCode();
    }

    /// <summary>The monomial name^exponent (exponent ≥ 0).</summary>
    public static Monomial Of(string name, int exponent = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        return exponent == 0 ? One : new([Symbols.Normalize(name)], [exponent]);
    }

    /// <summary>A monomial from (name, exponent) factors; repeated names multiply, zero exponents vanish.</summary>
    public static Monomial Of(IEnumerable<KeyValuePair<string, int>> factors)
    {
        var map = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, exponent) in factors)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(exponent);
            var key = Symbols.Normalize(name);
            map[key] = map.GetValueOrDefault(key) + exponent;
        }
        var kept = map.Where(kv => kv.Value > 0).ToArray();
        return kept.Length == 0 ? One : new(kept.Select(kv => kv.Key).ToArray(), kept.Select(kv => kv.Value).ToArray());
    }

    /// <summary>Total degree.</summary>
    public int Degree { get; }

    /// <summary>True for the monomial 1.</summary>
    public bool IsOne => _names.Length == 0;

    /// <summary>The variables with their exponents, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Factors =>
        _names.Select((n, i) => new KeyValuePair<string, int>(n, _exponents[i])).ToArray();

    /// <summary>The variables, sorted by name.</summary>
    public IReadOnlyList<string> Variables => _names;

    /// <summary>The exponent of a variable (0 when absent).</summary>
    public int ExponentOf(string name)
    {
        var i = Array.BinarySearch(_names, name, StringComparer.Ordinal);
        return i >= 0 ? _exponents[i] : 0;
    }

    internal int Count => _names.Length;
    internal string NameAt(int i) => _names[i];
    internal int ExponentAt(int i) => _exponents[i];

    /// <summary>Product of two monomials.</summary>
    public Monomial Multiply(Monomial other) => Combine(other, +1, null);

    /// <summary>Product where the variables in <paramref name="idempotent"/> keep exponent at most 1.</summary>
    internal Monomial Multiply(Monomial other, IReadOnlySet<string>? idempotent) => Combine(other, +1, idempotent);

    /// <summary>True when this monomial divides <paramref name="other"/>.</summary>
    public bool Divides(Monomial other)
    {
        for (var i = 0; i < _names.Length; i++)
            if (other.ExponentOf(_names[i]) < _exponents[i]) return false;
        return true;
    }

    /// <summary>The quotient other / this; requires <see cref="Divides"/>.</summary>
    internal Monomial DivideInto(Monomial other) => other.Combine(this, -1, null);

    /// <summary>Greatest common divisor of two monomials.</summary>
    public Monomial Gcd(Monomial other)
    {
        var names = new List<string>();
        var exps = new List<int>();
        for (var i = 0; i < _names.Length; i++)
        {
            var e = Math.Min(_exponents[i], other.ExponentOf(_names[i]));
            if (e > 0) { names.Add(_names[i]); exps.Add(e); }
        }
        return names.Count == 0 ? One : new(names.ToArray(), exps.ToArray());
    }

    /// <summary>This monomial with <paramref name="name"/> removed (its exponent set to 0).</summary>
    internal Monomial Without(string name)
    {
        var i = Array.BinarySearch(_names, name, StringComparer.Ordinal);
        if (i < 0) return this;
        if (_names.Length == 1) return One;
        var names = new string[_names.Length - 1];
        var exps = new int[_names.Length - 1];
        for (int j = 0, k = 0; j < _names.Length; j++)
        {
            if (j == i) continue;
            names[k] = _names[j];
            exps[k++] = _exponents[j];
        }
        return new(names, exps);
    }

    /// <summary>This monomial with every exponent of a variable in <paramref name="set"/> capped at 1.</summary>
    internal Monomial CapExponents(IReadOnlySet<string> set)
    {
        var changed = false;
        for (var i = 0; i < _names.Length; i++)
            if (_exponents[i] > 1 && set.Contains(_names[i])) { changed = true; break; }
        if (!changed) return this;
        var exps = new int[_exponents.Length];
        for (var i = 0; i < _names.Length; i++)
            exps[i] = _exponents[i] > 1 && set.Contains(_names[i]) ? 1 : _exponents[i];
        return new((string[])_names.Clone(), exps);
    }

    private Monomial Combine(Monomial other, int sign, IReadOnlySet<string>? idempotent)
    {
        if (other.IsOne) return this;
        if (IsOne && sign > 0) return idempotent is null ? other : other.CapExponents(idempotent);
        var names = new string[_names.Length + other._names.Length];
        var exps = new int[names.Length];
        int i = 0, j = 0, k = 0;
        while (i < _names.Length || j < other._names.Length)
        {
            int c = i == _names.Length ? 1 : j == other._names.Length ? -1 : string.CompareOrdinal(_names[i], other._names[j]);
            string name;
            int e;
            if (c < 0) { name = _names[i]; e = _exponents[i++]; }
            else if (c > 0) { name = other._names[j]; e = sign * other._exponents[j++]; }
            else { name = _names[i]; e = _exponents[i++] + sign * other._exponents[j++]; }
            if (e < 0) throw new InvalidOperationException("Monomial division is not exact.");
            if (e == 0) continue;
            if (idempotent is not null && e > 1 && idempotent.Contains(name)) e = 1;
            names[k] = name;
            exps[k++] = e;
        }
        if (k == 0) return One;
        Array.Resize(ref names, k);
        Array.Resize(ref exps, k);
        return new(names, exps);
    }

    /// <summary>Graded-lexicographic comparison (see the type's summary).</summary>
    public int CompareTo(Monomial? other)
    {
        if (other is null) return 1;
        if (ReferenceEquals(this, other)) return 0;
        if (Degree != other.Degree) return Degree.CompareTo(other.Degree);
        int i = 0;
        while (i < _names.Length && i < other._names.Length)
        {
            var c = string.CompareOrdinal(_names[i], other._names[i]);
            if (c != 0) return c < 0 ? 1 : -1;
            if (_exponents[i] != other._exponents[i]) return _exponents[i].CompareTo(other._exponents[i]);
            i++;
        }
        return (_names.Length - i).CompareTo(other._names.Length - i);
    }

    /// <inheritdoc/>
    public bool Equals(Monomial? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash || other._names.Length != _names.Length) return false;
        for (var i = 0; i < _names.Length; i++)
            if (_exponents[i] != other._exponents[i] || !string.Equals(_names[i], other._names[i], StringComparison.Ordinal)) return false;
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Monomial);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <summary>Infix form, e.g. <c>a^2*b</c>; <c>1</c> for the empty product.</summary>
    public override string ToString() =>
        IsOne ? "1" : string.Join("*", _names.Select((n, i) => _exponents[i] == 1 ? n : $"{n}^{_exponents[i]}"));
}
