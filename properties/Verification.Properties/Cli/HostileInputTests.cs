using System.Numerics;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Fractions;
using Verification.Input;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.Cli;

/// <summary>
/// Hostile and extreme input, generated: every class of issue 9 gets FsCheck-generated inputs, and the promise holds for
/// all of them: one line on stderr and exit 2 for bad input, never a stack trace, never a wrong answer, never runaway work.
/// </summary>
[Collection("Console")]
public class HostileInputTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Capture(args);

    private static string Input(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-hostile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>No stack trace, no .NET type name; exit 2 comes with exactly one line on stderr and nothing on stdout.</summary>
    private static bool Clean((int Code, string Out, string Err) r) =>
        !r.Err.Contains("   at ") && !r.Err.Contains("System.") && !r.Out.Contains("   at ")
        && (r.Code != 2 || (r.Out.Length == 0 && r.Err.TrimEnd('\n').Split('\n').Length == 1 && r.Err.StartsWith("error:")));

    private static string Label((int Code, string Out, string Err) r) => $"exit {r.Code}; stderr: {r.Err}; stdout: {(r.Out.Length > 300 ? r.Out[..300] : r.Out)}";

    // ------------------------------------------------------------ 1. exact decimals are the rationals they spell

    private static Gen<(string Text, Fraction Value)> DecimalLiterals { get; } =
        from sign in Gen.Elements("", "-", "+")
        from whole in Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 9), n))
        from fraction in Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 9), n))
        from exponent in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(-400, 400).Select(e => (int?)e)))
        where whole.Length + fraction.Length > 0
        let digits = string.Concat(whole) + string.Concat(fraction)
        let text = sign + string.Concat(whole) + (fraction.Length > 0 ? "." + string.Concat(fraction) : "") + (exponent is { } e ? $"e{e}" : "")
        let scale = (exponent ?? 0) - fraction.Length
        let mantissa = BigInteger.Parse(digits) * (sign == "-" ? -1 : 1)
        select (text, scale >= 0 ? new Fraction(mantissa * BigInteger.Pow(10, scale)) : new Fraction(mantissa, BigInteger.Pow(10, -scale)));

    [SeededProperty]
    public Property An_exact_decimal_literal_is_the_rational_it_spells() =>
        Prop.ForAll(Arb.From(DecimalLiterals), t =>
        {
            // As a string always; as a JSON number too when the literal is one (JSON forbids +, leading zeros and a bare point).
            var number = System.Text.RegularExpressions.Regex.IsMatch(t.Text, @"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$");
            var reader = InputReader.FromJson($"{{\"exact\": true, \"x\": \"{t.Text}\", \"y\": {(number ? t.Text : "0")}}}", new EvalOptions());
            return (reader.ExactScalar("x") == t.Value && (!number || reader.ExactScalar("y") == t.Value)).Label($"{t.Text} read as {Exact.Format(reader.ExactScalar("x"))}");
        });

    [Theory]
    [InlineData("1e-29", "1/100000000000000000000000000000")]
    [InlineData("0.12345678901234567890123456789012345", "2469135780246913578024691357802469/20000000000000000000000000000000000")]
    [InlineData("-3/7", "-3/7")]
    public void The_examples_of_the_issue_are_exact(string literal, string expected) =>
        Assert.Equal(expected, Exact.Format(InputReader.FromJson($"{{\"exact\": true, \"x\": \"{literal}\"}}", new EvalOptions()).ExactScalar("x")));

    [SeededProperty]
    public Property An_exponent_beyond_the_bound_is_refused_with_one_line() =>
        Prop.ForAll(Arb.From(Gen.Choose(10_001, 1_000_000).SelectMany(e => Gen.Elements($"1e{e}", $"1e-{e}", $"0.5E+{e}"))), literal =>
        {
            var e = Assert.Throws<InputException>(() => InputReader.FromJson($"{{\"exact\": true, \"x\": \"{literal}\"}}", new EvalOptions()).ExactScalar("x"));
            return e.Message.Contains("exponent").Label(e.Message);
        });

    // ------------------------------------------------------------ 2, 5. extreme magnitudes never make a theorem fail

    /// <summary>Theorem claims with eval, and a JSON instance of each built from entries scaled by 10^k.</summary>
    private static readonly (string Claim, Func<Func<double, string>, string> Json)[] Scalable =
    [
        ("dropout.expectation", x => $"{{\"Y\": [[{x(1)}, {x(-2)}], [{x(0.5)}, 0]], \"U\": [[{x(1)}, {x(3)}], [{x(-1)}, {x(1)}]], \"V\": [[{x(2)}, 0], [{x(1)}, {x(1)}]], \"theta\": 0.5}}"),
        ("nuclear.variational", x => $"{{\"U\": [[{x(1)}, {x(2)}], [0, {x(-1)}]], \"V\": [[{x(3)}, {x(1)}], [{x(1)}, 0]]}}"),
        ("dropout.fixed-width-minimizer", x => $"{{\"Y\": [[{x(3)}, 0], [0, {x(2)}]], \"lambda\": 1, \"r\": 1}}"),
        ("dropout.variable-rate-minimizer", x => $"{{\"Y\": [[{x(3)}, {x(1)}], [0, {x(2)}]], \"lambda1\": 0.5}}"),
        ("dropout.regularizer-bound", x => $"{{\"U\": [[{x(1)}, {x(2)}]], \"V\": [[{x(3)}, {x(-1)}]]}}"),
        ("dropout.balance-rotation", x => $"{{\"U\": [[{x(1)}, {x(2)}], [{x(1)}, 0]], \"V\": [[{x(3)}, {x(-1)}]]}}"),
        ("depth.shallow-pieces", x => $"{{\"layers\": [{{\"W\": [[{x(1)}], [{x(1)}], [{x(1)}]], \"b\": [0, {x(-0.5)}, {x(-1)}]}}, {{\"W\": [[{x(2)}, {x(-4)}, {x(2)}]], \"b\": [{x(1)}]}}]}}"),
        ("depth.montufar-regions", x => $"{{\"n\": 3, \"L\": 2, \"v\": [{x(1)}, {x(2)}, {x(-1)}]}}"),
        ("approx.relu-interpolation", x => $"{{\"N\": 8, \"layers\": [{{\"W\": [[{x(1)}], [{x(1)}]], \"b\": [0, {x(-0.5)}]}}, {{\"W\": [[{x(2)}, {x(-4)}]], \"b\": [{x(1)}]}}]}}"),
        ("approx.sigmoid-staircase", x => $"{{\"N\": 8, \"layers\": [{{\"W\": [[{x(1)}], [{x(1)}]], \"b\": [0, {x(-0.5)}]}}, {{\"W\": [[{x(2)}, {x(-4)}]], \"b\": [{x(1)}]}}]}}"),
    ];

    private static Gen<(string Claim, string Json)> ExtremeInstances { get; } =
        from index in Gen.Choose(0, Scalable.Length - 1)
        from exponent in Gen.Frequency((3, Gen.Choose(-320, 308)), (1, Gen.Elements(-320, -300, 150, 155, 200, 300, 308)))
        select (Scalable[index].Claim, Scalable[index].Json(v => (v * Math.Pow(10, exponent)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    [SeededProperty(2)]
    public Property A_theorem_never_fails_because_of_magnitude() =>
        Prop.ForAll(Arb.From(ExtremeInstances), t =>
        {
            var r = Run("eval", t.Claim, "--input", Input(t.Json));
            var holdsFalse = r.Out.Contains("\"holds\": false");
            return (Clean(r) && r.Code is 0 or 2 or 4 && !holdsFalse).Label($"{t.Claim} {t.Json}: {Label(r)}");
        });

    [Theory]
    [InlineData("dropout.expectation", "{\"Y\":[[1e200]],\"U\":[[1e200]],\"V\":[[1]],\"theta\":0.5}")]
    [InlineData("dropout.expectation", "{\"Y\":[[1]],\"U\":[[1]],\"V\":[[1]],\"theta\":1e-320}")]
    [InlineData("dropout.fixed-width-minimizer", "{\"Y\":[[1]],\"lambda\":1e308,\"r\":1}")]
    [InlineData("dropout.fixed-width-minimizer", "{\"Y\":[[1e155,0],[0,2]],\"lambda\":1,\"r\":1}")]
    [InlineData("nuclear.variational", "{\"U\":[[1e200]],\"V\":[[1e200]]}")]
    [InlineData("nuclear.variational", "{\"U\":[[1e155,0],[0,2]],\"V\":[[1,0],[0,1]]}")]
    [InlineData("approx.sigmoid-staircase", "{\"f\":\"10^308*x^3 - 10^308*x/2\",\"N\":4}")]
    [InlineData("approx.sigmoid-staircase", "{\"N\":4,\"layers\":[{\"W\":[[1e-320]],\"b\":[0]},{\"W\":[[1]],\"b\":[0]}]}")]
    public void The_issue_examples_hold_or_are_refused_never_fail(string claim, string json)
    {
        var r = Run("eval", claim, "--input", Input(json));
        Assert.True(Clean(r) && r.Code is 0 or 2, Label(r));
        Assert.DoesNotContain("\"holds\": false", r.Out);
    }

    // ------------------------------------------------------------ malformed JSON, wrong kinds, shapes, NaN, ranges

    private static Gen<string> MalformedInputs { get; } = Gen.OneOf(
        Gen.Elements("", "{", "[", "{\"Y\": [[1]],", "{\"Y\": [[1]] \"U\": 1}", "null", "42", "\"text\"", "{\"Y\": [[1]], \"Y\": }", "{'Y': [[1]]}"),
        from depth in Gen.Choose(65, 5000) select new string('[', depth) + new string(']', depth),
        from key in Gen.Elements("Y", "U", "V", "theta")
        from value in Gen.Elements("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e999", "-1e999", "true", "null", "{}", "[]", "[[]]", "[1, 2]", "[[1], [1, 2]]", "\"1/0\"", "\"0x10\"", "\"1,5\"", "\"\"", "[[\"a\"]]")
        select WithKey(key, value),
        from theta in Gen.Elements("0", "-0.5", "1.0000001", "2", "\"3/2\"", "\"-1/2\"", "1e-400")
        select $"{{\"Y\": [[1]], \"U\": [[1]], \"V\": [[1]], \"theta\": {theta}}}",
        from rows in Gen.Choose(1, 4)
        from columns in Gen.Choose(1, 4)
        from width in Gen.Choose(1, 4)
        from vRows in Gen.Choose(1, 4)
        where vRows != columns
        select $"{{\"Y\": {Matrix(rows, columns)}, \"U\": {Matrix(rows, width)}, \"V\": {Matrix(vRows, width)}, \"theta\": 0.5}}");

    /// <summary>A valid dropout instance with one key's value replaced.</summary>
    private static string WithKey(string key, string value)
    {
        var members = new Dictionary<string, string> { ["Y"] = "[[1, 2], [3, 4]]", ["U"] = "[[1], [1]]", ["V"] = "[[1], [2]]", ["theta"] = "0.5" };
        members[key] = value;
        return "{" + string.Join(", ", members.Select(m => $"\"{m.Key}\": {m.Value}")) + "}";
    }

    private static string Matrix(int rows, int columns) =>
        "[" + string.Join(", ", Enumerable.Range(0, rows).Select(i => "[" + string.Join(", ", Enumerable.Range(0, columns).Select(j => (i + j).ToString())) + "]")) + "]";

    [SeededProperty]
    public Property Malformed_input_gets_one_line_and_exit_2() =>
        Prop.ForAll(Arb.From(MalformedInputs), json =>
        {
            var r = Run("eval", "dropout.expectation", "--input", Input(json));
            return (r.Code == 2 && Clean(r)).Label($"{json}: {Label(r)}");
        });

    // ------------------------------------------------------------ 4, 7. deep, long and huge expressions

    private static Gen<string> HostileExpressions { get; } = Gen.OneOf(
        from depth in Gen.Choose(200, 100_000) select new string('(', depth) + "a" + new string(')', depth),
        from depth in Gen.Choose(200, 120_000) select new string('-', depth) + "a",
        from depth in Gen.Choose(200, 30_000) select "a" + string.Concat(Enumerable.Repeat("^1", depth)),
        from length in Gen.Choose(1_000, 100_000) select string.Join("*", Enumerable.Repeat("a", length)),
        from length in Gen.Choose(1_000, 100_000) select string.Join("+", Enumerable.Range(0, length).Select(i => $"x{i % 50}")),
        from n in Gen.Choose(2_000, 10_000) from terms in Gen.Choose(2, 6) select $"({string.Join("+", Enumerable.Range(0, terms).Select(i => $"a{i}"))})^{n}",
        from b in Gen.Choose(2, 9) from e in Gen.Choose(2_000, 10_000) select $"({b}^{e})^{e}");

    [SeededProperty(10)]
    public Property A_deep_long_or_huge_expression_is_refused_or_expanded_never_crashes() =>
        Prop.ForAll(Arb.From(HostileExpressions), expression =>
        {
            var r = Run("symbolic", "expand", expression, "--max-terms", "1000000");
            return (r.Code is 0 or 2 && Clean(r)).Label($"{expression[..Math.Min(60, expression.Length)]}… ({expression.Length} chars): {Label(r)}");
        });

    [Theory]
    [InlineData("(a+b)^10000")]
    [InlineData("(2^10000)^10000")]
    public void Runaway_expansions_are_refused_with_the_budget_named(string expression)
    {
        var r = Run("symbolic", "expand", expression, "--max-terms", "1000000");
        Assert.Equal(2, r.Code);
        Assert.True(Clean(r), Label(r));
        Assert.True(r.Err.Contains("--max-terms") || r.Err.Contains("bits"), r.Err);
    }

    [Fact]
    public void A_derivation_beyond_the_budget_is_refused_and_the_budget_can_be_raised()
    {
        var refused = Run("derive", "dropblock.expectation", "--size", "3,3,3,3,3", "--max-terms", "10000");
        Assert.Equal(2, refused.Code);
        Assert.Contains("--max-terms", refused.Err);
        Assert.Equal(0, Run("derive", "dropblock.expectation", "--size", "1,1,2,2,1", "--max-terms", "10000000").Code);
    }

    [Fact]
    public void A_Monte_Carlo_estimate_beyond_the_work_budget_is_refused_before_it_starts()
    {
        const int r = 4000;
        var row = "[" + string.Join(",", Enumerable.Repeat("0.01", r)) + "]";
        var json = $"{{\"Y\": [[0.1, 0.2]], \"U\": [{row}], \"V\": [{row}, {row}], \"theta\": 0.5}}";
        var result = Run("eval", "dropout.expectation", "--input", Input(json), "--monte-carlo");
        Assert.Equal(2, result.Code);
        Assert.Contains("--max-work", result.Err);
    }

    // ------------------------------------------------------------ 6. endless or huge streams

    [SeededProperty]
    public Property A_stream_beyond_the_limit_is_refused_without_reading_it_all() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 5000)), limit =>
        {
            var endless = new EndlessStream();
            var e = Assert.Throws<InputException>(() => Verification.Cli.BoundedInput.Read(endless, limit));
            return (e.Message.Contains("larger than") && endless.Position <= limit + (1 << 16)).Label(e.Message);
        });

    private sealed class EndlessStream : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) { Position += count; return count; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get; set; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    // ------------------------------------------------------------ 8-11. arguments

    [Fact]
    public void An_unwritable_report_path_is_refused_before_the_run()
    {
        var r = Run("check", "--out", "/no/such/folder/report.json");
        Assert.Equal(2, r.Code);
        Assert.True(Clean(r), Label(r));
        Assert.DoesNotContain("claims checked", r.Out);
    }

    [Fact]
    public void An_argument_beginning_with_at_is_not_a_response_file()
    {
        var file = Input("secret");
        var r = Run("symbolic", "expand", "@" + file);
        Assert.Equal(2, r.Code);
        Assert.DoesNotContain("secret", r.Err + r.Out);
    }

    private static Gen<string> Typos { get; } =
        from command in Gen.Elements("list", "check", "eval", "derive", "symbolic", "plot")
        from position in Gen.Choose(0, command.Length - 1)
        from kind in Gen.Choose(0, 2)
        select kind switch
        {
            0 => command.Remove(position, 1),
            1 => command.Insert(position, "x"),
            _ => command[..position] + (command[position] == 'q' ? 'w' : 'q') + command[(position + 1)..],
        };

    [SeededProperty]
    public Property A_mistyped_command_suggests_the_nearest_one() =>
        Prop.ForAll(Arb.From(Typos), typo =>
        {
            var r = Run(typo);
            return (r.Code == 2 && Clean(r) && r.Err.Contains("did you mean")).Label($"{typo}: {Label(r)}");
        });

    public static TheoryData<string[]> BadOptionValues => new()
    {
        new[] { "check", "--cases", "many" },
        new[] { "check", "--seed", "-1" },
        new[] { "eval", "dropout.expectation", "--samples", "x", "--input", "x.json" },
        new[] { "eval", "dropout.expectation", "--max-work", "abc", "--input", "x.json" },
    };

    [Theory]
    [MemberData(nameof(BadOptionValues))]
    public void A_bad_option_value_names_no_dotnet_type(string[] args)
    {
        var r = Run(args);
        Assert.Equal(2, r.Code);
        Assert.True(Clean(r), Label(r));
    }

    // ------------------------------------------------------------ 10. modes a claim does not have are refused

    public static TheoryData<string, string, string> UnsupportedModes => new()
    {
        { "nuclear.variational", "{\"exact\": true, \"U\": [[1]], \"V\": [[1]]}", "floating point" },
        { "dropout.regularizer-bound", "{\"U\": [[1]], \"V\": [[1]]}", "Monte Carlo" },
        { "dropout.expectation", "{\"exact\": true, \"Y\": [[1]], \"U\": [[1]], \"V\": [[1]], \"theta\": \"1/2\"}", "exact" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedModes))]
    public void A_mode_the_claim_does_not_have_is_refused(string claim, string json, string message)
    {
        var args = new List<string> { "eval", claim, "--input", Input(json) };
        if (!json.Contains("exact") || claim == "dropout.expectation") args.Add("--monte-carlo");
        var r = Run(args.ToArray());
        Assert.Equal(2, r.Code);
        Assert.Contains(message, r.Err);
    }
}
