using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Fractions;
using Verification.Symbolic;
using Xunit;

namespace Verification.Properties.Symbolic;

/// <summary>Idempotent masks z² = z and the expectation operator E z = θ with independence.</summary>
[Properties(Arbitrary = [typeof(MaskArbitraries)], MaxTest = 100)]
public class BernoulliMaskProperties
{
    internal static readonly BernoulliMasks Masks = BernoulliMasks.WithTheta(["z1", "z2"]);

    [Fact]
    public void Expectation_of_a_scaled_masked_square()
    {
        // E[(θ⁻¹ z1 u)²] = u²/θ
        var e = Parser.Parse("(1/theta*z1*u)^2");
        Assert.Equal(Parser.Parse("u^2/theta").Canonical(), Masks.Expectation(e));
        Assert.Equal("u^2/theta", Masks.Expectation(e).ToInfix());
    }

    [Fact]
    public void Idempotence_and_independence()
    {
        Assert.Equal(Parser.Parse("z1").Canonical(), Parser.Parse("z1^5").Canonical(Masks));
        Assert.Equal(Parser.Parse("theta^2*a").Canonical(), Masks.Expectation(Parser.Parse("z1^3*z2*a")));
        Assert.Equal(Parser.Parse("theta").Canonical(), Masks.Expectation(Parser.Parse("z1^2")));
        Assert.NotEqual(Parser.Parse("z1").Canonical(), Parser.Parse("z1^2").Canonical()); // undeclared: not reduced
    }

    [Property]
    public Property Reduced_form_agrees_with_the_tree_where_masks_are_0_or_1(MaskSample s)
    {
        var reduced = s.Expr.Canonical(Masks);
        var ok = s.Points.All(p =>
        {
            var tree = TreeEval.TryEvaluate(s.Expr, p);
            return tree is null || reduced.Evaluate(p).Equals(tree.Value);
        });
        var noSquares = reduced.Numerator.Terms.All(t => t.Monomial.ExponentOf("z1") <= 1 && t.Monomial.ExponentOf("z2") <= 1);
        return (ok && noSquares).Label(reduced.ToInfix());
    }

    [Property]
    public Property Expectation_is_the_weighted_sum_over_all_masks(MaskSample s)
    {
        // E f = Σ_{z ∈ {0,1}²} θ^{|z|}(1−θ)^{2−|z|} f(z), at a numeric θ, by direct tree evaluation.
        var expectation = Masks.Expectation(s.Expr.Canonical());
        foreach (var p in s.Points)
        {
            var theta = p["theta"];
            var total = Fraction.Zero;
            var regular = true;
            foreach (var (z1, z2) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
            {
                var q = new Dictionary<string, Fraction>(p) { ["z1"] = z1, ["z2"] = z2 };
                var v = TreeEval.TryEvaluate(s.Expr, q);
                if (v is null) { regular = false; break; }
                total += v.Value * Fraction.Pow(theta, z1 + z2) * Fraction.Pow(Fraction.One - theta, 2 - z1 - z2);
            }
            if (!regular) continue;
            if (!expectation.Evaluate(p).Equals(total)) return false.Label($"{expectation} at θ={theta}");
        }
        return true.ToProperty();
    }

    [Property]
    public Property Expectation_is_linear(MaskSample s, MaskSample t, int k)
    {
        var c = RationalFunction.Constant(new Fraction(k % 7, 3));
        var g = Parser.Parse("a*b - 2").Canonical(); // mask-free factor pulls out of E
        var f1 = s.Expr.Canonical();
        var f2 = t.Expr.Canonical();
        var lhs = Masks.Expectation(c * f1 + g * f2);
        var rhs = c * Masks.Expectation(f1) + g * Masks.Expectation(f2);
        return lhs.Equals(rhs).ToProperty();
    }
}

public sealed record MaskSample(Expr Expr, Dictionary<string, Fraction>[] Points)
{
    public override string ToString() => Expr.ToString();
}

public static class MaskArbitraries
{
    /// <summary>Mask-free denominators; points with z1, z2 ∈ {0, 1}.</summary>
    public static Arbitrary<MaskSample> MaskSamples()
    {
        var leaf = Gen.Frequency(
            (2, Gen.Elements("z1", "z2").Select(Expr.Symbol)),
            (2, Gen.Elements("a", "b", "theta").Select(Expr.Symbol)),
            (1, Gen.Choose(-3, 3).Select(k => Expr.Number(k))));
        Gen<Expr> Tree(int depth) => depth == 0
            ? leaf
            : Gen.Frequency(
                (1, leaf),
                (2, Tree(depth - 1).Zip(Tree(depth - 1), (x, y) => x + y)),
                (2, Tree(depth - 1).Zip(Tree(depth - 1), (x, y) => x * y)),
                (1, Tree(depth - 1).Zip(Gen.Choose(0, 3), (x, e) => x.Pow(e))),
                (1, Tree(depth - 1).Select(x => x / Expr.Symbol("theta"))));
        var points = Gen.ArrayOf(
            from a in Gen.Choose(-50, 50)
            from b in Gen.Choose(-50, 50)
            from t in Gen.Choose(1, 19)
            from z1 in Gen.Choose(0, 1)
            from z2 in Gen.Choose(0, 1)
            select new Dictionary<string, Fraction>
            {
                ["a"] = new(a, 7), ["b"] = new(b), ["theta"] = new(t, 20), ["z1"] = z1, ["z2"] = z2,
            }, 3);
        return Arb.From(Gen.Choose(0, 3).SelectMany(Tree).Zip(points, (e, p) => new MaskSample(e, p)));
    }
}
