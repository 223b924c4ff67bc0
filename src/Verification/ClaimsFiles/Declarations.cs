using System.Globalization;
using System.Text.RegularExpressions;
using Fractions;
using Verification.ClaimsFiles.Syntax;
using Verification.Input;
using Verification.Numerics;
using Verification.Symbolic;

namespace Verification.ClaimsFiles;

public enum SymbolKind { Matrix, Vector, Scalar, Bernoulli, Gaussian }

/// <summary>A shape with symbolic dimensions: each a polynomial in the dimension names (m, n, r·b, …).</summary>
public sealed record Shape(Polynomial Rows, Polynomial Columns)
{
    public static Shape Scalar { get; } = new(Polynomial.One, Polynomial.One);

    public bool IsScalar => Rows == Polynomial.One && Columns == Polynomial.One;
    public bool IsSquare => Rows == Columns;
    public bool IsColumn => Columns == Polynomial.One;
    public bool IsRow => Rows == Polynomial.One;

    public (int Rows, int Columns) At(IReadOnlyDictionary<string, int> dims) => (Dimension(Rows, dims), Dimension(Columns, dims));

    public static int Dimension(Polynomial p, IReadOnlyDictionary<string, int> dims)
    {
        var point = p.Variables.ToDictionary(v => v, v => new Fraction(dims[v]), StringComparer.Ordinal);
        return (int)p.Evaluate(point).ToBigInteger();
    }

    public override string ToString() => IsScalar ? "a scalar" : $"{Text(Rows)}×{Text(Columns)}";

    private static string Text(Polynomial p) =>
        p.IsConstant || (p.IsMonomial && p.Degree == 1 && p.LeadingTerm.Coefficient == Fraction.One) ? p.ToInfix() : $"({p.ToInfix()})";
}

/// <summary>An interval of the reals, ends open or closed, possibly infinite: the declared range of a scalar.</summary>
public sealed record Interval(Fraction? Low, bool LowClosed, Fraction? High, bool HighClosed)
{
    public static Interval Real { get; } = new(null, false, null, false);

    public bool Contains(Fraction x) =>
        (Low is not { } lo || (LowClosed ? x >= lo : x > lo)) && (High is not { } hi || (HighClosed ? x <= hi : x < hi));

    public bool Contains(double x) => double.IsFinite(x) && Contains(Exact.FromDouble(x));

    public bool Within(Fraction lo, Fraction hi) => Low is { } l && High is { } h && l >= lo && h <= hi;

    public override string ToString() =>
        $"{(LowClosed ? "[" : "(")}{(Low is { } l ? Exact.Format(l) : "-inf")}, {(High is { } h ? Exact.Format(h) : "inf")}{(HighClosed ? "]" : ")")}";

    private static readonly Regex Pattern = new(@"^\s*([\(\[])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\)\]])\s*$", RegexOptions.CultureInvariant);

    /// <summary>Parses "(0, 1]", "[0, inf)", "(-∞, 2]", "[-1/2, 1/2]"; null when the text is not an interval.</summary>
    public static Interval? TryParse(string text, out string? error)
    {
        error = null;
        var m = Pattern.Match(text);
        if (!m.Success) return null;
        string? problem = null;
        Fraction? End(string s, bool low)
        {
            var t = s.Replace("∞", "inf", StringComparison.Ordinal).Trim();
            if (t is "inf" or "+inf" or "-inf")
            {
                if ((t == "-inf") != low) problem = $"'{s}' cannot be the {(low ? "lower" : "upper")} end";
                return null;
            }
            try { return Exact.Parse(t); }
            catch (FormatException) { problem = $"'{s}' is not a number (write 0, 1/2, 0.25 or inf)"; return null; }
        }
        var lo = End(m.Groups[2].Value, true);
        var hi = End(m.Groups[3].Value, false);
        error = problem;
        if (error is not null) return null;
        var lowClosed = m.Groups[1].Value == "[";
        var highClosed = m.Groups[4].Value == "]";
        if ((lo is null && lowClosed) || (hi is null && highClosed)) { error = "an infinite end must be open"; return null; }
        var interval = new Interval(lo, lowClosed, hi, highClosed);
        if (lo is { } a && hi is { } b && (a > b || (a == b && !(lowClosed && highClosed)))) { error = $"the interval {text.Trim()} is empty"; return null; }
        return interval;
    }
}

/// <summary>A declared symbol: its kind, its shape, the range of a scalar, and the retain probability of a Bernoulli mask.</summary>
public sealed record SymbolDeclaration(string Name, SymbolKind Kind, Shape Shape, Interval Range, Node? Retain, SourceText Source)
{
    public bool IsRandom => Kind is SymbolKind.Bernoulli or SymbolKind.Gaussian;

    public string Describe() => Kind switch
    {
        SymbolKind.Scalar => Range == Interval.Real ? "scalar" : $"scalar in {Range}",
        SymbolKind.Vector => $"vector of length {Shape.Rows.ToInfix()}",
        SymbolKind.Matrix => $"{Shape} matrix",
        SymbolKind.Bernoulli => $"Bernoulli mask {(Shape.IsColumn ? "vector of length " + Shape.Rows.ToInfix() : Shape.ToString())}, retain probability {Retain!.Text}",
        _ => $"standard Gaussian {(Shape.IsColumn ? "vector of length " + Shape.Rows.ToInfix() : Shape.ToString())}",
    };
}

/// <summary>A dimension and the range of sizes random instances take (both ends are reached by a run).</summary>
public sealed record DimensionRange(string Name, int Min, int Max)
{
    /// <summary>The largest size a claims file may ask for: instances are built and checked entry by entry.</summary>
    public const int Limit = 64;

    public override string ToString() => Min == Max ? $"{Name} = {Min}" : $"{Name} ∈ {Min}..{Max}";

    private static readonly Regex Pattern = new(@"^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$", RegexOptions.CultureInvariant);

    public static DimensionRange? TryParse(string name, string text)
    {
        var m = Pattern.Match(text);
        if (!m.Success || m.Groups[1].Length > 6 || m.Groups[2].Length > 6) return null;
        var lo = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var hi = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : lo;
        return new DimensionRange(name, lo, hi);
    }
}

/// <summary>Reads the declaration of a symbol: "matrix m x n", "vector n", "scalar (0, 1]", "bernoulli r theta", "gaussian n".</summary>
public static class DeclarationParser
{
    public static SymbolDeclaration Parse(string name, SourceText source)
    {
        var text = source.Text;
        var tokens = Lexer.Tokenize(source);
        var head = tokens[0];
        if (head.Kind != TokenKind.Name)
            throw Lexer.Error(source, head.Start, $"expected a kind (matrix, vector, scalar, bernoulli, gaussian) for '{name}'");
        var kind = head.Text.ToLowerInvariant() switch
        {
            "matrix" => SymbolKind.Matrix,
            "vector" => SymbolKind.Vector,
            "scalar" or "real" => SymbolKind.Scalar,
            "bernoulli" or "mask" => SymbolKind.Bernoulli,
            "gaussian" or "normal" => SymbolKind.Gaussian,
            _ => throw Lexer.Error(source, head.Start, $"unknown kind '{head.Text}' for '{name}' (use matrix, vector, scalar, bernoulli or gaussian)"),
        };
        var position = 1;
        if (kind == SymbolKind.Scalar)
        {
            var rest = text[head.End..].Trim();
            if (rest.StartsWith("in ", StringComparison.Ordinal) || rest.StartsWith("∈", StringComparison.Ordinal)) rest = rest[(rest[0] == '∈' ? 1 : 3)..].Trim();
            if (rest.Length == 0) return new SymbolDeclaration(name, kind, Shape.Scalar, Interval.Real, null, source);
            var interval = Interval.TryParse(rest, out var error);
            if (interval is null)
                throw Lexer.Error(source, text.IndexOf(rest, head.End, StringComparison.Ordinal), error ?? $"expected a range such as (0, 1] or [0, inf) after 'scalar', found '{rest}'");
            return new SymbolDeclaration(name, kind, Shape.Scalar, interval, null, source);
        }
        var rows = Dimension(source, tokens, ref position);
        var columns = Polynomial.One;
        if (tokens[position] is { Kind: TokenKind.Name, Text: "x" or "by" } or { Kind: TokenKind.Symbol, Text: "×" or "*" } && kind != SymbolKind.Vector)
        {
            position++;
            columns = Dimension(source, tokens, ref position);
        }
        else if (kind == SymbolKind.Matrix)
            throw Lexer.Error(source, tokens[position].Start, $"a matrix needs two dimensions, e.g. '{name}: matrix m x n'");
        var shape = new Shape(rows, columns);
        Node? retain = null;
        if (kind == SymbolKind.Bernoulli)
        {
            var at = tokens[position].Start;
            if (tokens[position].Kind == TokenKind.End)
                throw Lexer.Error(source, at, $"a Bernoulli mask needs its retain probability, e.g. '{name}: bernoulli r theta' or '{name}: bernoulli r 1/2'");
            var sub = new SourceText(source.File, text[at..], offset => source.Locate(at + offset));
            retain = ExpressionParser.Parse(sub);
        }
        else if (tokens[position].Kind != TokenKind.End)
            throw Lexer.Error(source, tokens[position].Start, $"unexpected '{tokens[position].Text}' in the declaration of '{name}'");
        return new SymbolDeclaration(name, kind, shape, Interval.Real, retain, source);
    }

    /// <summary>dim := term (('+' | '-') term)*; term := atom ('*' atom)*; atom := integer | name | '(' dim ')'.</summary>
    private static Polynomial Dimension(SourceText source, IReadOnlyList<Token> tokens, ref int position)
    {
        var p = Term(source, tokens, ref position);
        while (tokens[position] is { Kind: TokenKind.Symbol, Text: "+" or "-" or "−" } op)
        {
            position++;
            var q = Term(source, tokens, ref position);
            p = op.Text == "+" ? p + q : p - q;
        }
        return p;
    }

    private static Polynomial Term(SourceText source, IReadOnlyList<Token> tokens, ref int position)
    {
        var p = Atom(source, tokens, ref position);
        // '*' between two dimensions of a product; 'x' is the separator of rows and columns.
        while (tokens[position] is { Kind: TokenKind.Symbol, Text: "*" or "·" } && tokens[position + 1].Kind != TokenKind.End
               && !(tokens[position + 1] is { Kind: TokenKind.Name, Text: "x" or "by" }))
        {
            position++;
            p *= Atom(source, tokens, ref position);
        }
        return p;
    }

    private static Polynomial Atom(SourceText source, IReadOnlyList<Token> tokens, ref int position)
    {
        var t = tokens[position];
        switch (t.Kind)
        {
            case TokenKind.Number when t.Value.Denominator.IsOne && t.Value > Fraction.Zero:
                position++;
                return Polynomial.Constant(t.Value);
            case TokenKind.Name when t.Text is not ("x" or "by"):
                position++;
                return Polynomial.Variable(t.Text);
            case TokenKind.Symbol when t.Text == "(":
            {
                position++;
                var p = Dimension(source, tokens, ref position);
                if (tokens[position] is not { Kind: TokenKind.Symbol, Text: ")" }) throw Lexer.Error(source, tokens[position].Start, "expected ')' in the dimension");
                position++;
                return p;
            }
            default:
                throw Lexer.Error(source, t.Start, $"expected a dimension (a name such as m, a positive integer, or a product such as r*b) but found {(t.Kind == TokenKind.End ? "end of text" : $"'{t.Text}'")}");
        }
    }
}
