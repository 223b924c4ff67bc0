using Fractions;

namespace Verification.ClaimsFiles.Syntax;

/// <summary>
/// An expression of a claims file as written: every node keeps its span in the source text, so that a shape error or an
/// evaluation error can quote the subexpression it is about. Nodes compare by reference (the checker annotates them).
/// </summary>
public abstract class Node(SourceText source, int start, int end)
{
    public SourceText Source { get; } = source;
    public int Start { get; } = start;
    public int End { get; } = end;

    /// <summary>The subexpression as the reader wrote it.</summary>
    public string Text => Source.Text[Start..End].Trim();
}

public sealed class NumberNode(SourceText s, int a, int b, Fraction value) : Node(s, a, b)
{
    public Fraction Value { get; } = value;
}

public sealed class NameNode(SourceText s, int a, int b, string name) : Node(s, a, b)
{
    public string Name { get; } = name;
}

public sealed class NegateNode(SourceText s, int a, int b, Node operand) : Node(s, a, b)
{
    public Node Operand { get; } = operand;
}

public enum BinaryOp { Add, Subtract, Multiply, Divide, Hadamard, Kronecker }

public sealed class BinaryNode(SourceText s, int a, int b, BinaryOp op, Node left, Node right) : Node(s, a, b)
{
    public BinaryOp Op { get; } = op;
    public Node Left { get; } = left;
    public Node Right { get; } = right;

    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Hadamard => "∘",
        _ => "⊗",
    };
}

/// <summary>base^k with an integer constant k (a negative k on a square matrix inverts it).</summary>
public sealed class PowerNode(SourceText s, int a, int b, Node @base, int exponent) : Node(s, a, b)
{
    public Node Base { get; } = @base;
    public int Exponent { get; } = exponent;
}

public sealed class TransposeNode(SourceText s, int a, int b, Node operand) : Node(s, a, b)
{
    public Node Operand { get; } = operand;
}

/// <summary>One index of A[·, ·]: all (':'), one index, or an inclusive range lo..hi (1-based, as in papers).</summary>
public sealed record IndexArg(Node? Low, Node? High)
{
    public bool IsAll => Low is null;
    public bool IsRange => High is not null;
}

public sealed class IndexNode(SourceText s, int a, int b, Node target, IReadOnlyList<IndexArg> indices) : Node(s, a, b)
{
    public Node Target { get; } = target;
    public IReadOnlyList<IndexArg> Indices { get; } = indices;
}

public enum NormKind { Frobenius, Nuclear, Spectral }

public sealed class NormNode(SourceText s, int a, int b, NormKind kind, Node operand) : Node(s, a, b)
{
    public NormKind Kind { get; } = kind;
    public Node Operand { get; } = operand;
}

/// <summary>A function call: diag, tr, inv, sqrt, abs, max, min, kron, hadamard, I, ones, zeros.</summary>
public sealed class CallNode(SourceText s, int a, int b, string function, IReadOnlyList<Node> arguments) : Node(s, a, b)
{
    public string Function { get; } = function;
    public IReadOnlyList<Node> Arguments { get; } = arguments;
}

/// <summary>sum over index = low..high of body.</summary>
public sealed class SumNode(SourceText s, int a, int b, string index, Node low, Node high, Node body) : Node(s, a, b)
{
    public string Index { get; } = index;
    public Node Low { get; } = low;
    public Node High { get; } = high;
    public Node Body { get; } = body;
}

/// <summary>E[z, …](body): the expectation over declared random symbols.</summary>
public sealed class ExpectationNode(SourceText s, int a, int b, IReadOnlyList<string> variables, Node body) : Node(s, a, b)
{
    public IReadOnlyList<string> Variables { get; } = variables;
    public Node Body { get; } = body;
}

/// <summary>
/// A piece of text of a claims file (an expression, a shape) and where it starts in the file, so that a position in the
/// text maps to a line and a column of the file.
/// </summary>
public sealed class SourceText(string file, string text, Func<int, (int Line, int Column)> locate)
{
    public string File { get; } = file;
    public string Text { get; } = text;

    /// <summary>The 1-based line and column in the file of the 0-based offset in <see cref="Text"/>.</summary>
    public (int Line, int Column) Locate(int offset) => locate(Math.Clamp(offset, 0, Text.Length));

    public string Where(int offset)
    {
        var (line, column) = Locate(offset);
        return $"{File}:{line}:{column}";
    }

    /// <summary>Text not from a file (tests, built-in expressions).</summary>
    public static SourceText Plain(string text, string name = "expression") => new(name, text, offset => (1, offset + 1));
}
