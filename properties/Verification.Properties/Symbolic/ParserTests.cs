using Fractions;
using Verification.Symbolic;
using Xunit;

namespace Verification.Properties.Symbolic;

public class ParserTests
{
    [Theory]
    [InlineData("a +", 4)]
    [InlineData("(a + b", 7)]
    [InlineData("2x", 2)]
    [InlineData("a ^ b", 5)]
    [InlineData("3.5", 2)]
    [InlineData("", 1)]
    [InlineData("a $ b", 3)]
    [InlineData("a + * b", 5)]
    [InlineData("()", 2)]
    [InlineData("a)", 2)]
    [InlineData("x^(1/2)", 3)]
    public void Malformed_input_gives_a_one_line_message_with_the_position(string input, int column)
    {
        var e = Assert.Throws<ParseException>(() => Parser.Parse(input));
        Assert.Equal(column, e.Position);
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"Parse error at column {column}:", e.Message);
        var result = Parser.TryParse(input);
        Assert.False(result.Succeeded);
        Assert.Equal(e.Message, result.Error);
    }

    [Theory]
    [InlineData("-a^2", "-a^2")]
    [InlineData("2^3^2", "512")]
    [InlineData("a - b - c", "a - b - c")]
    [InlineData("a/b/c", "a/(b*c)")]
    [InlineData("3/4*u1", "3/4*u1")]
    [InlineData("--a", "a")]
    [InlineData("x^-1*x", "1")]
    [InlineData("(U_11 + θ)^2", "U_11^2 + 2*U_11*theta + theta^2")]
    public void Precedence_and_associativity(string input, string expected) =>
        Assert.Equal(Parser.Parse(expected).Canonical(), Parser.Parse(input).Canonical());

    [Fact]
    public void Theta_and_θ_are_one_symbol_printed_theta()
    {
        var e = Parser.Parse("θ + theta");
        Assert.Equal("2*theta", e.ToInfix());
        Assert.Equal("2 \\theta", e.ToLatex());
        Assert.Equal(Expr.Symbol("θ"), Expr.Symbol("theta"));
    }

    [Fact]
    public void Latex_printer_conventions()
    {
        Assert.Equal("\\frac{U_{11}^{2}}{\\theta}", Parser.Parse("U_11^2/theta").ToLatex());
        Assert.Equal("\\frac{3}{4} u_{1} - 1", Parser.Parse("3/4*u1 - 1").ToLatex());
        Assert.Equal("-\\frac{\\lambda}{\\theta^{2} + 1}", Parser.Parse("-lambda/(theta^2+1)").ToLatex());
        Assert.Equal("\\frac{-a + b}{\\theta}", Parser.Parse("(b - a)/theta").ToLatex());
    }

    [Fact]
    public void Evaluation_of_a_parsed_tree_is_exact()
    {
        var e = Parser.Parse("(a + 1/3)^2 / b");
        var value = e.Evaluate(new Dictionary<string, Fraction> { ["a"] = new(1, 2), ["b"] = new(5) });
        Assert.Equal(new Fraction(5, 36), value);
    }
}
