using Verification.Numerics;

namespace Verification.Topics.Approximation;

/// <summary>
/// A continuous target function f on [0, 1] (or on the interval a claim uses): its value in floating point with a bound on
/// the rounding error, a bound on its variation over a radius (for certified maximisation) and its modulus of continuity
/// ω(δ) = sup{|f(x) − f(y)| : |x − y| ≤ δ} on [0, 1], exact or rounded up.
/// </summary>
public abstract class Target
{
    public abstract string Name { get; }

    public abstract double Evaluate(double x);

    /// <summary>An upper bound on |Evaluate(x) − f(x)|.</summary>
    public abstract double EvaluationError(double x);

    /// <summary>An upper bound on |f(x) − f(y)| for |x − y| ≤ r within [0, 1].</summary>
    public abstract double Variation(double r);

    /// <summary>An upper bound on |f(x) − f(m)| for x in the cell [u, v] around its midpoint m (radius r); by default <see cref="Variation(double)"/>.</summary>
    public virtual double Variation(double u, double v, double r) => Variation(r);

    /// <summary>The modulus of continuity ω(δ) on [0, 1], rounded up to a double.</summary>
    public abstract double Modulus(Rational delta);

    public override string ToString() => Name;

    protected static double U => Rounding.UnitRoundoff;
}

/// <summary>A target whose values at rational points are rational, with the exact quantities the interpolation bounds need.</summary>
public abstract class ExactTarget : Target
{
    public abstract Rational Value(Rational x);

    /// <summary>The Lipschitz constant sup |f′| on [a, b] (for a piecewise-linear f, the largest |slope| there), exactly.</summary>
    public abstract Rational Lipschitz(Rational a, Rational b);

    /// <summary>‖f″‖_∞ on [a, b] exactly, or null when f is not C² there.</summary>
    public abstract Rational? SecondDerivativeSup(Rational a, Rational b);

    /// <summary>The modulus of continuity on [a, b], exactly: max over x ∈ [a, b − δ] of |f(x + δ) − f(x)|.</summary>
    public abstract Rational ExactModulus(Rational delta, Rational a, Rational b);

    /// <summary>
    /// The points of [lo, hi] where |f − ℓ| can be largest for the affine ℓ(x) = s·x + c (the ends and the critical points of
    /// f − ℓ inside), with the exact error f − ℓ there.
    /// </summary>
    public abstract IEnumerable<(QuadraticSurd X, QuadraticSurd Error)> Candidates(Rational s, Rational c, Rational lo, Rational hi);

    public override double Modulus(Rational delta) => ExactModulus(delta, Rational.Zero, Rational.One).UpperDouble();
}

/// <summary>f(x) = c_0 + c_1x + c_2x² + c_3x³ with rational coefficients (degree at most 3, so critical points of f − ℓ are in Q(√D)).</summary>
public sealed class PolynomialTarget : ExactTarget
{
    public const int MaxDegree = 3;

    private readonly Rational[] c;

    public PolynomialTarget(IReadOnlyList<Rational> coefficients)
    {
        if (coefficients.Count > MaxDegree + 1 && coefficients.Skip(MaxDegree + 1).Any(x => !x.IsZero))
            throw new ArgumentException($"the polynomial has degree above {MaxDegree}: exact critical points are implemented up to cubics");
        c = new Rational[MaxDegree + 1];
        for (var i = 0; i < Math.Min(coefficients.Count, c.Length); i++) c[i] = coefficients[i];
        coefficientsDouble = c.Select(x => x.ToDouble()).ToArray();
    }

    private readonly double[] coefficientsDouble;

    public IReadOnlyList<Rational> Coefficients => c;

    public int Degree => Array.FindLastIndex(c, x => !x.IsZero);

    public override string Name
    {
        get
        {
            var terms = new List<string>();
            for (var j = MaxDegree; j >= 0; j--)
            {
                if (c[j].IsZero) continue;
                var magnitude = Rational.Abs(c[j]);
                var coefficient = j > 0 && magnitude == Rational.One ? "" : magnitude.ToString() + (j > 0 ? "*" : "");
                var power = j == 0 ? "" : j == 1 ? "x" : $"x^{j}";
                var sign = c[j].Sign < 0 ? "-" : "+";
                terms.Add(terms.Count == 0 ? (sign == "-" ? "-" : "") + coefficient + power : $"{sign} {coefficient}{power}");
            }
            return terms.Count == 0 ? "0" : string.Join(" ", terms);
        }
    }

    public override Rational Value(Rational x) => ((c[3] * x + c[2]) * x + c[1]) * x + c[0];

    private Rational Derivative(Rational x) => (3 * c[3] * x + 2 * c[2]) * x + c[1];

    public override double Evaluate(double x) => ((coefficientsDouble[3] * x + coefficientsDouble[2]) * x + coefficientsDouble[1]) * x + coefficientsDouble[0];

    /// <summary>Horner with rounded coefficients: γ_{2d+1}·Σ|c_j||x|^j.</summary>
    public override double EvaluationError(double x)
    {
        var ax = Math.Abs(x);
        var magnitude = ((Math.Abs(coefficientsDouble[3]) * ax + Math.Abs(coefficientsDouble[2])) * ax + Math.Abs(coefficientsDouble[1])) * ax + Math.Abs(coefficientsDouble[0]);
        return Rounding.Gamma(2 * MaxDegree + 2) * magnitude * (1 + 4 * U);
    }

    private Rational? lipschitzOnUnit;

    public override double Variation(double r) => (lipschitzOnUnit ??= Lipschitz(Rational.Zero, Rational.One)).UpperDouble() * r * (1 + 4 * U);

    public override Rational Lipschitz(Rational a, Rational b)
    {
        var max = Rational.Max(Rational.Abs(Derivative(a)), Rational.Abs(Derivative(b)));
        if (!c[3].IsZero)
        {
            var vertex = -c[2] / (3 * c[3]);
            if (vertex > a && vertex < b) max = Rational.Max(max, Rational.Abs(Derivative(vertex)));
        }
        return max;
    }

    public override Rational? SecondDerivativeSup(Rational a, Rational b) =>
        Rational.Max(Rational.Abs(2 * c[2] + 6 * c[3] * a), Rational.Abs(2 * c[2] + 6 * c[3] * b));

    /// <summary>g(x) = f(x + δ) − f(x) has degree ≤ 2: its largest |g| on [a, b − δ] is at an end or at its vertex.</summary>
    public override Rational ExactModulus(Rational delta, Rational a, Rational b)
    {
        if (delta.Sign <= 0) return Rational.Zero;
        if (delta > b - a) delta = b - a;
        Rational G(Rational x) => Value(x + delta) - Value(x);
        var end = b - delta;
        var max = Rational.Max(Rational.Abs(G(a)), Rational.Abs(G(end)));
        // g'(x) = c1·0 + c2·2δ + c3·(6δx + 3δ²): zero at x = −(2c2 + 3c3δ)/(6c3).
        if (!c[3].IsZero)
        {
            var vertex = -(2 * c[2] + 3 * c[3] * delta) / (6 * c[3]);
            if (vertex > a && vertex < end) max = Rational.Max(max, Rational.Abs(G(vertex)));
        }
        return max;
    }

    public override IEnumerable<(QuadraticSurd X, QuadraticSurd Error)> Candidates(Rational s, Rational intercept, Rational lo, Rational hi)
    {
        Rational E(Rational x) => Value(x) - s * x - intercept;
        yield return (QuadraticSurd.Of(lo), QuadraticSurd.Of(E(lo)));
        yield return (QuadraticSurd.Of(hi), QuadraticSurd.Of(E(hi)));
        // e'(x) = 3c3x² + 2c2x + (c1 − s).
        var (qa, qb, qc) = (3 * c[3], 2 * c[2], c[1] - s);
        var roots = new List<QuadraticSurd>();
        if (qa.IsZero)
        {
            if (!qb.IsZero) roots.Add(QuadraticSurd.Of(-qc / qb));
        }
        else
        {
            var discriminant = qb * qb - 4 * qa * qc;
            var p = -qb / (2 * qa);
            var q = (2 * qa).Reciprocal();
            if (discriminant.IsZero) roots.Add(QuadraticSurd.Of(p));
            else if (discriminant.Sign > 0)
            {
                if (QuadraticSurd.ExactSqrt(discriminant) is { } root)
                {
                    roots.Add(QuadraticSurd.Of(p + q * root));
                    roots.Add(QuadraticSurd.Of(p - q * root));
                }
                else
                {
                    roots.Add(new QuadraticSurd(p, q, discriminant));
                    roots.Add(new QuadraticSurd(p, -q, discriminant));
                }
            }
        }
        foreach (var x in roots)
        {
            if (x.CompareTo(lo) <= 0 || x.CompareTo(hi) >= 0) continue;
            var value = ((x * c[3] + c[2]) * x + (c[1] - s)) * x + (c[0] - intercept);
            yield return (x, value);
        }
    }
}

/// <summary>A continuous piecewise-linear target (Lipschitz, not C² unless affine), e.g. |x − c| or a ReLU network's function.</summary>
public sealed class PiecewiseTarget : ExactTarget
{
    private readonly double[] breaks;
    private readonly double[] slopes;
    private readonly double[] intercepts;
    private readonly double lipschitz;

    public PiecewiseTarget(PiecewiseLinear function, string name)
    {
        Function = function;
        Name = name;
        breaks = function.Breakpoints.Select(b => b.ToDouble()).ToArray();
        slopes = function.Slopes.Select(s => s.ToDouble()).ToArray();
        intercepts = function.Intercepts.Select(c => c.ToDouble()).ToArray();
        lipschitz = function.Slopes.Select(s => Math.Abs(s.ToDouble())).Max();
    }

    public PiecewiseLinear Function { get; }

    public override string Name { get; }

    /// <summary>|x − c| on ℝ.</summary>
    public static PiecewiseTarget Abs(Rational center) =>
        new(PiecewiseLinear.FromPieces(null, null, [center], [Rational.MinusOne, Rational.One], [center, -center]), $"|x - {center}|");

    public override Rational Value(Rational x) => Function.Evaluate(x);

    public override double Evaluate(double x)
    {
        var i = Array.BinarySearch(breaks, x);
        if (i < 0) i = ~i;
        return slopes[i] * x + intercepts[i];
    }

    /// <summary>Rounded slope and intercept, and a breakpoint read up to one rounding (the neighbouring piece differs there by at most 2L·u|b|).</summary>
    public override double EvaluationError(double x)
    {
        var i = Array.BinarySearch(breaks, x);
        if (i < 0) i = ~i;
        return Rounding.Gamma(4) * (Math.Abs(slopes[i] * x) + Math.Abs(intercepts[i])) + 4 * lipschitz * U * (Math.Abs(x) + 1);
    }

    public override double Variation(double r) => lipschitz * r * (1 + 4 * U);

    public override Rational Lipschitz(Rational a, Rational b)
    {
        var (first, last) = (Function.PieceIndex(a), Function.PieceIndex(b));
        if (first < Function.PieceCount - 1 && Function.Breakpoint(first) == a) first++;
        var max = Rational.Zero;
        for (var i = first; i <= last; i++) max = Rational.Max(max, Rational.Abs(Function.Slope(i)));
        return max;
    }

    public override Rational? SecondDerivativeSup(Rational a, Rational b) =>
        Function.Restrict(a, b).PieceCount == 1 ? Rational.Zero : null;

    /// <summary>g(x) = f(x + δ) − f(x) is piecewise linear with kinks at b_i and b_i − δ: its largest |g| is at one of them or an end.</summary>
    public override Rational ExactModulus(Rational delta, Rational a, Rational b)
    {
        if (delta.Sign <= 0) return Rational.Zero;
        if (delta > b - a) delta = b - a;
        var end = b - delta;
        var points = new List<Rational> { a, end };
        foreach (var bp in Function.Breakpoints)
        {
            if (bp > a && bp < end) points.Add(bp);
            var shifted = bp - delta;
            if (shifted > a && shifted < end) points.Add(shifted);
        }
        return points.Select(x => Rational.Abs(Value(x + delta) - Value(x))).Aggregate(Rational.Zero, Rational.Max);
    }

    public override IEnumerable<(QuadraticSurd X, QuadraticSurd Error)> Candidates(Rational s, Rational c, Rational lo, Rational hi)
    {
        Rational E(Rational x) => Value(x) - s * x - c;
        yield return (QuadraticSurd.Of(lo), QuadraticSurd.Of(E(lo)));
        yield return (QuadraticSurd.Of(hi), QuadraticSurd.Of(E(hi)));
        foreach (var bp in Function.Breakpoints)
            if (bp > lo && bp < hi) yield return (QuadraticSurd.Of(bp), QuadraticSurd.Of(E(bp)));
    }
}

/// <summary>f(x) = √x on [0, 1]: continuous but not Lipschitz, ω(δ) = √δ (Hölder ½).</summary>
public sealed class SquareRootTarget : Target
{
    public static SquareRootTarget Instance { get; } = new();

    public override string Name => "sqrt(x)";

    public override double Evaluate(double x) => Math.Sqrt(Math.Max(0, x));

    /// <summary>Math.Sqrt is correctly rounded (IEEE 754).</summary>
    public override double EvaluationError(double x) => U * Math.Sqrt(Math.Max(0, x));

    public override double Variation(double r) => Math.Sqrt(r) * (1 + 2 * U);

    /// <summary>√ is increasing: the variation over [u, v] is at most √v − √u (with its cancellation error u(√u + √v)), and at most √r.</summary>
    public override double Variation(double u, double v, double r)
    {
        var (su, sv) = (Math.Sqrt(Math.Max(0, u)), Math.Sqrt(Math.Max(0, v)));
        return Math.Min(Variation(r), (sv - su) * (1 + 2 * U) + 3 * U * (su + sv));
    }

    public override double Modulus(Rational delta) => Math.Sqrt(delta.UpperDouble()) * (1 + 2 * U);
}

/// <summary>f(x) = sin(2πνx) on [0, 1] (ν a positive integer): ω(δ) = 2 sin(min(π, 2πνδ)/2).</summary>
public sealed class SineTarget(int frequency) : Target
{
    public int Frequency { get; } = frequency >= 1 ? frequency : throw new ArgumentException($"the frequency ν must be a positive integer, got {frequency}");

    public override string Name => Frequency == 1 ? "sin(2*pi*x)" : $"sin(2*pi*{Frequency}*x)";

    public override double Evaluate(double x) => Math.Sin(2 * Math.PI * Frequency * x);

    /// <summary>The argument carries 3 roundings (and π itself one), |sin′| ≤ 1; sin is assumed within 2 ulps.</summary>
    public override double EvaluationError(double x) => 4 * U + 5 * U * 2 * Math.PI * Frequency * Math.Abs(x);

    public override double Variation(double r) => Math.Min(2, 2 * Math.PI * Frequency * r) * (1 + 4 * U);

    public override double Modulus(Rational delta) => 2 * Math.Sin(Math.Min(Math.PI, 2 * Math.PI * Frequency * delta.UpperDouble()) / 2) * (1 + 8 * U);
}
