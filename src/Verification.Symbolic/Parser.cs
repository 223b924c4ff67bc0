using System.Numerics;
using Fractions;

namespace Verification.Symbolic;

/// <summary>Malformed input; <see cref="Position"/> is the 1-based column of the problem.</summary>
public sealed class ParseException : Exception
{
    internal ParseException(int position, string message)
        : base($"Parse error at column {position}: {message}") =>
        (Position, Reason) = (position, message);

    /// <summary>1-based column.</summary>
    public int Position { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Reason { get; }
}

/// <summary>Either a parsed expression or a one-line error message.</summary>
public sealed record ParseResult(bool Succeeded, Expr Value, string Error, int Position)
{
    internal static ParseResult Success(Expr value) => new(true, value, "", 0);
    internal static ParseResult Failure(ParseException e) => new(false, Expr.Number(0), e.Message, e.Position);
}

/// <summary>
/// Infix parser: <c>+ - * / ^</c>, unary minus, parentheses, integers (3/4 is a quotient of integers),
/// names such as <c>u1</c>, <c>U_11</c>, <c>theta</c> or <c>θ</c>. Precedence: ^ (right associative,
/// integer exponent) over unary minus over * and / over + and −, so −a^2 = −(a^2).
/// </summary>
public static class Parser
{
    /// <summary>Parses or throws <see cref="ParseException"/>.</summary>
    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var state = new State(text);
        state.SkipSpace();
        if (state.AtEnd) throw state.Error("empty expression");
        var e = state.ParseSum();
        state.SkipSpace();
        if (!state.AtEnd) throw state.Error($"unexpected '{text[state.Index]}'");
        return e;
    }

    /// <summary>Parses without throwing.</summary>
    public static ParseResult TryParse(string text)
    {
        try { return ParseResult.Success(Parse(text)); }
        catch (ParseException e) { return ParseResult.Failure(e); }
    }

    /// <summary>The deepest nesting of parentheses, signs and exponents the parser accepts.</summary>
    public const int MaxDepth = 256;

    private sealed class State(string text)
    {
        public int Index;
        private int depth;

        /// <summary>Enters one level of nesting; refuses input nested beyond <see cref="MaxDepth"/> (the parser recurses on depth).</summary>
        private void Enter()
        {
            if (++depth > MaxDepth) throw Error($"the expression is nested more than {MaxDepth} levels deep (parentheses, signs and exponents)");
        }
        public bool AtEnd => Index >= text.Length;
        private char Current => text[Index];

        public ParseException Error(string message) => new(Index + 1, message);

        private string Found => AtEnd ? "end of input" : $"'{Current}'";

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Current)) Index++;
        }

        private bool Accept(char c)
        {
            SkipSpace();
            if (AtEnd || Current != c) return false;
            Index++;
            return true;
        }

        public Expr ParseSum()
        {
            var terms = new List<Expr> { ParseProduct() };
            while (true)
            {
                if (Accept('+')) terms.Add(ParseProduct());
                else if (Accept('-')) terms.Add(-ParseProduct());
                else break;
            }
            return terms.Count == 1 ? terms[0] : Expr.Sum(terms);
        }

        /// <summary>A flat product (a divisor enters as its −1st power), so a long chain of factors builds no deep tree.</summary>
        private Expr ParseProduct()
        {
            var factors = new List<Expr> { ParseUnary() };
            while (true)
            {
                if (Accept('*')) factors.Add(ParseUnary());
                else if (Accept('/')) factors.Add(ParseUnary().Pow(-1));
                else return factors.Count == 1 ? factors[0] : Expr.Product(factors);
            }
        }

        private Expr ParseUnary()
        {
            Enter();
            var e = Accept('-') ? -ParseUnary() : Accept('+') ? ParseUnary() : ParsePower();
            depth--;
            return e;
        }

        private Expr ParsePower()
        {
            var b = ParsePrimary();
            SkipSpace();
            if (!Accept('^')) return b;
            SkipSpace();
            var start = Index;
            var exponent = ParseUnary();
            RationalFunction value;
            try { value = exponent.Canonical(); }
            catch (DivideByZeroException) { throw new ParseException(start + 1, "the exponent divides by zero"); }
            if (!value.IsConstant || !value.ConstantValue.Denominator.IsOne)
                throw new ParseException(start + 1, "the exponent must be an integer constant");
            var n = value.ConstantValue.Numerator;
            if (BigInteger.Abs(n) > 10_000) throw new ParseException(start + 1, "the exponent is too large");
            return b.Pow((int)n);
        }

        private Expr ParsePrimary()
        {
            SkipSpace();
            if (AtEnd) throw Error("expected a number, a name or '(' but found end of input");
            var c = Current;
            if (c == '(')
            {
                Index++;
                Enter();
                SkipSpace();
                if (!AtEnd && Current == ')') throw Error("empty parentheses");
                var inner = ParseSum();
                SkipSpace();
                if (!Accept(')')) throw Error($"expected ')' but found {Found}");
                depth--;
                return inner;
            }
            if (char.IsAsciiDigit(c))
            {
                var start = Index;
                while (!AtEnd && char.IsAsciiDigit(Current)) Index++;
                if (!AtEnd && (Current == '.' || char.IsLetter(Current)))
                    throw Error(Current == '.' ? "decimal points are not supported; write a quotient such as 3/4" : $"unexpected '{Current}' after a number (write '*' for a product)");
                return Expr.Number(new Fraction(BigInteger.Parse(text.AsSpan(start, Index - start))));
            }
            if (char.IsLetter(c))
            {
                var start = Index;
                while (!AtEnd && (char.IsLetterOrDigit(Current) || Current == '_')) Index++;
                return Expr.Symbol(text[start..Index]);
            }
            throw Error($"expected a number, a name or '(' but found '{c}'");
        }
    }
}
