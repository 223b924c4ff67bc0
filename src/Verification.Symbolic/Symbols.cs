namespace Verification.Symbolic;

/// <summary>Symbol names: one spelling per symbol, so that θ and theta are the same variable.</summary>
public static class Symbols
{
    /// <summary>The retain probability θ, spelled <c>theta</c>.</summary>
    public const string Theta = "theta";

    /// <summary>The canonical spelling of a symbol name (θ is written theta).</summary>
    public static string Normalize(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var normalized = name.Replace("θ", Theta, StringComparison.Ordinal);
        if (!IsValid(normalized))
            throw new ArgumentException($"'{name}' is not a symbol name (a letter, then letters, digits or '_').", nameof(name));
        return normalized;
    }

    /// <summary>A name starts with a letter and continues with letters, digits or underscores.</summary>
    public static bool IsValid(string name) =>
        name.Length > 0 && char.IsLetter(name[0]) && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
