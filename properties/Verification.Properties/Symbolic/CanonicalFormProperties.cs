using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Fractions;
using Verification.Symbolic;
using Xunit;

namespace Verification.Properties.Symbolic;

/// <summary>The canonical form decides identities: compared against direct evaluation of the trees.</summary>
[Properties(Arbitrary = [typeof(SymbolicArbitraries)], MaxTest = 200)]
public class CanonicalFormProperties
{
    [Property]
    public Property Canonical_form_has_the_trees_values(Sample s)
    {
        var canonical = s.Expr.Canonical();
        var checkedPoints = 0;
        foreach (var p in s.Points)
        {
            var tree = TreeEval.TryEvaluate(s.Expr, p);
            if (tree is null) continue; // a pole of the tree (possibly removable in the canonical form)
            checkedPoints++;
            if (!canonical.Evaluate(p).Equals(tree.Value)) return false.Label($"differs at {Show(p)}: {canonical} vs tree {tree}");
        }
        return true.Label("values agree").Classify(checkedPoints == 0, "no regular point");
    }

    [Property]
    public Property Canonical_equality_decides_identities(Pair pair)
    {
        var equal = pair.Left.Canonical().Equals(pair.Right.Canonical());
        var regular = pair.Points
            .Select(p => (L: TreeEval.TryEvaluate(pair.Left, p), R: TreeEval.TryEvaluate(pair.Right, p)))
            .Where(v => v.L is not null && v.R is not null)
            .ToArray();
        var agreeEverywhere = regular.All(v => v.L!.Value.Equals(v.R!.Value));
        var label = $"{pair.Kind}: canonical says {(equal ? "equal" : "different")}, {regular.Length} regular points";
        var decided = (regular.Length == 0 || equal == agreeEverywhere).Label(label);
        var rewriteIsIdentity = (pair.Kind != "rewrite" || equal).Label("a sound rewrite is an identity");
        var perturbationIsNot = (pair.Kind != "perturb" || !equal).Label("a perturbation is a non-identity");
        return decided.And(rewriteIsIdentity).And(perturbationIsNot)
            .Classify(equal, "identity").Classify(!equal, "non-identity");
    }

    [Property]
    public Property Equal_canonical_forms_are_structurally_equal_and_hash_alike(Sample s)
    {
        var rewritten = Rewrite.Apply(s.Expr, new Random(s.Expr.ToString().Length));
        var a = s.Expr.Canonical();
        var b = rewritten.Canonical();
        return (a.Equals(b) && a.GetHashCode() == b.GetHashCode() && s.Expr.Equals(rewritten)).ToProperty();
    }

    [Property]
    public Property Denominator_is_monic_and_coprime_to_the_numerator(Sample s)
    {
        var f = s.Expr.Canonical();
        var monic = f.Denominator.LeadingTerm.Coefficient.Equals(Fraction.One);
        var coprime = PolynomialGcd.Of(f.Numerator, f.Denominator).IsConstant;
        return (monic && coprime).Label($"{f}");
    }

    [Property]
    public Property Infix_print_parses_back_to_the_same_canonical_form(Sample s)
    {
        var canonical = s.Expr.Canonical();
        var text = InfixPrinter.Print(canonical);
        var reparsed = Parser.Parse(text).Canonical();
        var tree = Parser.Parse(s.Expr.ToString()).Canonical();
        return (reparsed.Equals(canonical) && tree.Equals(canonical) && InfixPrinter.Print(reparsed) == text).Label(text);
    }

    [Property]
    public Property Arithmetic_on_canonical_forms_matches_the_trees(Sample s)
    {
        var f = s.Expr.Canonical();
        var g = Rewrite.Apply(s.Expr, new Random(7)).Canonical();
        var zero = f - g;
        var square = (f * f).Equals(f.Pow(2));
        var sum = (f + f).Equals(RationalFunction.Constant(2) * f);
        var inverse = f.IsZero || (f / f).Equals(RationalFunction.One);
        return (zero.IsZero && square && sum && inverse).ToProperty();
    }

    private static string Show(Dictionary<string, Fraction> p) => string.Join(", ", p.Select(kv => $"{kv.Key}={kv.Value}"));
}

/// <summary>Hand-picked identities and non-identities.</summary>
public class CanonicalFormFacts
{
    private static RationalFunction C(string text) => Parser.Parse(text).Canonical();

    [Fact]
    public void Binomial_square_is_not_the_sum_of_squares()
    {
        Assert.NotEqual(C("(a+b)^2"), C("a^2+b^2"));
        Assert.Equal(C("(a+b)^2"), C("a^2+2*a*b+b^2"));
        Assert.Equal("2*a*b", (C("(a+b)^2") - C("a^2+b^2")).ToInfix());
    }

    [Theory]
    [InlineData("(a^2 - b^2)/(a - b)", "a + b")]
    [InlineData("(theta^2 - 1)/(theta - 1)", "theta + 1")]
    [InlineData("((x+1)*(y+2))/((x+1)*(y-1))", "(y + 2)/(y - 1)")]
    [InlineData("(U_11*theta^2 + theta)/(theta^3 + theta^2)", "(U_11*theta + 1)/(theta^2 + theta)")]
    [InlineData("(2*a + 2)/(4*a*b + 4*b)", "1/(2*b)")]
    [InlineData("1/(2*theta)", "1/2/theta")]
    [InlineData("(a*b - a*c)/(b^2 - c^2)", "a/(b + c)")]
    [InlineData("(x^2*y - y^3)/(x*y + y^2)", "x - y")]
    [InlineData("((a+b)*(a-c)*(b+c))/((a-c)*(b+c)^2)", "(a + b)/(b + c)")]
    [InlineData("((a*b+1)^2*(a-theta))/((a*b+1)*(a^2-theta^2))", "(a*b + 1)/(a + theta)")]
    [InlineData("θ*theta", "theta^2")]
    [InlineData("x^-2*x^3", "x")]
    public void Cancels_to_lowest_terms(string input, string expected)
    {
        var canonical = C(input);
        Assert.Equal(C(expected), canonical);
        Assert.True(canonical.Denominator.LeadingTerm.Coefficient.Equals(Fraction.One));
    }

    [Fact]
    public void Terms_print_in_graded_lex_order()
    {
        Assert.Equal("a^2*b + a*b^2 - 3/4*a^2 + b + 1", C("1 + b - 3/4*a^2 + a*b^2 + b*a^2").ToInfix());
        Assert.Equal("-theta + 1", C("1 - θ").ToInfix());
    }

    [Fact]
    public void Expr_equality_is_mathematical()
    {
        var a = Expr.Symbol("a");
        var b = Expr.Symbol("b");
        Assert.Equal((a + b).Pow(2), a * a + Expr.Number(2) * a * b + b * b);
        Assert.NotEqual((a + b).Pow(2), a * a + b * b);
    }

    [Fact]
    public void Division_by_zero_is_reported()
    {
        Assert.Throws<DivideByZeroException>(() => C("a/(b - b)"));
        Assert.Throws<DivideByZeroException>(() => C("(a - a)^-1"));
    }
}
