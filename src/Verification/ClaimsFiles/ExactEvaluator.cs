using Fractions;
using Verification.ClaimsFiles.Syntax;
using Verification.Symbolic;
using M = Verification.Symbolic.SymbolicMatrix;
using R = Verification.Symbolic.RationalFunction;

namespace Verification.ClaimsFiles;

/// <summary>The expression is undefined on this instance (a division by zero, a singular inverse, a square root of a negative number).</summary>
public sealed class DomainException(string message) : Exception(message);

/// <summary>A defect of the claim itself on this instance (an index out of range): the check reports it as an error.</summary>
public sealed class ClaimEvaluationException(string message) : Exception(message);

/// <summary>
/// Evaluates a claim's expressions over the symbolic engine: every entry is a rational function. With the symbols left as
/// symbols (matrix entries named U_11, U_12, …) it derives both sides at fixed sizes; with the symbols given rational values
/// it evaluates exactly at a point. Random symbols stay symbols (z_1, …) until their expectation is taken: E z = retain
/// with z² = z for Bernoulli masks, and the moments E g^(2k) = (2k−1)!!, E g^(2k+1) = 0 for standard Gaussians.
/// </summary>
public sealed class ExactEvaluator
{
    private readonly ClaimModel model;
    private readonly IReadOnlyDictionary<string, int> dims;
    private readonly Dictionary<string, M> values;
    private readonly Dictionary<string, int> indices = new(StringComparer.Ordinal);

    /// <summary>An evaluator with the given values of the deterministic symbols; random symbols become fresh variables.</summary>
    public ExactEvaluator(ClaimModel model, IReadOnlyDictionary<string, int> dims, IReadOnlyDictionary<string, M> deterministic)
    {
        this.model = model;
        this.dims = dims;
        values = new Dictionary<string, M>(deterministic, StringComparer.Ordinal);
        foreach (var s in model.Symbols.Where(s => s.IsRandom)) values[s.Name] = Variables(s, dims);
    }

    /// <summary>The matrix of symbols of a declared symbol: a scalar is its name, a vector v_1 … v_n, a matrix U_11 … (SymbolicMatrix.Named).</summary>
    public static M Variables(SymbolDeclaration symbol, IReadOnlyDictionary<string, int> dims)
    {
        var (rows, columns) = symbol.Shape.At(dims);
        var name = symbol.Name;
        return symbol.Kind == SymbolKind.Scalar ? M.Create(1, 1, (_, _) => R.Symbol(name))
            : symbol.Shape.IsColumn ? M.Create(rows, 1, (i, _) => R.Symbol($"{name}_{i + 1}"))
            : M.Named(name, rows, columns);
    }

    /// <summary>Binds an outer sum index (for an expectation evaluated exactly inside a floating-point evaluation).</summary>
    public ExactEvaluator WithIndices(IReadOnlyDictionary<string, int> bindings)
    {
        foreach (var (k, v) in bindings) indices[k] = v;
        return this;
    }

    public M Evaluate(Node node)
    {
        switch (node)
        {
            case NumberNode n:
                return Scalar(R.Constant(n.Value));
            case NameNode n:
                if (indices.TryGetValue(n.Name, out var index)) return Scalar(R.Constant(index));
                if (dims.TryGetValue(n.Name, out var dim) && !values.ContainsKey(n.Name)) return Scalar(R.Constant(dim));
                if (model.Checker.Definitions.TryGetValue(n.Name, out var definition)) return Evaluate(definition.Node);
                return values[n.Name];
            case NegateNode n:
                return -Evaluate(n.Operand);
            case BinaryNode b:
                return Binary(b);
            case PowerNode p:
                return Power(p);
            case TransposeNode t:
                return Evaluate(t.Operand).Transpose();
            case IndexNode ix:
                return Index(ix);
            case CallNode c:
                return Call(c);
            case SumNode s:
                return Sum(s);
            case ExpectationNode e:
                return Expectation(e);
            case NormNode norm:
                throw new InvalidOperationException($"`{norm.Text}` is not polynomial; it is evaluated in floating point");
            default:
                throw new InvalidOperationException($"unknown node {node.GetType().Name}");
        }
    }

    private static M Scalar(R x) => M.Create(1, 1, (_, _) => x);

    private M Binary(BinaryNode b)
    {
        var l = Evaluate(b.Left);
        var r = Evaluate(b.Right);
        switch (b.Op)
        {
            case BinaryOp.Add: return l + r;
            case BinaryOp.Subtract: return l - r;
            case BinaryOp.Hadamard: return l.Hadamard(r);
            case BinaryOp.Kronecker: return l.Kronecker(r);
            case BinaryOp.Divide:
                if (r[0, 0].IsZero) throw new DomainException($"`{b.Text}` divides by zero (`{b.Right.Text}` = 0)");
                return l * (R.One / r[0, 0]);
            default:
                if (model.Checker.InfoOf(b.Left).Shape.IsScalar) return l[0, 0] * r;
                if (model.Checker.InfoOf(b.Right).Shape.IsScalar) return l * r[0, 0];
                return l * r;
        }
    }

    private M Power(PowerNode p)
    {
        var k = p.Exponent;
        if (k > 0 && k % 2 == 0)
        {
            switch (p.Base)
            {
                case NormNode { Kind: NormKind.Frobenius or NormKind.Spectral } n:
                    return Scalar(Evaluate(n.Operand).FrobeniusNormSquared().Pow(k / 2));
                case CallNode { Function: "sqrt" } c:
                    return Scalar(Evaluate(c.Arguments[0])[0, 0].Pow(k / 2));
                case CallNode { Function: "abs" } c:
                    return Evaluate(c.Arguments[0]).Map(x => x.Pow(k));
            }
        }
        var b = Evaluate(p.Base);
        if (model.Checker.InfoOf(p.Base).Shape.IsScalar)
        {
            if (k < 0 && b[0, 0].IsZero) throw new DomainException($"`{p.Text}` divides by zero (`{p.Base.Text}` = 0)");
            return Scalar(b[0, 0].Pow(k));
        }
        if (k < 0) b = Inverse(b, p);
        var result = M.Identity(b.Rows);
        for (var i = 0; i < Math.Abs(k); i++) result *= b;
        return result;
    }

    private M Index(IndexNode ix)
    {
        var target = Evaluate(ix.Target);
        var (rows, columns) = Ranges(ix, target.Rows, target.Columns);
        return M.Create(rows.Count, columns.Count, (i, j) => target[rows.Start + i, columns.Start + j]);
    }

    /// <summary>The 0-based row and column ranges an index node selects, checked against the target's size.</summary>
    public (IndexRange Rows, IndexRange Columns) Ranges(IndexNode ix, int rows, int columns) =>
        IndexRanges.Of(ix, rows, columns, model.Checker.InfoOf(ix.Target).Shape, IntegerOf);

    public int IntegerOf(Node node) => IndexRanges.Integer(node, name =>
        indices.TryGetValue(name, out var v) ? v : dims[name]);

    private M Call(CallNode c)
    {
        switch (c.Function)
        {
            case "I" or "eye": return M.Identity(Size(c.Arguments[0], c));
            case "ones" or "zeros":
            {
                var value = c.Function == "ones" ? R.One : R.Zero;
                return M.Create(Size(c.Arguments[0], c), c.Arguments.Count == 2 ? Size(c.Arguments[1], c) : 1, (_, _) => value);
            }
        }
        var a = Evaluate(c.Arguments[0]);
        switch (c.Function)
        {
            case "diag":
            {
                var shape = model.Checker.InfoOf(c.Arguments[0]).Shape;
                if (shape.IsColumn || shape.IsRow) return M.Diagonal(a);
                return M.Create(a.Rows, 1, (i, _) => a[i, i]);
            }
            case "tr" or "trace": return Scalar(a.Trace());
            case "inv": return Inverse(a, c);
            case "kron": return a.Kronecker(Evaluate(c.Arguments[1]));
            case "hadamard": return a.Hadamard(Evaluate(c.Arguments[1]));
            default: throw new InvalidOperationException($"`{c.Text}` is not polynomial; it is evaluated in floating point");
        }
    }

    private int Size(Node node, Node call)
    {
        var n = IntegerOf(node);
        if (n < 0 || n > DimensionRange.Limit * DimensionRange.Limit)
            throw new ClaimEvaluationException($"`{call.Text}`: the size {n} is outside 0..{DimensionRange.Limit * DimensionRange.Limit}");
        return n;
    }

    /// <summary>Gauss–Jordan elimination over rational functions (a pivot is any nonzero entry).</summary>
    private static M Inverse(M a, Node node)
    {
        var n = a.Rows;
        var w = new R[n, 2 * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                w[i, j] = a[i, j];
                w[i, n + j] = i == j ? R.One : R.Zero;
            }
        for (var col = 0; col < n; col++)
        {
            var pivot = -1;
            for (var i = col; i < n; i++)
                if (!w[i, col].IsZero && (pivot < 0 || w[i, col].TermCount < w[pivot, col].TermCount)) pivot = i;
            if (pivot < 0) throw new DomainException($"`{node.Text}` inverts a singular matrix");
            if (pivot != col)
                for (var j = 0; j < 2 * n; j++) (w[col, j], w[pivot, j]) = (w[pivot, j], w[col, j]);
            var inverse = R.One / w[col, col];
            for (var j = 0; j < 2 * n; j++) w[col, j] *= inverse;
            for (var i = 0; i < n; i++)
            {
                if (i == col || w[i, col].IsZero) continue;
                var factor = w[i, col];
                for (var j = 0; j < 2 * n; j++)
                    if (!w[col, j].IsZero) w[i, j] -= factor * w[col, j];
            }
        }
        return M.Create(n, n, (i, j) => w[i, n + j]);
    }

    private M Sum(SumNode s)
    {
        var (low, high) = (IntegerOf(s.Low), IntegerOf(s.High));
        var shape = model.Checker.InfoOf(s.Body).Shape.At(WithIndexDims());
        var total = M.Zero(shape.Rows, shape.Columns);
        for (var i = low; i <= high; i++)
        {
            indices[s.Index] = i;
            total += Evaluate(s.Body);
        }
        indices.Remove(s.Index);
        return total;
    }

    private IReadOnlyDictionary<string, int> WithIndexDims() => dims;

    private M Expectation(ExpectationNode e)
    {
        var body = Evaluate(e.Body);
        foreach (var z in e.Variables)
        {
            var symbol = model.Symbol(z);
            var names = values[z].Entries.SelectMany(x => x.Variables).ToArray();
            if (symbol.Kind == SymbolKind.Bernoulli)
            {
                var retain = Evaluate(symbol.Retain!)[0, 0];
                if (!retain.IsPolynomial) throw new ClaimEvaluationException($"the retain probability `{symbol.Retain!.Text}` of '{z}' must be a polynomial");
                var masks = BernoulliMasks.Create(retain.Numerator, names);
                body = body.Map(masks.Expectation);
            }
            else
            {
                var set = names.ToHashSet(StringComparer.Ordinal);
                body = body.Map(x => GaussianExpectation(x, set));
            }
        }
        return body;
    }

    /// <summary>E over independent standard Gaussians: each monomial g^k becomes its moment, (k−1)!! for even k and 0 for odd k.</summary>
    public static R GaussianExpectation(R f, IReadOnlySet<string> gaussians)
    {
        if (f.Denominator.Variables.Any(gaussians.Contains))
            throw new ClaimEvaluationException("the expectation over a Gaussian needs a denominator free of it");
        var terms = new List<Term>();
        foreach (var t in f.Numerator.Terms)
        {
            var coefficient = t.Coefficient;
            var rest = new List<KeyValuePair<string, int>>();
            foreach (var (name, exponent) in t.Monomial.Factors)
            {
                if (!gaussians.Contains(name)) { rest.Add(new(name, exponent)); continue; }
                if (exponent % 2 == 1) { coefficient = Fraction.Zero; break; }
                for (var k = exponent - 1; k > 1; k -= 2) coefficient *= k;
            }
            if (!coefficient.IsZero) terms.Add(new Term(coefficient, rest.Count == 0 ? Monomial.One : Monomial.Of(rest)));
        }
        return R.Create(Polynomial.FromTerms(terms), f.Denominator);
    }
}

/// <summary>A 0-based range of rows or columns.</summary>
public readonly record struct IndexRange(int Start, int Count);

/// <summary>Index arithmetic shared by the evaluators: 1-based indices as written, 0-based ranges, bounds checked.</summary>
public static class IndexRanges
{
    public static (IndexRange Rows, IndexRange Columns) Of(IndexNode ix, int rows, int columns, Shape shape, Func<Node, int> integer)
    {
        IndexRange One(IndexArg arg, int size)
        {
            if (arg.IsAll) return new IndexRange(0, size);
            var low = integer(arg.Low!);
            var high = arg.IsRange ? integer(arg.High!) : low;
            if (low < 1 || high > size || high < low - 1)
                throw new ClaimEvaluationException($"the index {(arg.IsRange ? $"{low}..{high}" : low.ToString())} in `{ix.Text}` is outside 1..{size}");
            return new IndexRange(low - 1, high - low + 1);
        }
        if (ix.Indices.Count == 2) return (One(ix.Indices[0], rows), One(ix.Indices[1], columns));
        return shape.IsColumn ? (One(ix.Indices[0], rows), new IndexRange(0, 1)) : (new IndexRange(0, 1), One(ix.Indices[0], columns));
    }

    public static int Integer(Node node, Func<string, int> lookup) => node switch
    {
        NumberNode n => (int)n.Value.ToBigInteger(),
        NameNode n => lookup(n.Name),
        NegateNode n => -Integer(n.Operand, lookup),
        BinaryNode { Op: BinaryOp.Add } b => checked(Integer(b.Left, lookup) + Integer(b.Right, lookup)),
        BinaryNode { Op: BinaryOp.Subtract } b => checked(Integer(b.Left, lookup) - Integer(b.Right, lookup)),
        BinaryNode { Op: BinaryOp.Multiply } b => checked(Integer(b.Left, lookup) * Integer(b.Right, lookup)),
        _ => throw new InvalidOperationException($"`{node.Text}` is not an index"),
    };
}
