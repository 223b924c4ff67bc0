using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Fractions;
using Verification.Symbolic;
using Xunit;

namespace Verification.Properties.Symbolic;

[Properties(Arbitrary = [typeof(DerivativeArbitraries)], MaxTest = 100)]
public class DerivativeProperties
{
    /// <summary>
    /// For a polynomial p of degree ≤ D in x, g(h) = p(x + h) is a polynomial of degree ≤ D in h, so the
    /// difference-quotient formula g′(0) = Σ_{k=0..D} g(k)·L_k′(0) (Lagrange on the nodes 0..D) is exact.
    /// </summary>
    [Property]
    public Property Derivative_matches_exact_difference_quotients(Sample s)
    {
        var name = "a";
        var degree = TreeEval.DegreeBound(s.Expr, name);
        var derivative = s.Expr.Canonical().Derivative(name);
        var weights = LagrangeDerivativeWeightsAtZero(degree);
        foreach (var p in s.Points)
        {
            var estimate = Fraction.Zero;
            for (var k = 0; k <= degree; k++)
            {
                var shifted = new Dictionary<string, Fraction>(p) { [name] = p[name] + k };
                estimate += weights[k] * TreeEval.Evaluate(s.Expr, shifted);
            }
            if (!derivative.Evaluate(p).Equals(estimate)) return false.Label($"d/da {s.Expr} = {derivative}, quotient {estimate}");
        }
        return true.ToProperty();
    }

    [Property]
    public Property Rational_derivative_satisfies_the_quotient_rule(Sample s)
    {
        var f = s.Expr.Canonical();
        var g = Parser.Parse("a + theta^2 + 1").Canonical();
        var lhs = (f / g).Derivative("a");
        var rhs = (f.Derivative("a") * g - f * g.Derivative("a")) / g.Pow(2);
        return lhs.Equals(rhs).ToProperty();
    }

    [Fact]
    public void Known_derivatives()
    {
        Assert.Equal(Parser.Parse("2*a*b + 3").Canonical(), Parser.Parse("a^2*b + 3*a").Canonical().Derivative("a"));
        Assert.Equal(Parser.Parse("-1/theta^2").Canonical(), Parser.Parse("1/θ").Canonical().Derivative("θ"));
        Assert.Equal(Parser.Parse("-2*a/(a^2+1)^2").Canonical(), Parser.Parse("1/(a^2+1)").Derivative("a").Canonical());
    }

    /// <summary>L_k′(0) for the Lagrange basis on the nodes 0, 1, …, D.</summary>
    private static Fraction[] LagrangeDerivativeWeightsAtZero(int degree)
    {
        var weights = new Fraction[degree + 1];
        for (var k = 0; k <= degree; k++)
        {
            // L_k(h) = Π_{j≠k} (h − j)/(k − j); derivative at 0 = Σ_{i≠k} [1/(k−i)] Π_{j≠k,i} (0 − j)/(k − j)
            var sum = Fraction.Zero;
            for (var i = 0; i <= degree; i++)
            {
                if (i == k) continue;
                var term = new Fraction(1, k - i);
                for (var j = 0; j <= degree; j++)
                    if (j != k && j != i) term *= new Fraction(-j, k - j);
                sum += term;
            }
            weights[k] = sum;
        }
        return weights;
    }
}

public static class DerivativeArbitraries
{
    public static Arbitrary<Sample> Samples() =>
        Arb.From(ExprGen.Polynomials.Zip(ExprGen.Points(2), (e, p) => new Sample(e, p)));
}
