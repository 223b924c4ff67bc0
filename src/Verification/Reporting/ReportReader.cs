using System.Globalization;
using System.Text.Json;
using Verification.Engine;

namespace Verification.Reporting;

/// <summary>
/// Reads a JSON report written by <c>check --format json</c> (or <c>merge</c>) back into a <see cref="RunReport"/>, for
/// <c>merge</c> and <c>check --baseline</c>. Writing what it reads gives the same JSON. A report that is not one throws
/// <see cref="FormatException"/> with one line that says what is wrong and where.
/// </summary>
public static class ReportReader
{
    public static RunReport Read(string json, string name = "report")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{name} is not JSON ({e.Message.Split('\n')[0]})");
        }
        using (document)
        {
            try
            {
                return Report(document.RootElement);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                throw new FormatException($"{name} is not a report of `check --format json`: {e.Message}");
            }
        }
    }

    private static RunReport Report(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the top level is not an object");
        var claims = Property(root, "claims").EnumerateArray().Select(Claim).ToArray();
        var report = new RunReport(Property(root, "seed").GetUInt64(), Property(root, "cases").GetInt32(), Property(root, "backend").GetString()!, claims);
        if (root.TryGetProperty("shard", out var shard) && shard.ValueKind == JsonValueKind.Object)
            report = report with { Shard = new ShardSpec(Property(shard, "index").GetInt32(), Property(shard, "count").GetInt32()) };
        return report;
    }

    private static JsonElement Property(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v : throw new KeyNotFoundException($"field \"{name}\" is missing");

    private static string? Text(JsonElement e, string name) => Property(e, name).ValueKind == JsonValueKind.Null ? null : Property(e, name).GetString();

    private static ClaimKind Kind(string text) => Enum.GetValues<ClaimKind>().FirstOrDefault(k => Names.Of(k) == text, (ClaimKind)(-1)) switch
    {
        (ClaimKind)(-1) => throw new FormatException($"unknown claim kind \"{text}\""),
        var k => k,
    };

    private static Verdict VerdictOf(string text) => Enum.GetValues<Verdict>().FirstOrDefault(v => Names.Of(v) == text, (Verdict)(-1)) switch
    {
        (Verdict)(-1) => throw new FormatException($"unknown verdict \"{text}\""),
        var v => v,
    };

    private static OutcomeStatus Status(string text) => Enum.GetValues<OutcomeStatus>().FirstOrDefault(s => Names.Of(s) == text, (OutcomeStatus)(-1)) switch
    {
        (OutcomeStatus)(-1) => throw new FormatException($"unknown case status \"{text}\""),
        var s => s,
    };

    private static ReplayKind Replay(string text) => Enum.TryParse<ReplayKind>(text, ignoreCase: true, out var k) ? k : throw new FormatException($"unknown replay kind \"{text}\"");

    private static double Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => double.Parse(e.GetString()!, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"expected a number, found {e.ValueKind}"),
    };

    private static ClaimReport Claim(JsonElement c)
    {
        var id = Property(c, "id").GetString()!;
        try
        {
            var verdict = VerdictOf(Property(c, "verdict").GetString()!);
            var counterexample = Case(Property(c, "counterexample"));
            var error = Case(Property(c, "error"));
            var counts = new CaseCounts(Property(c, "budget").GetInt32(), Property(c, "cases").GetInt32(), Property(c, "held").GetInt32(),
                verdict == Verdict.Refuted ? 1 : 0, Property(c, "discardedCases").GetInt32(), Property(c, "inconclusiveCases").GetInt32(),
                error is null ? 0 : 1, Property(c, "screened").GetInt32());
            return new ClaimReport(id, Kind(Property(c, "kind").GetString()!), Property(c, "title").GetString()!, verdict,
                VerdictOf(Property(c, "expected").GetString()!), counts, Number(Property(c, "maxResidual")), Number(Property(c, "seconds")),
                Property(c, "evidence").GetString()!, counterexample)
            {
                Error = error,
                Health = Text(c, "health"),
                Shard = c.TryGetProperty("shard", out var shard) && shard.ValueKind == JsonValueKind.Object ? Shard(shard) : null,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"claim \"{id}\": {e.Message}");
        }
    }

    private static CasePosition Position(JsonElement e) => new(Replay(Property(e, "kind").GetString()!), Property(e, "index").GetInt32());

    private static ShardRecord Shard(JsonElement s) => new(
        new ShardSpec(Property(s, "index").GetInt32(), Property(s, "count").GetInt32()),
        Property(s, "instanceType").GetString()!,
        Property(s, "examples").GetString()!,
        Property(s, "random").GetString()!,
        Property(s, "residuals").EnumerateArray().Select(r => new ResidualRecord(Position(r), Number(Property(r, "max")))).ToArray(),
        Property(s, "reasons").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal),
        Property(s, "stop").ValueKind == JsonValueKind.Null ? null : Position(Property(s, "stop")));

    private static Counterexample? Case(JsonElement x)
    {
        if (x.ValueKind == JsonValueKind.Null) return null;
        var outcome = new Outcome(Status(Property(x, "status").GetString()!), Value(Property(x, "lhs")), Value(Property(x, "rhs")),
            Number(Property(x, "residual")), new Tolerance(Number(Property(x, "tolerance")), Property(x, "toleranceReason").GetString()!),
            Property(x, "explanation").GetString()!);
        var replay = Property(x, "replay");
        var origin = new CaseOrigin(Replay(Property(replay, "kind").GetString()!), Property(replay, "seed").GetUInt64(),
            Property(replay, "size").GetInt32(), Property(replay, "example").GetInt32());
        var snippets = Property(x, "snippets");
        return new Counterexample(Property(x, "instance").EnumerateObject().Select(p => new NamedValue(p.Name, Value(p.Value))).ToArray(),
            outcome, origin, Property(x, "shrinkSteps").GetInt32(), Property(snippets, "csharp").GetString()!, Property(snippets, "fsharp").GetString()!);
    }

    /// <summary>
    /// A value as the JSON writer wrote it: integers and other numbers, strings (exact rationals, text, non-finite numbers),
    /// and matrices as arrays of rows (of numbers, or of exact strings). Each reads back into a value that is written the same.
    /// </summary>
    public static Value Value(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                var integer = e.TryGetInt64(out var n) && !raw.Any(ch => ch is '.' or 'e' or 'E') && !(n == 0 && raw.StartsWith('-'));
                return integer ? new IntegerValue(n) : new ScalarValue(e.GetDouble());
            case JsonValueKind.String:
                return new TextValue(e.GetString()!);
            case JsonValueKind.Array:
                var rows = e.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().ToArray() : throw new FormatException("a matrix is an array of rows")).ToArray();
                if (rows.SelectMany(r => r).Any(x => x.ValueKind == JsonValueKind.Number))
                    return new MatrixValue(rows.Select(r => (IReadOnlyList<double>)r.Select(Number).ToArray()).ToArray());
                return new ExactMatrixValue(rows.Select(r => (IReadOnlyList<string>)r.Select(x => x.GetString()!).ToArray()).ToArray());
            default:
                throw new FormatException($"unexpected value of kind {e.ValueKind}");
        }
    }
}
