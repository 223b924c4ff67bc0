using System.Text.RegularExpressions;
using Verification.Input;
using Verification.Numerics;
using Verification.Symbolic;
using Verification.Topics.Depth;

namespace Verification.Topics.Approximation;

/// <summary>Reads the target f of the approximation claims from `eval` JSON: "f" as text, or "layers" (a ReLU network's function).</summary>
public static partial class TargetInput
{
    public const string Forms = "a polynomial in x of degree ≤ 3 with rational coefficients (e.g. \"x^3 - x/2 + 1/5\"), \"abs(x - c)\" with rational c, \"sqrt(x)\", \"sin(2*pi*k*x)\" with a positive integer k, or give \"layers\" (a ReLU network ℝ → ℝ) instead of \"f\"";

    /// <summary>How the staircase scales, quoted when a target's coefficients are beyond the moderate range.</summary>
    public const string StaircaseHomogeneity = "the staircase is linear in f (f → cf multiplies both f − G and the bound by |c|)";

    /// <summary>
    /// The target, for a floating-point claim: its nonzero coefficients (a polynomial's, or a network's slopes and intercepts
    /// on [0, 1]) must lie in [1e-150, 1e150], where double evaluation neither overflows nor falls into the subnormal range
    /// (where relative rounding bounds fail); beyond that, one line that says how to rescale.
    /// </summary>
    public static Target ReadModerate(InputReader input)
    {
        var f = Read(input, exact: false);
        IEnumerable<Rational> coefficients = f switch
        {
            PolynomialTarget p => p.Coefficients,
            PiecewiseTarget t => t.Function.Restrict(Rational.Zero, Rational.One) is var r ? r.Slopes.Concat(r.Intercepts) : [],
            _ => [],
        };
        foreach (var c in coefficients)
        {
            if (c.IsZero) continue;
            var a = Rational.Abs(c);
            var small = a < Rational.FromDouble(Readers.ModerateMin);
            if (small || a > Rational.FromDouble(Readers.ModerateMax))
                throw new InputException($"f = {Shorten(f.Name)} has a coefficient of magnitude {(small ? "below 1e-150" : "above 1e150")}, outside 1e-150 ≤ |c| ≤ 1e150, where this claim's floating-point evaluation would overflow or lose all precision; {StaircaseHomogeneity}, so rescale f");
        }
        return f;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    public static Target Read(InputReader input, bool exact)
    {
        if (input.Has("layers") && input.Has("f")) throw new InputException("give either \"f\" or \"layers\", not both");
        if (input.Has("layers"))
        {
            var network = NetworkCases.ReadNetwork(input);
            return new PiecewiseTarget(network.ToPiecewiseLinear(), $"the given network ({network.Depth} hidden layers, widths [{string.Join(", ", network.Widths)}])");
        }
        if (!input.Has("f")) throw new InputException($"missing key \"f\": {Forms}");
        var text = input.Text("f").Trim();
        if (text == "sqrt(x)")
            return exact ? throw new InputException("\"sqrt(x)\" has irrational values at the knots: this claim is exact and needs a polynomial of degree ≤ 3, \"abs(x - c)\" or \"layers\"") : SquareRootTarget.Instance;
        if (AbsForm().Match(text) is { Success: true } abs)
        {
            var sign = abs.Groups[1].Value;
            var center = abs.Groups[2].Success ? ParseRational(abs.Groups[2].Value) : Rational.Zero;
            return PiecewiseTarget.Abs(sign == "+" ? -center : center);
        }
        if (SineForm().Match(text) is { Success: true } sine)
        {
            if (exact) throw new InputException("\"sin(…)\" has irrational values at the knots: this claim is exact and needs a polynomial of degree ≤ 3, \"abs(x - c)\" or \"layers\"");
            var k = sine.Groups[1].Success ? int.Parse(sine.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
            if (k < 1 || k > 1000) throw new InputException($"the frequency k of sin(2*pi*k*x) must be between 1 and 1000, got {k}");
            return new SineTarget(k);
        }
        return Polynomial(text);
    }

    private static Rational ParseRational(string text)
    {
        try
        {
            return Rational.Parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException or DivideByZeroException)
        {
            throw new InputException($"\"{text}\" is not a rational number: {Forms}");
        }
    }

    private static PolynomialTarget Polynomial(string text)
    {
        RationalFunction expanded;
        try
        {
            expanded = Algebra.Expand(text);
        }
        catch (Exception e) when (e is ParseException or DivideByZeroException or ArgumentException or InvalidOperationException)
        {
            throw new InputException($"\"f\" = \"{text}\" is not understood ({e.Message.Split('\n')[0]}): {Forms}");
        }
        if (!expanded.IsPolynomial || expanded.Variables.Any(v => v != "x"))
            throw new InputException($"\"f\" = \"{text}\" is not a polynomial in x: {Forms}");
        var scale = expanded.Denominator.ConstantValue;
        var coefficients = expanded.Numerator.CoefficientsIn("x");
        if (coefficients.Keys.Any(d => d > PolynomialTarget.MaxDegree))
            throw new InputException($"\"f\" = \"{text}\" has degree {coefficients.Keys.Max()}, above the limit {PolynomialTarget.MaxDegree} (exact critical points are implemented up to cubics)");
        var c = new Rational[PolynomialTarget.MaxDegree + 1];
        foreach (var (degree, coefficient) in coefficients) c[degree] = Rational.FromFraction(coefficient.ConstantValue / scale);
        return new PolynomialTarget(c);
    }

    [GeneratedRegex(@"^abs\(\s*x\s*(?:([+-])\s*([0-9./\s]+?))?\s*\)$")]
    private static partial Regex AbsForm();

    [GeneratedRegex(@"^sin\(\s*2\s*\*\s*pi\s*\*\s*(?:(\d+)\s*\*\s*)?x\s*\)$")]
    private static partial Regex SineForm();
}
