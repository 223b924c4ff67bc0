using Verification.Input;

namespace Verification.ClaimsFiles.Syntax;

/// <summary>
/// The expression language of claims files, as a reader of papers writes it:
/// <code>
/// expr    := term (('+' | '-') term)*
/// term    := unary (('*' | '·' | '/' | '.*' | '∘' | '⊗') unary)*
/// unary   := '-' unary | power
/// power   := postfix ('^' exponent | '²' | '³')?          exponent: an integer, (-1), or T (transpose)
/// postfix := primary ("'" | 'ᵀ' | '[' index (',' index)? ']')*      index: ':' | expr | expr '..' expr
/// primary := number | name | name '(' expr (',' expr)* ')' | '(' expr ')'
///          | '‖' expr '‖' subscript? | '||' expr '||' subscript? | '|' expr '|'
///          | 'sum' '(' name ',' expr ',' expr ',' expr ')' | 'sum' '(' name '=' expr '..' expr ',' expr ')'
///          | 'E' '[' name (',' name)* ']' '(' expr ')' | 'E_' name '(' expr ')'
/// </code>
/// Nesting is bounded (<see cref="MaxDepth"/>), so a hostile file cannot exhaust the stack.
/// </summary>
public sealed class ExpressionParser
{
    /// <summary>The deepest nesting of parentheses, signs, calls and bars accepted (as the symbolic parser's).</summary>
    public const int MaxDepth = 256;

    private static readonly Dictionary<string, NormKind> Norms = new(StringComparer.Ordinal)
    {
        ["norm"] = NormKind.Frobenius, ["norm_F"] = NormKind.Frobenius, ["norm_fro"] = NormKind.Frobenius,
        ["norm_2"] = NormKind.Spectral, ["norm_spec"] = NormKind.Spectral,
        ["norm_*"] = NormKind.Nuclear, ["norm_nuc"] = NormKind.Nuclear,
    };

    private readonly SourceText source;
    private readonly IReadOnlyList<Token> tokens;
    private int position;
    private int depth;

    private ExpressionParser(SourceText source)
    {
        this.source = source;
        tokens = Lexer.Tokenize(source);
    }

    public static Node Parse(SourceText source)
    {
        var parser = new ExpressionParser(source);
        if (parser.Current.Kind == TokenKind.End) throw Lexer.Error(source, 0, "empty expression");
        var node = parser.ParseSum();
        if (parser.Current.Kind != TokenKind.End) throw parser.Error($"unexpected {parser.Describe(parser.Current)}");
        return node;
    }

    private Token Current => tokens[position];
    private Token Previous => tokens[position - 1];
    private Token Peek(int k) => tokens[Math.Min(position + k, tokens.Count - 1)];

    private InputException Error(string message) => Lexer.Error(source, Current.Start, message);

    private string Describe(Token t) => t.Kind == TokenKind.End ? "end of expression" : $"'{t.Text}'";

    private bool Is(string symbol) => Current.Kind == TokenKind.Symbol && Current.Text == symbol;

    private bool Accept(string symbol)
    {
        if (!Is(symbol)) return false;
        position++;
        return true;
    }

    private void Expect(string symbol, string context)
    {
        if (!Accept(symbol)) throw Error($"expected '{symbol}' {context} but found {Describe(Current)}");
    }

    private void Enter()
    {
        if (++depth > MaxDepth) throw Error($"the expression is nested more than {MaxDepth} levels deep");
    }

    private void Leave() => depth--;

    private Node ParseSum()
    {
        var start = Current.Start;
        var left = ParseTerm();
        while (true)
        {
            BinaryOp op;
            if (Accept("+")) op = BinaryOp.Add;
            else if (Accept("-") || Accept("−")) op = BinaryOp.Subtract;
            else return left;
            var right = ParseTerm();
            left = new BinaryNode(source, start, Previous.End, op, left, right);
        }
    }

    private Node ParseTerm()
    {
        var start = Current.Start;
        var left = ParseUnary();
        while (true)
        {
            BinaryOp op;
            if (Accept("*") || Accept("·")) op = BinaryOp.Multiply;
            else if (Accept("/")) op = BinaryOp.Divide;
            else if (Accept(".*") || Accept("∘")) op = BinaryOp.Hadamard;
            else if (Accept("⊗")) op = BinaryOp.Kronecker;
            else return left;
            var right = ParseUnary();
            left = new BinaryNode(source, start, Previous.End, op, left, right);
        }
    }

    private Node ParseUnary()
    {
        Enter();
        var start = Current.Start;
        Node node;
        if (Accept("-") || Accept("−")) node = new NegateNode(source, start, Previous.End, ParseUnary());
        else if (Accept("+")) node = ParseUnary();
        else node = ParsePower();
        Leave();
        return node;
    }

    private Node ParsePower()
    {
        var start = Current.Start;
        var b = ParsePostfix();
        if (Accept("²")) return new PowerNode(source, start, Previous.End, b, 2);
        if (Accept("³")) return new PowerNode(source, start, Previous.End, b, 3);
        if (!Accept("^")) return b;
        if (Current.Kind == TokenKind.Name && Current.Text == "T")
        {
            position++;
            return new TransposeNode(source, start, Previous.End, b);
        }
        var exponentStart = Current.Start;
        var parenthesized = Accept("(");
        var negative = Accept("-") || Accept("−");
        if (Current.Kind != TokenKind.Number || !Current.Value.Denominator.IsOne)
            throw Lexer.Error(source, exponentStart, "the exponent must be an integer constant such as 2 or -1 (or T for the transpose)");
        if (Current.Value.Numerator > 10_000) throw Lexer.Error(source, exponentStart, "the exponent is too large (at most 10000)");
        var k = (int)Current.Value.Numerator;
        position++;
        if (parenthesized) Expect(")", "after the exponent");
        return new PowerNode(source, start, Previous.End, b, negative ? -k : k);
    }

    private Node ParsePostfix()
    {
        var start = Current.Start;
        var node = ParsePrimary();
        while (true)
        {
            if (Accept("'") || Accept("ᵀ")) node = new TransposeNode(source, start, Previous.End, node);
            else if (Is("["))
            {
                position++;
                var indices = new List<IndexArg> { ParseIndex() };
                if (Accept(",")) indices.Add(ParseIndex());
                Expect("]", "to close the index");
                node = new IndexNode(source, start, Previous.End, node, indices);
            }
            else return node;
        }
    }

    private IndexArg ParseIndex()
    {
        if (Accept(":")) return new IndexArg(null, null);
        var low = ParseSum();
        return Accept("..") ? new IndexArg(low, ParseSum()) : new IndexArg(low, null);
    }

    private Node ParsePrimary()
    {
        var t = Current;
        var start = t.Start;
        switch (t.Kind)
        {
            case TokenKind.Number:
                position++;
                return new NumberNode(source, start, t.End, t.Value);
            case TokenKind.Name:
                return ParseName();
            case TokenKind.Symbol when t.Text == "(":
            {
                position++;
                Enter();
                if (Is(")")) throw Error("empty parentheses");
                var inner = ParseSum();
                Expect(")", "to close '('");
                Leave();
                return inner;
            }
            case TokenKind.Symbol when t.Text is "‖" or "||":
            {
                position++;
                Enter();
                var inner = ParseSum();
                Expect(t.Text, $"to close the norm opened with '{t.Text}'");
                Leave();
                var kind = NormKind.Frobenius;
                if (Current.Kind == TokenKind.Subscript)
                {
                    kind = Current.Text switch
                    {
                        "F" or "fro" => NormKind.Frobenius,
                        "2" or "spec" or "op" => NormKind.Spectral,
                        "*" or "nuc" => NormKind.Nuclear,
                        _ => throw Error($"unknown norm subscript '_{Current.Text}' (use _F for Frobenius, _* for nuclear, _2 for spectral)"),
                    };
                    position++;
                }
                return new NormNode(source, start, Previous.End, kind, inner);
            }
            case TokenKind.Symbol when t.Text == "|":
            {
                position++;
                Enter();
                var inner = ParseSum();
                Expect("|", "to close the absolute value");
                Leave();
                return new CallNode(source, start, Previous.End, "abs", [inner]);
            }
            default:
                throw Error($"expected a number, a name or '(' but found {Describe(t)}");
        }
    }

    private Node ParseName()
    {
        var t = Current;
        var start = t.Start;
        position++;
        var name = t.Text;
        if (name == "E" && Is("[") && ClosingBracketIsFollowedByParenthesis())
        {
            position++;
            var variables = new List<string> { ExpectName("a random symbol") };
            while (Accept(",")) variables.Add(ExpectName("a random symbol"));
            Expect("]", "after the variables of E[…]");
            return Expectation(start, variables);
        }
        if (name.StartsWith("E_", StringComparison.Ordinal) && name.Length > 2 && Is("("))
            return Expectation(start, [name[2..]]);
        if (!Is("(")) return new NameNode(source, start, t.End, name);
        position++;
        Enter();
        Node result;
        if (name == "sum") result = ParseSumCall(start);
        else
        {
            var arguments = new List<Node> { ParseSum() };
            while (Accept(",")) arguments.Add(ParseSum());
            Expect(")", $"to close {name}(…)");
            if (Norms.TryGetValue(name, out var kind))
            {
                if (arguments.Count != 1) throw Lexer.Error(source, start, $"{name} takes one argument");
                result = new NormNode(source, start, Previous.End, kind, arguments[0]);
            }
            else result = new CallNode(source, start, Previous.End, name, arguments);
        }
        Leave();
        return result;
    }

    private Node Expectation(int start, IReadOnlyList<string> variables)
    {
        Expect("(", "after E[…] (write E[z](expression))");
        Enter();
        var body = ParseSum();
        Expect(")", "to close E[…](…)");
        Leave();
        return new ExpectationNode(source, start, Previous.End, variables, body);
    }

    /// <summary>sum(i, 1, r, body) or sum(i = 1..r, body).</summary>
    private Node ParseSumCall(int start)
    {
        var index = ExpectName("the index of the sum");
        Node low, high;
        if (Accept("="))
        {
            low = ParseSum();
            Expect("..", "in sum(i = low..high, body)");
            high = ParseSum();
        }
        else
        {
            Expect(",", "after the index of sum(i, low, high, body)");
            low = ParseSum();
            Expect(",", "after the lower bound of sum(i, low, high, body)");
            high = ParseSum();
        }
        Expect(",", "before the body of the sum");
        var body = ParseSum();
        Expect(")", "to close sum(…)");
        return new SumNode(source, start, Previous.End, index, low, high, body);
    }

    private string ExpectName(string what)
    {
        if (Current.Kind != TokenKind.Name) throw Error($"expected {what} but found {Describe(Current)}");
        return tokens[position++].Text;
    }

    private bool ClosingBracketIsFollowedByParenthesis()
    {
        for (var k = 1; position + k < tokens.Count; k++)
        {
            var t = Peek(k);
            if (t.Kind == TokenKind.Symbol && t.Text == "]") return Peek(k + 1) is { Kind: TokenKind.Symbol, Text: "(" };
            if (t.Kind == TokenKind.End || (t.Kind == TokenKind.Symbol && t.Text != ",")) return false;
        }
        return false;
    }
}
