using Verification.Properties.Cli;
using Xunit;

namespace Verification.Properties.ClaimsFiles;

/// <summary>
/// Every problem in a claims file is one clear line on stderr, exit 2, before anything runs: it names the file, the line and
/// the column, and for a shape mismatch the subexpression and both shapes.
/// </summary>
[Collection("Console")]
public class ClaimsFileErrorTests
{
    private const string Valid = """
        claims:
          - id: test.dropout
            symbols:
              Y: matrix m x n
              U: matrix m x r
              V: matrix n x r
              theta: scalar (0, 1]
              z: bernoulli r theta
            dimensions: { m: 1..2, n: 1..2, r: 1..2 }
            lhs: E[z]( ‖Y - U * diag(z) * V' / theta‖_F^2 )
            rhs: ‖Y - U * V'‖_F^2 + (1 - theta) / theta * sum(i, 1, r, ‖U[:, i]‖^2 * ‖V[:, i]‖^2)
        """;

    private static string Write(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Runs `check --claims` on the text and returns the one error line (asserting exit 2, one line, no report).</summary>
    private static string ErrorOf(string yaml)
    {
        var path = Write(yaml);
        var (code, output, error) = CliRun.Capture("check", "--claims", path, "--claims-only", "--cases", "5");
        Assert.True(code == 2, $"exit {code}: {output} {error}");
        Assert.Equal("", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("Exception", lines[0]);
        Assert.StartsWith($"error: {path}", lines[0]);
        return lines[0][$"error: {path}".Length..];
    }

    [Fact]
    public void The_valid_file_checks()
    {
        var (code, output, error) = CliRun.Capture("check", "--claims", Write(Valid), "--claims-only", "--cases", "5", "--format", "json");
        Assert.True(code == 0, output + error);
        Assert.Contains("test.dropout", output);
    }

    [Fact]
    public void A_parse_error_names_line_and_column()
    {
        var line = ErrorOf(Valid.Replace("V' / theta‖_F^2 )", "V' / theta‖_F^2 ))"));
        Assert.StartsWith(":10:", line);
        Assert.Contains("unexpected ')'", line);
        // The column is that of the extra parenthesis in the file.
        var text = Valid.Replace("V' / theta‖_F^2 )", "V' / theta‖_F^2 ))").Split('\n')[9];
        Assert.StartsWith($":10:{text.LastIndexOf(')') + 1}:", line);
    }

    /// <summary>In a block scalar (rhs: |) the position is that of the line of the block where the problem is.</summary>
    [Fact]
    public void A_parse_error_in_a_block_scalar_names_its_line_and_column()
    {
        var yaml = Valid.Replace("    rhs: ‖Y - U * V'‖_F^2 + (1 - theta) / theta * sum(i, 1, r, ‖U[:, i]‖^2 * ‖V[:, i]‖^2)",
            "    rhs: |\n      ‖Y - U * V'‖_F^2\n        + (1 - theta) / theta * sum(i, 1, r, ‖U[:, i]‖^2 * ‖V[:, i]‖^2) $");
        var line = ErrorOf(yaml);
        var text = yaml.Split('\n')[12];
        Assert.StartsWith($":13:{text.IndexOf('$') + 1}: unexpected character '$'", line);
    }

    [Fact]
    public void A_YAML_syntax_error_names_line_and_column()
    {
        var line = ErrorOf(Valid.Replace("dimensions: { m: 1..2, n: 1..2, r: 1..2 }", "dimensions: { m: 1..2, n: 1..2, r: 1..2"));
        Assert.Matches(@"^:10:\d+: YAML syntax error", line);
    }

    [Fact]
    public void An_unknown_symbol_is_named()
    {
        var line = ErrorOf(Valid.Replace("‖Y - U * V'‖_F^2 +", "‖Y - W * V'‖_F^2 +"));
        Assert.Matches(@"^:11:\d+: unknown symbol 'W'", line);
    }

    [Fact]
    public void A_dimension_without_a_range_is_named()
    {
        var line = ErrorOf(Valid.Replace("{ m: 1..2, n: 1..2, r: 1..2 }", "{ m: 1..2, n: 1..2 }"));
        Assert.Contains("the dimension 'r' in the shape of 'U' has no range", line);
    }

    [Fact]
    public void A_shape_mismatch_names_the_subexpression_and_both_shapes()
    {
        var line = ErrorOf(Valid.Replace("‖Y - U * V'‖_F^2 +", "‖Y - U * V‖_F^2 +"));
        Assert.Contains("shape mismatch in `U * V`: `U` is m×r but `V` is n×r", line);
        Assert.StartsWith(":11:", line);
    }

    [Fact]
    public void A_shape_mismatch_between_the_sides_is_named()
    {
        var line = ErrorOf(Valid.Replace("rhs: ‖Y - U * V'‖_F^2 + (1 - theta) / theta * sum(i, 1, r, ‖U[:, i]‖^2 * ‖V[:, i]‖^2)", "rhs: Y"));
        Assert.Contains("lhs `E[z]( ‖Y - U * diag(z) * V' / theta‖_F^2 )` is a scalar but rhs `Y` is m×n", line);
    }

    [Fact]
    public void A_non_polynomial_side_where_exactness_was_asked_for_is_named()
    {
        var line = ErrorOf(Valid.Replace("    lhs:", "    exact: true\n    lhs:").Replace("‖Y - U * V'‖_F^2 +", "‖Y - U * V'‖_* +"));
        Assert.Contains("asks for exact evaluation", line);
        Assert.Contains("`‖Y - U * V'‖_*` is a nuclear norm", line);
    }

    [Fact]
    public void An_expectation_over_an_undeclared_variable_is_named()
    {
        var line = ErrorOf(Valid.Replace("E[z](", "E[w]("));
        Assert.Contains("E[w]", line);
        Assert.Contains("'w' is not declared", line);
    }

    [Fact]
    public void An_expectation_over_a_deterministic_symbol_is_refused()
    {
        Assert.Contains("'theta' is a scalar in (0, 1], not a random symbol", ErrorOf(Valid.Replace("E[z](", "E[theta](")));
    }

    [Fact]
    public void A_random_symbol_outside_an_expectation_is_refused()
    {
        Assert.Contains("'z' is random (bernoulli): use it inside E[z](…)", ErrorOf(Valid.Replace("‖Y - U * V'‖_F^2 +", "‖Y - U * diag(z) * V'‖_F^2 +")));
    }

    [Fact]
    public void Other_mistakes_get_one_line_each()
    {
        Assert.Contains("unknown key 'rsh'", ErrorOf(Valid.Replace("    rhs:", "    rsh:")));
        Assert.Contains("unknown function 'trace2'", ErrorOf(Valid.Replace("‖Y - U * V'‖_F^2 +", "trace2(Y) +")));
        Assert.Contains("unknown kind 'tensor'", ErrorOf(Valid.Replace("Y: matrix m x n", "Y: tensor m x n")));
        Assert.Contains("the id 'Dropout' must be dotted lowercase words", ErrorOf(Valid.Replace("test.dropout", "Dropout")));
        Assert.Contains("must be declared within [0, 1]", ErrorOf(Valid.Replace("theta: scalar (0, 1]", "theta: scalar (0, 2]")));
        Assert.Contains("the claim has no `rhs:`", ErrorOf(string.Join('\n', Valid.Split('\n').Where(l => !l.Contains("rhs:")))));
        Assert.Contains("nested more than 256 levels", ErrorOf(Valid.Replace("rhs: ‖Y", "rhs: " + new string('(', 300) + "1" + new string(')', 300) + " + ‖Y")));
        Assert.Contains("unknown relation", ErrorOf(Valid.Replace("    lhs:", "    relation: \"<>\"\n    lhs:")));
        Assert.Contains("already in the catalog", ErrorOf(Valid.Replace("test.dropout", "dropout.expectation")));
        Assert.Contains("is empty", ErrorOf(Valid.Replace("theta: scalar (0, 1]", "theta: scalar (1, 1]")));
    }

    [Fact]
    public void A_missing_file_and_claims_only_without_files_are_one_line()
    {
        var (code, _, error) = CliRun.Capture("check", "--claims", "/nonexistent/claims.yaml");
        Assert.Equal(2, code);
        Assert.Contains("claims file not found", error);
        (code, _, error) = CliRun.Capture("check", "--claims-only");
        Assert.Equal(2, code);
        Assert.Contains("--claims-only needs", error);
    }
}
