using System.Globalization;
using System.Numerics;
using Fractions;
using Verification.Input;

namespace Verification.ClaimsFiles.Syntax;

public enum TokenKind { Number, Name, Symbol, Subscript, End }

/// <summary>A token: its kind, its text (a name, an operator, a norm subscript), its value for numbers, and its span.</summary>
public sealed record Token(TokenKind Kind, string Text, int Start, int End, Fraction Value = default);

/// <summary>
/// Splits an expression into tokens. ASCII and the notation of papers are both accepted: ' or ᵀ (transpose), ∘ or .*
/// (Hadamard), ⊗ (Kronecker), · (product), − (minus), ² and ³ (powers), ‖ or || (norm bars), θ (theta), ≤ and ≥.
/// </summary>
public static class Lexer
{
    private static readonly string[] Symbols =
        ["||", "..", ".*", "<=", ">=", "==", "+", "-", "−", "*", "·", "/", "^", "'", "ᵀ", "∘", "⊗", "(", ")", "[", "]", ",", ":", "‖", "|", "=", "≤", "≥", "<", ">", "²", "³", "×"];

    public static IReadOnlyList<Token> Tokenize(SourceText source)
    {
        var text = source.Text;
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                // "1..r" is a range, not the number "1."; "0.5" is a decimal.
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                }
                if (i < text.Length && char.IsLetter(text[i]))
                    throw Error(source, i, $"unexpected '{text[i]}' after a number (write '*' for a product)");
                tokens.Add(new Token(TokenKind.Number, text[start..i], start, i, ParseNumber(text[start..i])));
                continue;
            }
            if (char.IsLetter(c) && c != 'ᵀ')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_') && text[i] != 'ᵀ') i++;
                var name = text[start..i];
                // norm_* is one name although * is an operator.
                if (name == "norm_" && i < text.Length && text[i] == '*') { i++; name = "norm_*"; }
                tokens.Add(new Token(TokenKind.Name, name.Replace("θ", "theta", StringComparison.Ordinal), start, i));
                continue;
            }
            if (c == '_')
            {
                // A norm subscript after a closing bar: ‖A‖_F, ‖A‖_*, ‖A‖_2, ‖A‖_nuc.
                i++;
                if (i < text.Length && text[i] == '*') i++;
                else while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
                if (i == start + 1) throw Error(source, start, "'_' must be followed by a norm subscript such as F, *, 2");
                tokens.Add(new Token(TokenKind.Subscript, text[(start + 1)..i], start, i));
                continue;
            }
            var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0);
            if (symbol is null) throw Error(source, i, $"unexpected character '{c}'");
            i += symbol.Length;
            tokens.Add(new Token(TokenKind.Symbol, symbol, start, i));
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length, text.Length));
        return tokens;
    }

    private static Fraction ParseNumber(string text)
    {
        var dot = text.IndexOf('.');
        if (dot < 0) return new Fraction(BigInteger.Parse(text, CultureInfo.InvariantCulture));
        var digits = text.Replace(".", "", StringComparison.Ordinal);
        return new Fraction(BigInteger.Parse(digits, CultureInfo.InvariantCulture), BigInteger.Pow(10, text.Length - dot - 1));
    }

    public static InputException Error(SourceText source, int offset, string message) => new($"{source.Where(offset)}: {message}");
}
