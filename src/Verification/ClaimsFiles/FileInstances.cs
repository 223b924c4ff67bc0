using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.ClaimsFiles;

/// <summary>
/// The instance type of a file claim: dimensions that grow with the FsCheck size and reach both ends of every declared
/// range (the largest shape is mixed in on purpose), values of every deterministic symbol (small rationals and integers for
/// an exact claim, every matrix style for a floating one; scalars inside their declared ranges, ends included when closed),
/// a shrinker toward small dimensions and small integers, a description, and the reader of `eval`.
/// </summary>
public static class FileInstances
{
    public static InstanceType<FileInstance> For(ClaimModel model)
    {
        var mode = model.IsExact ? InstanceMode.Exact : InstanceMode.Floating;
        var name = $"instances of {model.Id} ({string.Join(", ", model.Dimensions)}; {(mode == InstanceMode.Exact ? "exact rationals" : "doubles")})";
        return InstanceType.Create(name, Generator(model, mode), i => Shrink(model, i), i => Describe(model, i)) with
        {
            Reader = input => Read(model, input),
            Inputs = Inputs(model),
            SampleInput = Sample(model),
            Measure = i => i.Dimensions.ToDictionary(d => d.Key, d => d.Value),
            Sizes = model.Dimensions.Select(d => new SizeRange(d.Name, d.Min, d.Max)).ToArray(),
        };
    }

    public static Gen<FileInstance> Generator(ClaimModel model, InstanceMode mode) => Gen.Sized(size =>
        from dims in Dimensions(model, size)
        from values in Values(model, mode, dims)
        select new FileInstance(mode, dims, values));

    /// <summary>Each dimension up to its cap at this size (its minimum, its cap, or in between); at full size, half the time all at their maximum.</summary>
    private static Gen<IReadOnlyList<KeyValuePair<string, int>>> Dimensions(ClaimModel model, int size)
    {
        if (model.Dimensions.Count == 0) return Gen.Constant<IReadOnlyList<KeyValuePair<string, int>>>([]);
        int Cap(DimensionRange d) => d.Min + (d.Max - d.Min) * Math.Clamp(size, 0, 60) / 60;
        var any = model.Dimensions.Aggregate(Gen.Constant(new List<KeyValuePair<string, int>>()), (acc, d) =>
            from list in acc
            from v in Gen.Frequency((1, Gen.Constant(d.Min)), (1, Gen.Constant(Cap(d))), (2, Gen.Choose(d.Min, Cap(d))))
            select new List<KeyValuePair<string, int>>(list) { new(d.Name, v) });
        var largest = Gen.Constant(model.Dimensions.Select(d => new KeyValuePair<string, int>(d.Name, d.Max)).ToList());
        var gen = model.Dimensions.All(d => Cap(d) == d.Max) ? Gen.Frequency((1, largest), (1, any)) : any;
        return gen.Select(l => (IReadOnlyList<KeyValuePair<string, int>>)l);
    }

    private static Gen<IReadOnlyList<SymbolValue>> Values(ClaimModel model, InstanceMode mode, IReadOnlyList<KeyValuePair<string, int>> dims)
    {
        var map = dims.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        var gen = Gen.Constant(new List<SymbolValue>());
        foreach (var s in model.Deterministic)
        {
            var (rows, columns) = s.Shape.At(map);
            Gen<SymbolValue> value = s.Kind == SymbolKind.Scalar
                ? (mode == InstanceMode.Exact
                    ? ExactScalar(s.Range).Select(x => new SymbolValue(s.Name, ExactMatrix.Create(1, 1, (_, _) => x), null))
                    : FloatingScalar(s.Range).Select(x => new SymbolValue(s.Name, null, Matrix<double>.Build.Dense(1, 1, x))))
                : (mode == InstanceMode.Exact
                    ? ExactEntries(rows, columns).Select(m => new SymbolValue(s.Name, m, null))
                    : Matrices.Any(rows, columns).Select(m => new SymbolValue(s.Name, null, m)));
            gen = from list in gen from v in value select new List<SymbolValue>(list) { v };
        }
        return gen.Select(l => (IReadOnlyList<SymbolValue>)l);
    }

    /// <summary>Small rationals p/q (not only dyadic), small integers, and now and then a zero column.</summary>
    private static Gen<ExactMatrix> ExactEntries(int rows, int columns)
    {
        var entry = Gen.Frequency((3, Rationals.Small()), (2, Gen.Choose(-2, 2).Select(k => new Fraction(k))));
        var dense = Gen.ArrayOf(entry, rows * columns).Select(a => ExactMatrix.Create(rows, columns, (i, j) => a[i * columns + j]));
        var zeroColumn = from m in dense from j in Gen.Choose(0, Math.Max(0, columns - 1))
                         select ExactMatrix.Create(rows, columns, (i, k) => k == j ? Fraction.Zero : m[i, k]);
        return Gen.Frequency((5, dense), (1, zeroColumn));
    }

    private static IReadOnlyList<Fraction> Nice { get; } =
        new[] { 0, 1, -1, 2, -2, 3 }.Select(k => new Fraction(k))
            .Concat(new[] { (1, 2), (-1, 2), (1, 4), (3, 4), (1, 3), (2, 3), (1, 8), (7, 8), (3, 2), (5, 2) }.Select(t => new Fraction(t.Item1, t.Item2)))
            .ToArray();

    /// <summary>Exact values inside a declared range: its closed ends, simple fractions inside it, and random rational points.</summary>
    public static Gen<Fraction> ExactScalar(Interval range)
    {
        var ends = new List<Fraction>();
        if (range is { Low: { } low, LowClosed: true }) ends.Add(low);
        if (range is { High: { } high, HighClosed: true }) ends.Add(high);
        var nice = Nice.Where(range.Contains).ToArray();
        var interior = range switch
        {
            { Low: { } lo, High: { } hi } => from q in Gen.Choose(2, 9) from k in Gen.Choose(1, q - 1) select lo + (hi - lo) * new Fraction(k, q),
            { Low: { } lo } => from p in Gen.Choose(1, 16) from q in Gen.Choose(1, 4) select lo + new Fraction(p, q),
            { High: { } hi } => from p in Gen.Choose(1, 16) from q in Gen.Choose(1, 4) select hi - new Fraction(p, q),
            _ => Rationals.Small(6, 4),
        };
        var options = new List<(int, Gen<Fraction>)> { (4, interior) };
        if (ends.Count > 0) options.Add((1, Gen.Elements(ends.ToArray())));
        if (nice.Length > 0) options.Add((2, Gen.Elements(nice)));
        return Gen.Frequency(options.ToArray());
    }

    /// <summary>Doubles inside a declared range: the exact values above, and uniform draws for a bounded range.</summary>
    public static Gen<double> FloatingScalar(Interval range)
    {
        var exact = ExactScalar(range).Select(x => x.ToDoubleAnyScale()).Where(range.Contains);
        if (range is not { Low: { } lo, High: { } hi }) return exact;
        var (a, b) = (lo.ToDoubleAnyScale(), hi.ToDoubleAnyScale());
        var uniform = Scalars.Unit.Select(u => a + (b - a) * (0.02 + 0.96 * u)).Where(range.Contains);
        return Gen.Frequency((3, exact), (2, uniform));
    }

    /// <summary>
    /// One dimension smaller (keeping the leading rows and columns of every symbol); then simpler scalars within their ranges;
    /// then simpler entries (all rounded, then one entry at a time: 0, the nearest integer, ±1). A symbolic instance shrinks
    /// its dimensions only.
    /// </summary>
    public static IEnumerable<FileInstance> Shrink(ClaimModel model, FileInstance instance)
    {
        foreach (var d in model.Dimensions)
        {
            var current = instance.DimensionMap[d.Name];
            if (current <= d.Min) continue;
            var dims = instance.Dimensions.Select(p => p.Key == d.Name ? new KeyValuePair<string, int>(p.Key, current - 1) : p).ToList();
            var map = dims.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var dimension = Symbolic.Polynomial.Variable(d.Name);
            // Remove one index of the dimension (the last first, then each other one); a compound shape (r*b) keeps its leading block.
            var positions = instance.Mode == InstanceMode.Symbolic ? 1 : Math.Min(current, 8);
            for (var k = 0; k < positions; k++)
            {
                var removed = current - 1 - k;
                var values = instance.Values.Select(v =>
                {
                    var symbol = model.Symbol(v.Name);
                    var (rows, columns) = symbol.Shape.At(map);
                    if (rows == v.Rows && columns == v.Columns) return v;
                    int Source(int index, Symbolic.Polynomial shape, int size, int newSize) =>
                        shape == dimension && size == newSize + 1 && index >= removed ? index + 1 : index;
                    return new SymbolValue(v.Name,
                        v.Exact is { } e ? ExactMatrix.Create(rows, columns, (i, j) => e[Source(i, symbol.Shape.Rows, v.Rows, rows), Source(j, symbol.Shape.Columns, v.Columns, columns)]) : null,
                        v.Floating is { } f ? Matrix<double>.Build.Dense(rows, columns, (i, j) => f[Source(i, symbol.Shape.Rows, v.Rows, rows), Source(j, symbol.Shape.Columns, v.Columns, columns)]) : null);
                }).ToList();
                yield return instance with { Dimensions = dims, Values = values };
            }
        }
        if (instance.Mode == InstanceMode.Symbolic) yield break;
        for (var k = 0; k < instance.Values.Count; k++)
        {
            var v = instance.Values[k];
            var symbol = model.Symbol(v.Name);
            IEnumerable<SymbolValue> simpler;
            if (symbol.Kind == SymbolKind.Scalar)
                simpler = v.Exact is { } e
                    ? SimplerScalars(e[0, 0]).Where(symbol.Range.Contains).Select(x => v with { Exact = ExactMatrix.Create(1, 1, (_, _) => x) })
                    : SimplerScalars(Exact.FromDouble(v.Floating![0, 0])).Where(symbol.Range.Contains)
                        .Select(x => v with { Floating = Matrix<double>.Build.Dense(1, 1, x.ToDoubleAnyScale()) });
            else
                simpler = v.Exact is { } e
                    ? SimplerEntries(e).Select(m => v with { Exact = m })
                    : Generators.Shrink.Entries(v.Floating!).Select(m => v with { Floating = m });
            foreach (var s in simpler)
            {
                var values = instance.Values.ToList();
                values[k] = s;
                yield return instance with { Values = values };
            }
        }
    }

    private static IEnumerable<Fraction> SimplerScalars(Fraction x)
    {
        var candidates = new List<Fraction> { Fraction.Zero, Fraction.One, new(1, 2), Round(x), -Fraction.One, new(2) };
        if (x < Fraction.Zero) candidates.Add(-x);
        return candidates.Distinct().Where(c => c != x && Weight(c) < Weight(x));
    }

    /// <summary>A measure of simplicity: numerator and denominator sizes, so that shrinking always makes progress.</summary>
    private static double Weight(Fraction x) => Math.Abs(x.Numerator.GetBitLength() * 1.0) + x.Denominator.GetBitLength() * 2.0 + (x < Fraction.Zero ? 0.5 : 0);

    private static Fraction Round(Fraction x) => new(BigRound(x));

    private static System.Numerics.BigInteger BigRound(Fraction x) =>
        System.Numerics.BigInteger.Divide(x.Numerator * 2 + (x >= Fraction.Zero ? x.Denominator : -x.Denominator), x.Denominator * 2);

    private static IEnumerable<ExactMatrix> SimplerEntries(ExactMatrix m)
    {
        var rounded = ExactMatrix.Create(m.RowCount, m.ColumnCount, (i, j) => Round(m[i, j]));
        if (Enumerable.Range(0, m.RowCount).Any(i => Enumerable.Range(0, m.ColumnCount).Any(j => rounded[i, j] != m[i, j]))) yield return rounded;
        for (var i = 0; i < m.RowCount; i++)
            for (var j = 0; j < m.ColumnCount; j++)
            {
                var x = m[i, j];
                if (x.IsZero) continue;
                var candidates = new List<Fraction> { Fraction.Zero, Round(x), x > Fraction.Zero ? Fraction.One : -Fraction.One };
                if (x < Fraction.Zero) candidates.Add(-x);
                foreach (var c in candidates.Distinct().Where(c => c != x && Weight(c) < Weight(x)))
                    yield return ExactMatrix.Create(m.RowCount, m.ColumnCount, (a, b) => a == i && b == j ? c : m[a, b]);
            }
    }

    public static IReadOnlyList<NamedValue> Describe(ClaimModel model, FileInstance instance)
    {
        var described = instance.Dimensions.Select(d => new NamedValue(d.Key, Value.Of(d.Value))).ToList();
        if (instance.Mode == InstanceMode.Symbolic)
        {
            described.Add(new NamedValue("symbols", Value.Of("symbolic: every entry of " + string.Join(", ", model.Deterministic.Select(s => s.Name)) + " is a variable")));
            return described;
        }
        foreach (var v in instance.Values)
        {
            var scalar = model.Symbol(v.Name).Kind == SymbolKind.Scalar;
            described.Add(new NamedValue(v.Name, v.Exact is { } e
                ? scalar ? Value.Of(e[0, 0]) : Value.Of(e)
                : scalar ? Value.Of(v.Floating![0, 0]) : Value.Of(v.Floating!)));
        }
        return described;
    }

    public static IReadOnlyList<InputField> Inputs(ClaimModel model)
    {
        var fields = model.Deterministic.Select(s => new InputField(s.Name, s.Kind switch
        {
            SymbolKind.Scalar => s.Describe(),
            SymbolKind.Vector => $"vector of length {s.Shape.Rows.ToInfix()}, as an array of rows ([[1], [2]]) or a flat array",
            _ => $"{s.Shape} matrix (array of rows)",
        })).ToList();
        foreach (var d in UnfixedDimensions(model)) fields.Add(new InputField(d, "dimension (an integer), not fixed by the shape of any matrix"));
        if (model.IsExact) fields.Add(new InputField("exact", "optional: true reads entries as exact rationals (\"p/q\" strings allowed) and evaluates exactly"));
        return fields;
    }

    /// <summary>Dimensions that no deterministic symbol's shape fixes alone (such as the width of a mask): `eval` reads them as integers.</summary>
    private static IEnumerable<string> UnfixedDimensions(ClaimModel model)
    {
        var fixedByShape = model.Deterministic.SelectMany(s => new[] { s.Shape.Rows, s.Shape.Columns })
            .Where(p => p.IsMonomial && p.Degree == 1 && p.LeadingTerm.Coefficient == Fraction.One).Select(p => p.Variables[0]).ToHashSet();
        return model.Dimensions.Select(d => d.Name).Where(d => !fixedByShape.Contains(d));
    }

    /// <summary>A small sample input: every dimension at its minimum, entries 1, 0, −1, … in turn, scalars at a simple value of their range.</summary>
    public static string Sample(ClaimModel model)
    {
        var dims = model.Dimensions.ToDictionary(d => d.Name, d => d.Min, StringComparer.Ordinal);
        var sb = new StringBuilder("{ ");
        var parts = new List<string>();
        var k = 0;
        foreach (var s in model.Deterministic)
        {
            if (s.Kind == SymbolKind.Scalar)
            {
                var x = Nice.Where(s.Range.Contains).Cast<Fraction?>().FirstOrDefault(v => v != Fraction.Zero) ?? Engine.Runner.Generate(ExactScalar(s.Range), 1, 1);
                parts.Add($"\"{s.Name}\": \"{Exact.Format(x)}\"");
                continue;
            }
            var (rows, columns) = s.Shape.At(dims);
            var matrix = Enumerable.Range(0, rows).Select(i => "[" + string.Join(", ", Enumerable.Range(0, columns).Select(_ => (k++ % 3) switch { 0 => "1", 1 => "2", _ => "-1" })) + "]");
            parts.Add($"\"{s.Name}\": [{string.Join(", ", matrix)}]");
        }
        foreach (var d in UnfixedDimensions(model)) parts.Add($"\"{d}\": {dims[d]}");
        sb.Append(string.Join(", ", parts)).Append(" }");
        return sb.ToString();
    }

    /// <summary>
    /// `eval`: every deterministic symbol by name (scalars checked against their ranges), the dimensions read off the shapes
    /// (and checked for consistency), dimensions no shape fixes as integers. "exact": true reads exact rationals.
    /// </summary>
    public static FileInstance Read(ClaimModel model, InputReader input)
    {
        var exact = input.IsExact;
        if (exact && !model.IsExact) throw new InputException($"claim '{model.Id}' evaluates in floating point ({model.Inexact}): drop \"exact\": true");
        var dims = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<SymbolValue>();
        foreach (var s in model.Deterministic)
        {
            if (s.Kind == SymbolKind.Scalar)
            {
                var x = exact ? input.ExactScalar(s.Name) : Exact.FromDouble(input.Scalar(s.Name));
                if (!s.Range.Contains(x)) throw new InputException($"{s.Name} must lie in {s.Range}, got {Exact.Format(x)}");
                values.Add(exact ? new SymbolValue(s.Name, ExactMatrix.Create(1, 1, (_, _) => x), null) : new SymbolValue(s.Name, null, Matrix<double>.Build.Dense(1, 1, x.ToDoubleAnyScale())));
                continue;
            }
            SymbolValue v = exact ? new SymbolValue(s.Name, input.ExactMatrix(s.Name), null) : new SymbolValue(s.Name, null, input.Matrix(s.Name));
            if (s.Kind == SymbolKind.Vector && v.Rows == 1 && v.Columns > 1)
                v = new SymbolValue(s.Name, v.Exact?.Transpose(), v.Floating?.Transpose());
            Bind(dims, s.Shape.Rows, v.Rows, s.Name, "rows");
            Bind(dims, s.Shape.Columns, v.Columns, s.Name, "columns");
            values.Add(v);
        }
        foreach (var d in UnfixedDimensions(model).Where(d => !dims.ContainsKey(d)))
        {
            if (!input.Has(d)) throw new InputException($"the dimension '{d}' is not fixed by the shape of any input: give it, e.g. \"{d}\": 2");
            var n = input.Integer(d);
            if (n < 1 || n > DimensionRange.Limit) throw new InputException($"\"{d}\" must lie in 1..{DimensionRange.Limit}, got {n}");
            dims[d] = n;
        }
        foreach (var s in model.Deterministic.Where(s => s.Kind != SymbolKind.Scalar))
        {
            var v = values.First(x => x.Name == s.Name);
            var (rows, columns) = s.Shape.At(dims);
            if (rows != v.Rows || columns != v.Columns)
                throw new InputException($"mismatched shapes: {s.Name} is {v.Rows}×{v.Columns} but its declared shape {s.Shape} is {rows}×{columns} here");
        }
        var ordered = model.Dimensions.Select(d => new KeyValuePair<string, int>(d.Name, dims[d.Name])).ToList();
        var settings = new ExpectationSettings(input.Options.MonteCarlo, input.Options.Samples, input.Options.Seed, input.Options.MaxWork);
        return new FileInstance(exact ? InstanceMode.Exact : InstanceMode.Floating, ordered, values) { Settings = settings };
    }

    /// <summary>Solves a shape's dimension from an input's size when it is a single name; a product such as r*b is checked once every name is known.</summary>
    private static void Bind(Dictionary<string, int> dims, Symbolic.Polynomial shape, int size, string symbol, string what)
    {
        if (!(shape.IsMonomial && shape.Degree == 1 && shape.LeadingTerm.Coefficient == Fraction.One))
        {
            if (shape.IsConstant && shape.ConstantValue != new Fraction(size))
                throw new InputException($"mismatched shapes: {symbol} has {size} {what} but must have {Exact.Format(shape.ConstantValue)}");
            return;
        }
        var name = shape.Variables[0];
        if (dims.TryGetValue(name, out var known) && known != size)
            throw new InputException($"mismatched shapes: {symbol} has {size} {what}, but {name} = {known} from an earlier input");
        if (size > DimensionRange.Limit) throw new InputException($"{symbol} has {size} {what}, above the limit {DimensionRange.Limit} of claims files");
        dims[name] = size;
    }
}
