using FsCheck;
using FsCheck.Fluent;
using Verification.Generators;
using Verification.Numerics;
using Verification.Topics.Depth;

namespace Verification.Topics.Approximation;

/// <summary>Generators and shrinkers of target functions shared by the approximation instance types.</summary>
public static class TargetGenerators
{
    private static Gen<Rational> Coefficient { get; } =
        Gen.Zip(Gen.Choose(-5, 5), Gen.Choose(1, 4)).Select(t => Rational.Of(t.Item1, t.Item2));

    /// <summary>Polynomials of degree 0..3 with coefficients p/q (|p| ≤ 5, q ≤ 4), the leading one nonzero.</summary>
    public static Gen<PolynomialTarget> Polynomial { get; } =
        from degree in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Constant(1)), (3, Gen.Constant(2)), (3, Gen.Constant(3)))
        from coefficients in Gen.ArrayOf(Coefficient, degree + 1)
        from lead in Gen.Elements(-3, -2, -1, 1, 2, 3).Zip(Gen.Choose(1, 2)).Select(t => Rational.Of(t.Item1, t.Item2))
        select new PolynomialTarget(coefficients.Take(degree).Append(lead).ToArray());

    /// <summary>|x − c| with c = p/q in [−1/2, 3/2].</summary>
    public static Gen<PiecewiseTarget> Abs { get; } =
        Gen.Choose(1, 7).SelectMany(q => Gen.Choose(-q / 2, 3 * q / 2).Select(p => PiecewiseTarget.Abs(Rational.Of(p, q))));

    /// <summary>The function of a random one- or two-layer ReLU network of width ≤ 4 (piecewise linear, Lipschitz).</summary>
    public static Gen<PiecewiseTarget> Network { get; } =
        from depth in Gen.Choose(1, 2)
        from widths in Gen.ArrayOf(Gen.Choose(1, 4), depth)
        from network in NetworkCases.Random(widths)
        select new PiecewiseTarget(network.ToPiecewiseLinear(), $"random ReLU network [{string.Join(", ", widths)}]: " + network.ToPiecewiseLinear());

    /// <summary>Exact targets: polynomials (C²), |x − c| and network functions (Lipschitz only).</summary>
    public static Gen<ExactTarget> Exact { get; } = Gen.Frequency(
        (4, Polynomial.Select(p => (ExactTarget)p)),
        (2, Abs.Select(p => (ExactTarget)p)),
        (1, Network.Select(p => (ExactTarget)p)));

    /// <summary>Any target: the exact ones, √x (Hölder ½) and sin(2πνx), ν = 1..3.</summary>
    public static Gen<Target> Any { get; } = Gen.Frequency(
        (5, Exact.Select(t => (Target)t)),
        (1, Gen.Constant((Target)SquareRootTarget.Instance)),
        (1, Gen.Choose(1, 3).Select(nu => (Target)new SineTarget(nu))));

    /// <summary>Simpler targets: x² (the tight case), x, |x − ½|, then a polynomial with one coefficient dropped or simplified.</summary>
    public static IEnumerable<Target> Shrink(Target t)
    {
        var square = new PolynomialTarget([0, 0, 1]);
        var identity = new PolynomialTarget([0, 1]);
        if (t is PolynomialTarget p)
        {
            if (p.Name != square.Name && p.Name != identity.Name && p.Degree >= 2) yield return square;
            if (p.Name != identity.Name && p.Degree >= 1) yield return identity;
            for (var j = 0; j <= PolynomialTarget.MaxDegree; j++)
                foreach (var x in NetworkCases.Simpler(p.Coefficients[j]))
                {
                    var c = p.Coefficients.ToArray();
                    c[j] = x;
                    if (c.Any(v => !v.IsZero)) yield return new PolynomialTarget(c);
                }
        }
        else
        {
            yield return square;
            if (t is not PiecewiseTarget { Name: "|x - 1/2|" }) yield return PiecewiseTarget.Abs(Rational.Half);
        }
    }
}
