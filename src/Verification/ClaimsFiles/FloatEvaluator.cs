using MathNet.Numerics.LinearAlgebra;
using Verification.ClaimsFiles.Syntax;
using Verification.Numerics;
using M = Verification.Symbolic.SymbolicMatrix;
using R = Verification.Symbolic.RationalFunction;

namespace Verification.ClaimsFiles;

/// <summary>How expectations over Bernoulli masks are computed in floating point (`eval --monte-carlo`, sample budget, seed).</summary>
public sealed record ExpectationSettings(bool MonteCarlo = false, long Samples = 1 << 12, ulong Seed = 1, double MaxWork = 1e11)
{
    public static ExpectationSettings Default { get; } = new();

    /// <summary>Masks enumerated one by one for an integrand that is not polynomial (2^14 evaluations at most).</summary>
    public const int EnumerationBits = 14;

    /// <summary>Widths the Gray-code kernel of the dropout form enumerates in a check or an eval (beyond: exact expectation).</summary>
    public const int KernelWidth = 20;
}

/// <summary>
/// Evaluates a claim's expressions in double precision on an instance, every entry with a rigorous error bound
/// (<see cref="Bounded"/>): sums and products by γ_n bounds, square roots by the modulus of continuity, singular values by
/// backward stability and Weyl's inequality, inverses by the perturbation bound ‖X̂‖²g/(1 − ‖X̂‖g). Expectations over
/// Bernoulli masks: the Gray-code kernel of the dropout checker when the integrand has its form ‖A − c·L diag(z) R‖_F²,
/// the exact expectation when the integrand is polynomial, enumeration of the masks when they are few, and Monte Carlo with
/// the empirical-Bernstein interval otherwise (or when asked); over Gaussians, the exact expectation (from the moments).
/// </summary>
public sealed class FloatEvaluator
{
    private const double U = Rounding.UnitRoundoff;

    private readonly ClaimModel model;
    private readonly IReadOnlyDictionary<string, int> dims;
    private readonly Dictionary<string, Matrix<double>> values;
    private readonly Dictionary<string, int> indices = new(StringComparer.Ordinal);
    private readonly ExpectationSettings settings;
    private readonly SortedSet<string> methods = new(StringComparer.Ordinal);
    private Dictionary<string, M>? exactValues;

    public FloatEvaluator(ClaimModel model, IReadOnlyDictionary<string, int> dims, IReadOnlyDictionary<string, Matrix<double>> deterministic, ExpectationSettings settings)
    {
        this.model = model;
        this.dims = dims;
        this.settings = settings;
        values = new Dictionary<string, Matrix<double>>(deterministic, StringComparer.Ordinal);
    }

    /// <summary>How the expectations of the evaluation were computed, for the explanation of the outcome.</summary>
    public IReadOnlyCollection<string> Methods => methods;

    public ClaimModel Model => model;
    public IReadOnlyDictionary<string, int> Dims => dims;
    public ExpectationSettings Settings => settings;
    public void Note(string method) => methods.Add(method);

    public Bounded Evaluate(Node node)
    {
        switch (node)
        {
            case NumberNode n:
                return Bounded.Scalar(Doubles.Of(n.Value), n.Value.Denominator.IsOne || IsDyadic(n) ? 0 : U * Math.Abs(Doubles.Of(n.Value)));
            case NameNode n:
                if (indices.TryGetValue(n.Name, out var index)) return Bounded.Scalar(index);
                if (dims.TryGetValue(n.Name, out var dim) && !values.ContainsKey(n.Name)) return Bounded.Scalar(dim);
                if (model.Checker.Definitions.TryGetValue(n.Name, out var definition)) return Evaluate(definition.Node);
                return Bounded.Exact(values[n.Name]);
            case NegateNode n:
                return -Evaluate(n.Operand);
            case BinaryNode b:
                return Binary(b);
            case PowerNode p:
                return Power(p);
            case TransposeNode t:
                return Evaluate(t.Operand).Transpose();
            case IndexNode ix:
            {
                var target = Evaluate(ix.Target);
                var (rows, columns) = IndexRanges.Of(ix, target.Rows, target.Columns, model.Checker.InfoOf(ix.Target).Shape, IntegerOf);
                return Bounded.Create(rows.Count, columns.Count, (i, j) => (target[rows.Start + i, columns.Start + j], target.ErrorAt(rows.Start + i, columns.Start + j)));
            }
            case NormNode norm:
                return Norm(norm);
            case CallNode c:
                return Call(c);
            case SumNode s:
                return Sum(s);
            case ExpectationNode e:
                return Expectations.Evaluate(this, e);
            default:
                throw new InvalidOperationException($"unknown node {node.GetType().Name}");
        }
    }

    private static bool IsDyadic(NumberNode n) => n.Value.Denominator.IsPowerOfTwo && n.Value.Denominator.GetBitLength() < 1000;

    public int IntegerOf(Node node) => IndexRanges.Integer(node, name => indices.TryGetValue(name, out var v) ? v : dims[name]);

    private Bounded Binary(BinaryNode b)
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
                if (r[0, 0] == 0 && r.ErrorAt(0, 0) == 0) throw new DomainException($"`{b.Text}` divides by zero (`{b.Right.Text}` = 0)");
                return l.Map((x, e) => Bounded.Divide(x, e, r[0, 0], r.ErrorAt(0, 0)));
            default:
                if (model.Checker.InfoOf(b.Left).Shape.IsScalar) return r.Scale(l[0, 0], l.ErrorAt(0, 0));
                if (model.Checker.InfoOf(b.Right).Shape.IsScalar) return l.Scale(r[0, 0], r.ErrorAt(0, 0));
                return l * r;
        }
    }

    private Bounded Power(PowerNode p)
    {
        var k = p.Exponent;
        if (k > 0 && k % 2 == 0 && p.Base is NormNode { Kind: NormKind.Frobenius } or NormNode { Kind: NormKind.Spectral } && IsVectorOrFrobenius(p.Base))
        {
            var (s, e) = Evaluate(((NormNode)p.Base).Operand).SumOfSquares();
            return IntegerPower(Bounded.Scalar(s, e), k / 2);
        }
        var b = Evaluate(p.Base);
        if (model.Checker.InfoOf(p.Base).Shape.IsScalar)
        {
            if (k >= 0) return IntegerPower(b, k);
            if (b[0, 0] == 0 && b.ErrorAt(0, 0) == 0) throw new DomainException($"`{p.Text}` divides by zero (`{p.Base.Text}` = 0)");
            var positive = IntegerPower(b, -k);
            var (v, err) = Bounded.Divide(1, 0, positive[0, 0], positive.ErrorAt(0, 0));
            return Bounded.Scalar(v, err);
        }
        if (k < 0) b = Inverse(b, p);
        var result = Bounded.Exact(Matrix<double>.Build.DenseIdentity(b.Rows));
        for (var i = 0; i < Math.Abs(k); i++) result *= b;
        return result;
    }

    private bool IsVectorOrFrobenius(Node norm) =>
        norm is NormNode { Kind: NormKind.Frobenius } || (norm is NormNode n && model.Checker.InfoOf(n.Operand).Shape is var s && (s.IsColumn || s.IsRow));

    private static Bounded IntegerPower(Bounded b, int k)
    {
        var (v, e) = (1.0, 0.0);
        for (var i = 0; i < k; i++) (v, e) = Bounded.Multiply(v, e, b[0, 0], b.ErrorAt(0, 0));
        return Bounded.Scalar(v, e);
    }

    private Bounded Norm(NormNode node)
    {
        var a = Evaluate(node.Operand);
        var shape = model.Checker.InfoOf(node.Operand).Shape;
        if (node.Kind == NormKind.Frobenius || shape.IsColumn || shape.IsRow)
        {
            var (s, e) = a.SumOfSquares();
            var (v, err) = Bounded.Sqrt(s, e, () => $"`{node.Text}`");
            return Bounded.Scalar(v, err);
        }
        var matrix = a.ToMatrix();
        CheckFinite(matrix, node);
        var sigma = Verification.LinearAlgebra.Svd.Of(matrix, vectors: false).S;
        var k = Math.Min(a.Rows, a.Columns);
        var top = k == 0 ? 0 : sigma[0];
        // Backward stability (p(m,n)·u·σ₁ with p = m·n, taken conservatively, doubled) and Weyl's inequality for the entry errors.
        var perSigma = 4.0 * a.Rows * a.Columns * U * top + a.ErrorNorm();
        if (node.Kind == NormKind.Spectral) return Bounded.Scalar(top, perSigma + 2 * U * top);
        var nuclear = sigma.Sum();
        return Bounded.Scalar(nuclear, k * perSigma + 2 * Rounding.Gamma(k + 1) * nuclear);
    }

    private static void CheckFinite(Matrix<double> m, Node node)
    {
        if (m.Enumerate().Any(x => !double.IsFinite(x))) throw new NonFiniteException($"`{node.Text}` has a non-finite entry");
    }

    private Bounded Call(CallNode c)
    {
        switch (c.Function)
        {
            case "I" or "eye": return Bounded.Exact(Matrix<double>.Build.DenseIdentity(IntegerOf(c.Arguments[0])));
            case "ones" or "zeros":
            {
                var rows = IntegerOf(c.Arguments[0]);
                var columns = c.Arguments.Count == 2 ? IntegerOf(c.Arguments[1]) : 1;
                return Bounded.Create(rows, columns, (_, _) => (c.Function == "ones" ? 1 : 0, 0));
            }
            case "max" or "min":
            {
                var args = c.Arguments.Select(Evaluate).ToList();
                var entries = args.SelectMany(a => a.Values.Zip(a.Errors)).ToList();
                var chosen = c.Function == "max" ? entries.MaxBy(t => t.First) : entries.MinBy(t => t.First);
                return Bounded.Scalar(chosen.First, entries.Max(t => t.Second));
            }
        }
        var a = Evaluate(c.Arguments[0]);
        switch (c.Function)
        {
            case "diag":
            {
                var shape = model.Checker.InfoOf(c.Arguments[0]).Shape;
                if (shape.IsColumn || shape.IsRow)
                {
                    var n = a.Values.Length;
                    return Bounded.Create(n, n, (i, j) => i == j ? (a.Values[i], a.Errors[i]) : (0, 0));
                }
                return Bounded.Create(a.Rows, 1, (i, _) => (a[i, i], a.ErrorAt(i, i)));
            }
            case "tr" or "trace":
            {
                var (v, e) = (0.0, 0.0);
                for (var i = 0; i < a.Rows; i++) (v, e) = Bounded.Add(v, e, a[i, i], a.ErrorAt(i, i));
                return Bounded.Scalar(v, e);
            }
            case "inv": return Inverse(a, c);
            case "sqrt":
            {
                var (v, e) = Bounded.Sqrt(a[0, 0], a.ErrorAt(0, 0), () => $"`{c.Text}`");
                return Bounded.Scalar(v, e);
            }
            case "abs": return a.Map((x, e) => (Math.Abs(x), e));
            case "kron": return a.Kronecker(Evaluate(c.Arguments[1]));
            case "hadamard": return a.Hadamard(Evaluate(c.Arguments[1]));
            default: throw new InvalidOperationException($"unknown function {c.Function}");
        }
    }

    /// <summary>
    /// X̂ = inv(Â). With A = Â + Δ (‖Δ‖ ≤ ε, the entry errors) and the backward error of the inversion c = 4n²u‖Â‖_F,
    /// X̂ = (A + G)⁻¹ with ‖G‖ ≤ g = ε + c, and ‖X̂ − A⁻¹‖ ≤ ‖X̂‖²g/(1 − ‖X̂‖g) while ‖X̂‖g &lt; 1/2 (else no bound).
    /// </summary>
    private static Bounded Inverse(Bounded a, Node node)
    {
        var m = a.ToMatrix();
        CheckFinite(m, node);
        var x = m.Inverse();
        if (x.Enumerate().Any(v => !double.IsFinite(v))) throw new DomainException($"`{node.Text}` inverts a singular matrix");
        var n = a.Rows;
        var g = a.ErrorNorm() + 4.0 * n * n * U * m.FrobeniusNorm();
        var normX = x.FrobeniusNorm();
        var bound = normX * g < 0.5 ? normX * normX * g / (1 - normX * g) : double.PositiveInfinity;
        return Bounded.Create(n, n, (i, j) => (x[i, j], bound));
    }

    private Bounded Sum(SumNode s)
    {
        var (low, high) = (IntegerOf(s.Low), IntegerOf(s.High));
        var (rows, columns) = model.Checker.InfoOf(s.Body).Shape.At(dims);
        var total = Bounded.Create(rows, columns, (_, _) => (0, 0));
        for (var i = low; i <= high; i++)
        {
            indices[s.Index] = i;
            total += Evaluate(s.Body);
        }
        indices.Remove(s.Index);
        return total;
    }

    /// <summary>Binds a random symbol to a draw (a mask, a Gaussian sample) while an expectation is enumerated or sampled.</summary>
    public void Bind(string name, Matrix<double>? value)
    {
        if (value is null) values.Remove(name);
        else values[name] = value;
    }

    /// <summary>The exact value of a polynomial subexpression at this instance (its doubles read as the rationals they are).</summary>
    public M Exactly(Node node)
    {
        exactValues ??= values.Where(p => !model.Symbol(p.Key).IsRandom)
            .ToDictionary(p => p.Key, p => M.Create(p.Value.RowCount, p.Value.ColumnCount, (i, j) => R.Constant(Numerics.Exact.FromDouble(p.Value[i, j]))), StringComparer.Ordinal);
        using var budget = Symbolic.WorkBudget.Limit(FileClaims.ExactWorkBudget);
        return new ExactEvaluator(model, dims, exactValues).WithIndices(indices).Evaluate(node);
    }

    /// <summary>
    /// An upper bound on |entry| over every value of the <paramref name="sampled"/> symbols (masks in {0, 1}): the range of a
    /// Monte Carlo average. Subexpressions free of them are evaluated; the rest is bounded structurally (triangle inequality,
    /// products of bounds, monotone norms); +∞ when no bound follows (a division or an inverse of a sampled quantity).
    /// </summary>
    public Bounded Majorant(Node node, IReadOnlySet<string> sampled)
    {
        if (!model.Checker.InfoOf(node).Random.Overlaps(sampled))
        {
            var v = Evaluate(node);
            return Bounded.Create(v.Rows, v.Columns, (i, j) => (Math.Abs(v[i, j]) + v.ErrorAt(i, j), 0));
        }
        switch (node)
        {
            case NameNode n when sampled.Contains(n.Name):
            {
                var (rows, columns) = model.Symbol(n.Name).Shape.At(dims);
                return Bounded.Create(rows, columns, (_, _) => (1, 0));
            }
            case NameNode n when model.Checker.Definitions.TryGetValue(n.Name, out var d):
                return Majorant(d.Node, sampled);
            case NegateNode n:
                return Majorant(n.Operand, sampled);
            case BinaryNode b:
            {
                var (l, r) = (Majorant(b.Left, sampled), Majorant(b.Right, sampled));
                switch (b.Op)
                {
                    case BinaryOp.Add or BinaryOp.Subtract: return Up(l, r, (x, y) => x + y);
                    case BinaryOp.Hadamard: return Up(l, r, (x, y) => x * y);
                    case BinaryOp.Kronecker: return l.Kronecker(r).Map((x, _) => (x * (1 + 4 * U), 0));
                    case BinaryOp.Divide:
                    {
                        var divisor = Evaluate(b.Right);
                        var low = Math.Abs(divisor[0, 0]) - divisor.ErrorAt(0, 0);
                        return l.Map((x, _) => (low > 0 ? x / low * (1 + 4 * U) : double.PositiveInfinity, 0));
                    }
                    default:
                        if (model.Checker.InfoOf(b.Left).Shape.IsScalar) return r.Map((x, _) => (x * l[0, 0] * (1 + 4 * U), 0));
                        if (model.Checker.InfoOf(b.Right).Shape.IsScalar) return l.Map((x, _) => (x * r[0, 0] * (1 + 4 * U), 0));
                        return (l * r).Map((x, _) => (x * (1 + 2 * Rounding.Gamma(l.Columns + 2)), 0));
                }
            }
            case PowerNode p when p.Exponent >= 0:
            {
                var b = Majorant(p.Base, sampled);
                if (model.Checker.InfoOf(p.Base).Shape.IsScalar) return Bounded.Scalar(Math.Pow(b[0, 0], p.Exponent) * (1 + 4 * p.Exponent * U));
                var result = Bounded.Exact(Matrix<double>.Build.DenseIdentity(b.Rows));
                for (var i = 0; i < p.Exponent; i++) result = (result * b).Map((x, _) => (x * (1 + 2 * Rounding.Gamma(b.Rows + 2)), 0));
                return result;
            }
            case TransposeNode t:
                return Majorant(t.Operand, sampled).Transpose();
            case IndexNode ix:
            {
                var target = Majorant(ix.Target, sampled);
                var (rows, columns) = IndexRanges.Of(ix, target.Rows, target.Columns, model.Checker.InfoOf(ix.Target).Shape, IntegerOf);
                return Bounded.Create(rows.Count, columns.Count, (i, j) => (target[rows.Start + i, columns.Start + j], 0));
            }
            case NormNode norm:
            {
                var a = Majorant(norm.Operand, sampled);
                var f = Math.Sqrt(a.Values.Sum(x => x * x)) * (1 + 4 * U * (a.Values.Length + 2));
                // ‖A‖₂ ≤ ‖A‖_F ≤ ‖|A|‖_F and ‖A‖_* ≤ √min(m,n)·‖A‖_F.
                return Bounded.Scalar(norm.Kind == NormKind.Nuclear ? f * Math.Sqrt(Math.Min(a.Rows, a.Columns)) * (1 + 4 * U) : f);
            }
            case CallNode c when c.Function is "sqrt":
                return Bounded.Scalar(Math.Sqrt(Majorant(c.Arguments[0], sampled)[0, 0]) * (1 + 4 * U));
            case CallNode c when c.Function is "abs":
                return Majorant(c.Arguments[0], sampled);
            case CallNode c when c.Function is "max" or "min":
                return Bounded.Scalar(c.Arguments.Select(a => Majorant(a, sampled)).SelectMany(b => b.Values).Max());
            case CallNode c when c.Function is "diag":
            {
                var a = Majorant(c.Arguments[0], sampled);
                var shape = model.Checker.InfoOf(c.Arguments[0]).Shape;
                if (shape.IsColumn || shape.IsRow) return Bounded.Create(a.Values.Length, a.Values.Length, (i, j) => (i == j ? a.Values[i] : 0, 0));
                return Bounded.Create(a.Rows, 1, (i, _) => (a[i, i], 0));
            }
            case CallNode c when c.Function is "tr" or "trace":
            {
                var a = Majorant(c.Arguments[0], sampled);
                return Bounded.Scalar(Enumerable.Range(0, a.Rows).Sum(i => a[i, i]) * (1 + 2 * Rounding.Gamma(a.Rows + 1)));
            }
            case CallNode c when c.Function is "kron" or "hadamard":
            {
                var (l, r) = (Majorant(c.Arguments[0], sampled), Majorant(c.Arguments[1], sampled));
                return (c.Function == "kron" ? l.Kronecker(r) : l.Hadamard(r)).Map((x, _) => (x * (1 + 4 * U), 0));
            }
            case SumNode s:
            {
                var (low, high) = (IntegerOf(s.Low), IntegerOf(s.High));
                var (rows, columns) = model.Checker.InfoOf(s.Body).Shape.At(dims);
                var total = Bounded.Create(rows, columns, (_, _) => (0, 0));
                for (var i = low; i <= high; i++)
                {
                    indices[s.Index] = i;
                    total = Up(total, Majorant(s.Body, sampled), (x, y) => x + y);
                }
                indices.Remove(s.Index);
                return total;
            }
            case ExpectationNode e:
                return Majorant(e.Body, sampled);
            default:
            {
                var (rows, columns) = model.Checker.InfoOf(node).Shape.At(dims);
                return Bounded.Create(rows, columns, (_, _) => (double.PositiveInfinity, 0));
            }
        }
    }

    private static Bounded Up(Bounded a, Bounded b, Func<double, double, double> f) =>
        Bounded.Create(a.Rows, a.Columns, (i, j) => (f(a[i, j], b[i, j]) * (1 + 4 * U), 0));
}
