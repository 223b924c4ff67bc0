using Verification.ClaimsFiles.Syntax;
using Verification.Input;
using Verification.Symbolic;

namespace Verification.ClaimsFiles;

/// <summary>
/// What the checker knows of a subexpression before anything runs: its shape, whether it is a rational function of the
/// symbols (so that it can be expanded symbolically and evaluated exactly; if not, why), the random symbols it still
/// depends on, and the random symbols that occur in a denominator (an expectation over them is not polynomial).
/// </summary>
public sealed record NodeInfo(Shape Shape, string? Inexact, IReadOnlySet<string> Random, IReadOnlySet<string> RandomInDenominator)
{
    public bool IsExact => Inexact is null;
}

/// <summary>
/// Checks every expression of a claim before anything runs: names resolve, shapes agree (a mismatch names the
/// subexpression and both shapes), indices are integer expressions of dimensions and sum indices, random symbols occur only
/// inside an expectation over them, and each node is marked exact (a rational function) or not.
/// </summary>
public sealed class ShapeChecker
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>The largest exponent of a matrix power (a scalar's exponent may reach the parser's 10000).</summary>
    public const int MaxMatrixPower = 64;

    private static readonly string[] Functions = ["diag", "tr", "trace", "inv", "sqrt", "abs", "max", "min", "kron", "hadamard", "I", "eye", "ones", "zeros"];

    private readonly IReadOnlyDictionary<string, SymbolDeclaration> symbols;
    private readonly IReadOnlyDictionary<string, DimensionRange> dimensions;
    private readonly Dictionary<string, (Node Node, NodeInfo Info)> definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<Node, NodeInfo> infos = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> indices = [];
    private readonly HashSet<string> bound = new(StringComparer.Ordinal);

    public ShapeChecker(IReadOnlyDictionary<string, SymbolDeclaration> symbols, IReadOnlyDictionary<string, DimensionRange> dimensions)
    {
        this.symbols = symbols;
        this.dimensions = dimensions;
    }

    public IReadOnlyDictionary<string, (Node Node, NodeInfo Info)> Definitions => definitions;

    public NodeInfo InfoOf(Node node) => infos[node];

    public bool IsDimension(string name) => dimensions.ContainsKey(name);

    /// <summary>Checks a definition ("where:") and makes it available to later expressions.</summary>
    public void Define(string name, Node node)
    {
        if (symbols.ContainsKey(name) || dimensions.ContainsKey(name) || definitions.ContainsKey(name))
            throw Error(node, $"'{name}' is defined twice (as a symbol, a dimension or a definition)");
        // A definition may mention random symbols (a loss under a mask); where it is used, they must be averaged over.
        var randoms = symbols.Values.Where(s => s.IsRandom).Select(s => s.Name).ToList();
        foreach (var z in randoms) bound.Add(z);
        try
        {
            definitions[name] = (node, Check(node));
        }
        finally
        {
            foreach (var z in randoms) bound.Remove(z);
        }
    }

    private static InputException Error(Node node, string message) => Lexer.Error(node.Source, node.Start, message);

    public NodeInfo Check(Node node)
    {
        var info = Infer(node);
        infos[node] = info;
        return info;
    }

    private NodeInfo Infer(Node node)
    {
        switch (node)
        {
            case NumberNode:
                return new NodeInfo(Shape.Scalar, null, None, None);
            case NameNode name:
                return Name(name);
            case NegateNode negate:
                return Check(negate.Operand);
            case BinaryNode binary:
                return Binary(binary);
            case PowerNode power:
                return Power(power);
            case TransposeNode transpose:
            {
                var inner = Check(transpose.Operand);
                return inner with { Shape = new Shape(inner.Shape.Columns, inner.Shape.Rows) };
            }
            case IndexNode index:
                return Index(index);
            case NormNode norm:
            {
                var inner = Check(norm.Operand);
                var what = norm.Kind switch { NormKind.Frobenius => "a norm (a square root)", NormKind.Nuclear => "a nuclear norm", _ => "a spectral norm" };
                return new NodeInfo(Shape.Scalar, $"`{norm.Text}` is {what}", inner.Random, inner.RandomInDenominator);
            }
            case CallNode call:
                return Call(call);
            case SumNode sum:
                return Sum(sum);
            case ExpectationNode expectation:
                return Expectation(expectation);
            default:
                throw new InvalidOperationException($"unknown node {node.GetType().Name}");
        }
    }

    private NodeInfo Name(NameNode node)
    {
        if (indices.Contains(node.Name) || dimensions.ContainsKey(node.Name)) return new NodeInfo(Shape.Scalar, null, None, None);
        if (definitions.TryGetValue(node.Name, out var definition))
        {
            foreach (var z in definition.Info.Random)
                if (!bound.Contains(z))
                    throw Error(node, $"'{node.Name}' depends on the random symbol '{z}': use it inside E[{z}](…)");
            return definition.Info;
        }
        if (symbols.TryGetValue(node.Name, out var symbol))
        {
            if (symbol.IsRandom && !bound.Contains(node.Name))
                throw Error(node, $"'{node.Name}' is random ({(symbol.Kind == SymbolKind.Bernoulli ? "bernoulli" : "gaussian")}): use it inside E[{node.Name}](…)");
            return new NodeInfo(symbol.Shape, null, symbol.IsRandom ? new HashSet<string> { node.Name } : None, None);
        }
        var known = symbols.Keys.Concat(dimensions.Keys).Concat(definitions.Keys).Concat(indices).Distinct().ToList();
        throw Error(node, $"unknown symbol '{node.Name}' (declared: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
    }

    private static IReadOnlySet<string> Union(params IReadOnlySet<string>[] sets)
    {
        if (sets.All(s => s.Count == 0)) return None;
        var u = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in sets) u.UnionWith(s);
        return u;
    }

    private static NodeInfo Combine(Shape shape, NodeInfo a, NodeInfo b, string? inexact = null, IReadOnlySet<string>? extraDenominator = null) =>
        new(shape, inexact ?? a.Inexact ?? b.Inexact, Union(a.Random, b.Random), Union(a.RandomInDenominator, b.RandomInDenominator, extraDenominator ?? None));

    private NodeInfo Binary(BinaryNode node)
    {
        var l = Check(node.Left);
        var r = Check(node.Right);
        var (ls, rs) = (l.Shape, r.Shape);
        switch (node.Op)
        {
            case BinaryOp.Add:
            case BinaryOp.Subtract:
                if (ls != rs)
                    throw Error(node, $"shape mismatch in `{node.Text}`: `{node.Left.Text}` is {ls} but `{node.Right.Text}` is {rs}");
                return Combine(ls, l, r);
            case BinaryOp.Multiply:
                if (ls.IsScalar) return Combine(rs, l, r);
                if (rs.IsScalar) return Combine(ls, l, r);
                if (ls.Columns != rs.Rows)
                    throw Error(node, $"shape mismatch in `{node.Text}`: `{node.Left.Text}` is {ls} but `{node.Right.Text}` is {rs} (the columns of the left factor must match the rows of the right)");
                return Combine(new Shape(ls.Rows, rs.Columns), l, r);
            case BinaryOp.Divide:
                if (!rs.IsScalar)
                    throw Error(node, $"shape mismatch in `{node.Text}`: the divisor `{node.Right.Text}` is {rs}, but only division by a scalar is defined (write inv(…) for an inverse)");
                return Combine(ls, l, r, extraDenominator: r.Random);
            case BinaryOp.Hadamard:
                if (ls != rs)
                    throw Error(node, $"shape mismatch in `{node.Text}`: the Hadamard product needs equal shapes, but `{node.Left.Text}` is {ls} and `{node.Right.Text}` is {rs}");
                return Combine(ls, l, r);
            default:
                return Combine(new Shape(ls.Rows * rs.Rows, ls.Columns * rs.Columns), l, r);
        }
    }

    private NodeInfo Power(PowerNode node)
    {
        var b = Check(node.Base);
        var shape = b.Shape;
        if (!shape.IsScalar && !shape.IsSquare)
            throw Error(node, $"shape mismatch in `{node.Text}`: a power needs a scalar or a square matrix, but `{node.Base.Text}` is {shape}");
        if (!shape.IsScalar && Math.Abs(node.Exponent) > MaxMatrixPower)
            throw Error(node, $"`{node.Text}`: a matrix power is limited to exponents within ±{MaxMatrixPower}");
        var inexact = b.Inexact;
        // An even power of a Frobenius norm (or of the 2-norm of a vector), of a square root or of an absolute value is polynomial.
        if (node.Exponent > 0 && node.Exponent % 2 == 0)
        {
            var inner = node.Base switch
            {
                NormNode { Kind: NormKind.Frobenius } n => n.Operand,
                NormNode { Kind: NormKind.Spectral } n when IsVector(infos[n.Operand].Shape) => n.Operand,
                CallNode { Function: "sqrt" or "abs", Arguments.Count: 1 } c => c.Arguments[0],
                _ => null,
            };
            if (inner is not null) inexact = infos[inner].Inexact;
        }
        return new NodeInfo(shape, inexact, b.Random, node.Exponent < 0 ? Union(b.RandomInDenominator, b.Random) : b.RandomInDenominator);
    }

    private static bool IsVector(Shape s) => s.IsColumn || s.IsRow;

    private NodeInfo Index(IndexNode node)
    {
        var target = Check(node.Target);
        var s = target.Shape;
        Polynomial Length(IndexArg arg, Polynomial full)
        {
            if (arg.IsAll) return full;
            var low = IndexPolynomial(arg.Low!);
            if (!arg.IsRange) return Polynomial.One;
            var length = IndexPolynomial(arg.High!) - low + Polynomial.One;
            var moving = length.Variables.FirstOrDefault(indices.Contains);
            if (moving is not null)
                throw Error(node, $"the range `{arg.Low!.Text}..{arg.High!.Text}` in `{node.Text}` has a length that depends on the index '{moving}' (its length {length.ToInfix()} must depend on dimensions only)");
            return length;
        }
        if (node.Indices.Count == 2)
            return target with { Shape = new Shape(Length(node.Indices[0], s.Rows), Length(node.Indices[1], s.Columns)) };
        if (s.IsColumn) return target with { Shape = new Shape(Length(node.Indices[0], s.Rows), Polynomial.One) };
        if (s.IsRow) return target with { Shape = new Shape(Polynomial.One, Length(node.Indices[0], s.Columns)) };
        throw Error(node, $"`{node.Target.Text}` is {s}: index it with two indices, such as {node.Target.Text}[i, :] (a row) or {node.Target.Text}[:, j] (a column)");
    }

    /// <summary>An index: an integer expression of dimensions, sum indices and integers, with + − *.</summary>
    public Polynomial IndexPolynomial(Node node)
    {
        infos[node] = new NodeInfo(Shape.Scalar, null, None, None);
        switch (node)
        {
            case NumberNode n when n.Value.Denominator.IsOne:
                return Polynomial.Constant(n.Value);
            case NameNode n when indices.Contains(n.Name) || dimensions.ContainsKey(n.Name):
                return Polynomial.Variable(n.Name);
            case NegateNode n:
                return -IndexPolynomial(n.Operand);
            case BinaryNode { Op: BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply } b:
            {
                var (l, r) = (IndexPolynomial(b.Left), IndexPolynomial(b.Right));
                return b.Op switch { BinaryOp.Add => l + r, BinaryOp.Subtract => l - r, _ => l * r };
            }
            case NameNode n when !symbols.ContainsKey(n.Name) && !definitions.ContainsKey(n.Name):
                throw Error(node, $"unknown index '{n.Name}' (an index is a sum index, a dimension or an integer)");
            default:
                throw Error(node, $"the index `{node.Text}` must be an integer expression of dimensions and sum indices (integers, names, + - *)");
        }
    }

    private NodeInfo Call(CallNode node)
    {
        var name = node.Function;
        var args = node.Arguments;
        void Arity(int min, int max)
        {
            if (args.Count < min || args.Count > max)
                throw Error(node, $"{name} takes {(min == max ? min.ToString() : $"{min} to {max}")} argument{(max == 1 ? "" : "s")}, got {args.Count} in `{node.Text}`");
        }
        switch (name)
        {
            case "I" or "eye":
            {
                Arity(1, 1);
                var n = IndexPolynomial(args[0]);
                return new NodeInfo(new Shape(n, n), null, None, None);
            }
            case "ones" or "zeros":
            {
                Arity(1, 2);
                var rows = IndexPolynomial(args[0]);
                return new NodeInfo(new Shape(rows, args.Count == 2 ? IndexPolynomial(args[1]) : Polynomial.One), null, None, None);
            }
        }
        if (!Functions.Contains(name))
            throw Error(node, $"unknown function '{name}' in `{node.Text}` (functions: {string.Join(", ", Functions)}, norm, norm_F, norm_*, norm_2, sum, E)");
        var infosOfArgs = args.Select(Check).ToArray();
        var a = infosOfArgs[0];
        var s = a.Shape;
        switch (name)
        {
            case "diag":
                Arity(1, 1);
                if (s.IsColumn) return a with { Shape = new Shape(s.Rows, s.Rows) };
                if (s.IsRow) return a with { Shape = new Shape(s.Columns, s.Columns) };
                if (s.IsSquare) return a with { Shape = new Shape(s.Rows, Polynomial.One) };
                throw Error(node, $"shape mismatch in `{node.Text}`: diag takes a vector (to a diagonal matrix) or a square matrix (to its diagonal), but `{args[0].Text}` is {s}");
            case "tr" or "trace":
                Arity(1, 1);
                if (!s.IsSquare) throw Error(node, $"shape mismatch in `{node.Text}`: the trace needs a square matrix, but `{args[0].Text}` is {s}");
                return a with { Shape = Shape.Scalar };
            case "inv":
                Arity(1, 1);
                if (!s.IsSquare) throw Error(node, $"shape mismatch in `{node.Text}`: the inverse needs a square matrix, but `{args[0].Text}` is {s}");
                return a with { RandomInDenominator = Union(a.RandomInDenominator, a.Random) };
            case "sqrt":
                Arity(1, 1);
                if (!s.IsScalar) throw Error(node, $"shape mismatch in `{node.Text}`: sqrt takes a scalar, but `{args[0].Text}` is {s}");
                return a with { Inexact = $"`{node.Text}` is a square root" };
            case "abs":
                Arity(1, 1);
                return a with { Inexact = $"`{node.Text}` is an absolute value" };
            case "max" or "min":
                Arity(1, 64);
                if (args.Count > 1)
                    for (var k = 0; k < args.Count; k++)
                        if (!infosOfArgs[k].Shape.IsScalar)
                            throw Error(node, $"shape mismatch in `{node.Text}`: {name} of several arguments takes scalars, but `{args[k].Text}` is {infosOfArgs[k].Shape} ({name}(A) alone takes the {name} of A's entries)");
                return new NodeInfo(Shape.Scalar, $"`{node.Text}` is a {name}imum", Union(infosOfArgs.Select(i => i.Random).ToArray()),
                    Union(infosOfArgs.Select(i => i.RandomInDenominator).ToArray()));
            default:
            {
                Arity(2, 2);
                var b = infosOfArgs[1];
                if (name == "hadamard")
                {
                    if (s != b.Shape) throw Error(node, $"shape mismatch in `{node.Text}`: the Hadamard product needs equal shapes, but `{args[0].Text}` is {s} and `{args[1].Text}` is {b.Shape}");
                    return Combine(s, a, b);
                }
                return Combine(new Shape(s.Rows * b.Shape.Rows, s.Columns * b.Shape.Columns), a, b);
            }
        }
    }

    private NodeInfo Sum(SumNode node)
    {
        if (symbols.ContainsKey(node.Index) || dimensions.ContainsKey(node.Index) || definitions.ContainsKey(node.Index) || indices.Contains(node.Index))
            throw Error(node, $"the index '{node.Index}' of `{node.Text}` is already the name of a symbol, a dimension or an outer index: choose another");
        IndexPolynomial(node.Low);
        IndexPolynomial(node.High);
        indices.Add(node.Index);
        try
        {
            return Check(node.Body);
        }
        finally
        {
            indices.RemoveAt(indices.Count - 1);
        }
    }

    private NodeInfo Expectation(ExpectationNode node)
    {
        var added = new List<string>();
        foreach (var z in node.Variables)
        {
            if (!symbols.TryGetValue(z, out var symbol))
                throw Error(node, $"E[{z}] in `{node.Text}`: '{z}' is not declared (declare it under symbols, e.g. {z}: bernoulli r theta, or {z}: gaussian n)");
            if (!symbol.IsRandom)
                throw Error(node, $"E[{z}] in `{node.Text}`: '{z}' is a {symbol.Describe()}, not a random symbol (declare it as bernoulli or gaussian)");
            if (bound.Contains(z)) throw Error(node, $"E[{z}] in `{node.Text}`: '{z}' is already averaged over by an enclosing E");
            bound.Add(z);
            added.Add(z);
        }
        try
        {
            var body = Check(node.Body);
            var variables = node.Variables.ToHashSet(StringComparer.Ordinal);
            var inexact = body.Inexact;
            var divided = body.RandomInDenominator.FirstOrDefault(variables.Contains);
            if (inexact is null && divided is not null) inexact = $"`{node.Text}` divides by an expression of '{divided}'";
            var gaussian = node.Variables.FirstOrDefault(z => symbols[z].Kind == SymbolKind.Gaussian);
            if (gaussian is not null && inexact is not null)
                throw Error(node, $"E[{gaussian}] in `{node.Text}`: an expectation over a Gaussian symbol needs a polynomial integrand (its expectation is then exact, from the moments), but {inexact}");
            return new NodeInfo(body.Shape, inexact, body.Random.Where(z => !variables.Contains(z)).ToHashSet(StringComparer.Ordinal),
                body.RandomInDenominator.Where(z => !variables.Contains(z)).ToHashSet(StringComparer.Ordinal));
        }
        finally
        {
            foreach (var z in added) bound.Remove(z);
        }
    }
}
