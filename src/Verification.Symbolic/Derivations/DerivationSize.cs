namespace Verification.Symbolic.Derivations;

/// <summary>
/// The fixed dimensions of a derivation, by name (m, n, r, b, N, …), kept in insertion order.
/// The flag dimension <c>identityX</c> = 1 means the data matrix X is the identity.
/// </summary>
public sealed class DerivationSize : IEquatable<DerivationSize>
{
    private readonly KeyValuePair<string, int>[] _dimensions;

    private DerivationSize(KeyValuePair<string, int>[] dimensions) => _dimensions = dimensions;

    /// <summary>No dimensions.</summary>
    public static DerivationSize Empty { get; } = new([]);

    /// <summary>Dimensions from (name, value) pairs.</summary>
    public static DerivationSize Of(params (string Name, int Value)[] dimensions) =>
        dimensions.Aggregate(Empty, (s, d) => s.With(d.Name, d.Value));

    /// <summary>Dimensions from key/value pairs.</summary>
    public static DerivationSize Of(IEnumerable<KeyValuePair<string, int>> dimensions) =>
        dimensions.Aggregate(Empty, (s, d) => s.With(d.Key, d.Value));

    /// <summary>This size with one dimension set (replaced if present).</summary>
    public DerivationSize With(string name, int value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var list = _dimensions.ToList();
        var i = list.FindIndex(d => d.Key == name);
        if (i >= 0) list[i] = new(name, value);
        else list.Add(new(name, value));
        return new(list.ToArray());
    }

    /// <summary>The dimensions in order.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Dimensions => _dimensions;

    /// <summary>True when the dimension is present.</summary>
    public bool Has(string name) => _dimensions.Any(d => d.Key == name);

    /// <summary>A dimension; throws when absent.</summary>
    public int this[string name] =>
        _dimensions.FirstOrDefault(d => d.Key == name) is { Key: not null } d
            ? d.Value
            : throw new KeyNotFoundException($"The size {this} has no dimension '{name}'.");

    /// <summary>A dimension, or <paramref name="fallback"/> when absent.</summary>
    public int Get(string name, int fallback) =>
        _dimensions.FirstOrDefault(d => d.Key == name) is { Key: not null } d ? d.Value : fallback;

    /// <summary>e.g. <c>m=2, n=3, r=3</c>.</summary>
    public override string ToString() => string.Join(", ", _dimensions.Select(d => $"{d.Key}={d.Value}"));

    /// <summary>Same dimensions regardless of order.</summary>
    public bool Equals(DerivationSize? other) =>
        other is not null && other._dimensions.Length == _dimensions.Length
        && _dimensions.All(d => other.Get(d.Key, -1) == d.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DerivationSize);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        _dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Aggregate(0, (h, d) => HashCode.Combine(h, d.Key, d.Value));
}
