using System.Text.Json;
using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Input;

/// <summary>Bad user input: the message is one clear line, meant for stderr.</summary>
public sealed class InputException(string message) : Exception(message);

/// <summary>Turns the argument exceptions of math objects (their own validation) into one-line input errors.</summary>
public static class Validated
{
    public static T Create<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message.Split(" (Parameter")[0]);
        }
    }
}

/// <summary>How `eval` evaluates: exact arithmetic, Monte Carlo instead of enumeration, its sample budget and seed.</summary>
public sealed record EvalOptions(bool MonteCarlo = false, long Samples = 1 << 20, ulong Seed = 1)
{
    /// <summary>The work budget of an estimate, in multiply-adds (the CLI's --max-work); the default is about a minute here.</summary>
    public double MaxWork { get; init; } = 1e11;
}

/// <summary>
/// A user's instance for `eval`: a JSON object whose keys are the claim's inputs as THEORY.md names them
/// (Y, U, V, X, theta, lambda, r, …), matrices as arrays of rows. With "exact": true, entries may be integers or
/// strings like "-3/7" and the evaluation is exact. Every getter validates and throws <see cref="InputException"/>.
/// </summary>
public sealed class InputReader
{
    private readonly Dictionary<string, JsonElement> values;

    private InputReader(Dictionary<string, JsonElement> values, EvalOptions options)
    {
        this.values = values;
        Options = options;
    }

    public EvalOptions Options { get; }

    public bool IsExact => values.TryGetValue("exact", out var e) && e.ValueKind == JsonValueKind.True;

    public static InputReader FromJson(string json, EvalOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var reason = FirstLine(e.Message);
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0) reason = reason[..cut].TrimEnd('.', ' ');
            var at = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new InputException($"malformed JSON{at}: {reason}");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new InputException("the input must be a JSON object whose keys are the claim's inputs (Y, U, V, theta, …)");
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in document.RootElement.EnumerateObject()) values[p.Name] = p.Value.Clone();
        if (values.TryGetValue("exact", out var exact) && exact.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw new InputException("\"exact\" must be true or false");
        return new InputReader(values, options);
    }

    public bool Has(string name) => values.ContainsKey(name);

    private JsonElement Get(string name) =>
        values.TryGetValue(name, out var v) ? v : throw new InputException($"missing key \"{name}\"");

    public Fraction ExactScalar(string name) => ParseExact(Get(name), name);

    public double Scalar(string name)
    {
        var e = Get(name);
        return IsExact ? InRange(ParseExact(e, name), name) : ParseDouble(e, name);
    }

    public int Integer(string name)
    {
        var e = Get(name);
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var k))
            throw new InputException($"\"{name}\" must be an integer");
        return k;
    }

    /// <summary>One JSON object, read by its own reader (same options, same exactness).</summary>
    public InputReader Object(string name)
    {
        var e = Get(name);
        if (e.ValueKind != JsonValueKind.Object) throw new InputException($"\"{name}\" must be an object");
        return Nested(e);
    }

    private InputReader Nested(JsonElement item)
    {
        var nested = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in item.EnumerateObject()) nested[p.Name] = p.Value.Clone();
        if (IsExact && !nested.ContainsKey("exact")) nested["exact"] = values["exact"];
        return new InputReader(nested, Options);
    }

    /// <summary>A vector: a non-empty JSON array of numbers.</summary>
    public Vector<double> Vector(string name)
    {
        var e = Get(name);
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
            throw new InputException($"\"{name}\" must be a non-empty array of numbers");
        var entries = e.EnumerateArray().ToList();
        if (entries.Any(x => x.ValueKind == JsonValueKind.Array))
            throw new InputException($"\"{name}\" must be a flat array of numbers (a vector), not an array of rows");
        return Vector<double>.Build.Dense(entries.Count,
            i => IsExact ? ParseExact(entries[i], $"{name}[{i}]").ToDoubleAnyScale() : ParseDouble(entries[i], $"{name}[{i}]"));
    }

    /// <summary>A non-empty JSON array of integers, such as the hidden widths [3, 2].</summary>
    public IReadOnlyList<int> IntegerList(string name)
    {
        var e = Get(name);
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
            throw new InputException($"\"{name}\" must be a non-empty array of integers");
        var list = new List<int>();
        foreach (var x in e.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number || !x.TryGetInt32(out var k))
                throw new InputException($"\"{name}\" must be an array of integers ({name}[{list.Count}] is not)");
            list.Add(k);
        }
        return list;
    }

    public Matrix<double> Matrix(string name)
    {
        var rows = Rows(name);
        return Matrix<double>.Build.Dense(rows.Count, rows.Count == 0 ? 0 : rows[0].Count,
            (i, j) => IsExact ? InRange(ParseExact(rows[i][j], $"{name}[{i}][{j}]"), $"{name}[{i}][{j}]") : ParseDouble(rows[i][j], $"{name}[{i}][{j}]"));
    }

    public ExactMatrix ExactMatrix(string name)
    {
        var rows = Rows(name);
        return Numerics.ExactMatrix.Create(rows.Count, rows.Count == 0 ? 0 : rows[0].Count, (i, j) => ParseExact(rows[i][j], $"{name}[{i}][{j}]"));
    }

    /// <summary>A non-empty array of exact numbers (integers, decimals read exactly, or "p/q" strings), e.g. a bias vector.</summary>
    public IReadOnlyList<Fraction> ExactVector(string name)
    {
        var e = Get(name);
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
            throw new InputException($"\"{name}\" must be a non-empty array of numbers");
        return e.EnumerateArray().Select((x, i) => ParseExact(x, $"{name}[{i}]")).ToArray();
    }

    /// <summary>A string value.</summary>
    public string Text(string name)
    {
        var e = Get(name);
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new InputException($"\"{name}\" must be a string");
    }

    /// <summary>A non-empty array of JSON objects (e.g. the layers of a network), each read by its own reader with the same options.</summary>
    public IReadOnlyList<InputReader> Objects(string name)
    {
        var e = Get(name);
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0 || e.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Object))
            throw new InputException($"\"{name}\" must be a non-empty array of objects");
        return e.EnumerateArray().Select(x =>
        {
            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var p in x.EnumerateObject()) values[p.Name] = p.Value.Clone();
            return new InputReader(values, Options);
        }).ToArray();
    }

    private List<List<JsonElement>> Rows(string name)
    {
        var e = Get(name);
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
            throw new InputException($"\"{name}\" must be a non-empty array of rows");
        var rows = new List<List<JsonElement>>();
        foreach (var row in e.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() == 0)
                throw new InputException($"\"{name}\" must be an array of non-empty rows (row {rows.Count} is not)");
            rows.Add(row.EnumerateArray().ToList());
        }
        var width = rows[0].Count;
        for (var i = 1; i < rows.Count; i++)
            if (rows[i].Count != width)
                throw new InputException($"\"{name}\" is ragged: row 0 has {width} entries but row {i} has {rows[i].Count}");
        return rows;
    }

    private static double ParseDouble(JsonElement e, string where)
    {
        double x;
        if (e.ValueKind == JsonValueKind.Number) x = e.GetDouble();
        else if (e.ValueKind == JsonValueKind.String)
        {
            var s = e.GetString()!;
            if (s.Contains('/')) x = ParseExact(e, where).ToDoubleAnyScale();
            else if (!double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out x))
                throw new InputException($"{where} is not a number: \"{s}\"");
        }
        else throw new InputException($"{where} must be a number");
        if (!double.IsFinite(x)) throw new InputException($"{where} is not finite ({x})");
        return x;
    }

    /// <summary>The nearest double of an exact value, refused when it is beyond double precision's range.</summary>
    private static double InRange(Fraction x, string where)
    {
        var d = x.ToDoubleAnyScale();
        if (!double.IsFinite(d))
            throw new InputException($"{where} = {Abbreviated(Exact.Format(x))} is beyond double precision (|x| ≤ 1.8e308), which this claim computes in");
        return d;
    }

    private static string Abbreviated(string s) => s.Length <= 40 ? s : s[..20] + "…" + s[^12..];

    private static Fraction ParseExact(JsonElement e, string where)
    {
        try
        {
            return e.ValueKind switch
            {
                JsonValueKind.Number => Exact.Parse(e.GetRawText()),
                JsonValueKind.String => Exact.Parse(e.GetString()!),
                _ => throw new InputException($"{where} must be a number or a string like \"-3/7\""),
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new InputException($"{where} is not an exact number: {Abbreviated(e.GetRawText())}: {ex.Message} (use integers, decimals or \"p/q\"; NaN and infinities are not allowed)");
        }
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
