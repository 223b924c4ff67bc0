using Fractions;
using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Homogeneous;

/// <summary>homogeneous.positive-homogeneity, homogeneous.sigmoid.control, homogeneous.parallel-zero-subnetwork.</summary>
public static class HomogeneousClaims
{
    /// <summary>
    /// The network of the symbolic derivation homogeneous.positive-homogeneity.symbolic, φ(A, B, C) = C·B·A·x with A, B 2×2 and
    /// C 1×2 (degree 3), at a rational point and α = 3/2: the numerical claim runs it first, so both agree on the degree.
    /// </summary>
    public static HomogeneityCase SymbolicExample { get; } = new(
        Network.Create(2,
        [
            new Linear(ExactMatrix.FromRows([[new Fraction(1, 2), new Fraction(-1)], [new Fraction(2), new Fraction(1, 3)]])),
            new Linear(ExactMatrix.FromRows([[new Fraction(3), new Fraction(-2, 5)], [new Fraction(0), new Fraction(1)]])),
            new Linear(ExactMatrix.FromRows([[new Fraction(-1, 4), new Fraction(5)]])),
        ]),
        [new Fraction(2, 3), new Fraction(-7)],
        new Fraction(3, 2));

    public static Claim<HomogeneityCase> PositiveHomogeneity { get; } = Claim.Theorem(
        id: "homogeneous.positive-homogeneity",
        sides: "lhs: φ(αW)(x), exactly; rhs: α^K·φ(W)(x), exactly (a failing part reports its own sides: the regularizers, or the floating-point evaluations)",
        title: "Bias-free networks of linear, ReLU, leaky ReLU and max-pooling layers are positively homogeneous of degree K in the weights, and so is Π_k ‖W^k‖",
        statement: @"\varphi(\alpha W^1, \dots, \alpha W^K)(x) = \alpha^K \varphi(W^1, \dots, W^K)(x),\quad \prod_k \|\alpha W^k\| = \alpha^K \prod_k \|W^k\| \quad (\alpha \ge 0)",
        source: "Haeffele2015",
        instances: HomogeneityCases.PositivelyHomogeneous,
        check: CheckPositiveHomogeneity,
        evidence: "exact rational evaluation of both sides on random architectures (1 to 4 linear layers, ReLU, leaky ReLU, max-pooling, inputs of size 1 to 4, α ≥ 0 rational, 0 and 1 included), and Π‖αW^k‖_F² = α^{2K}Π‖W^k‖_F² exactly; the floating-point evaluation and Π‖W^k‖_F within the summation bound of the forward pass; the symbolic derivation's network (C·B·A·x, degree 3) runs first") with
    {
        Examples = [SymbolicExample],
    };

    public static Outcome CheckPositiveHomogeneity(HomogeneityCase c)
    {
        if (!c.Net.IsPiecewiseLinear)
            return Outcome.Discard("the network has a sigmoid layer: positive homogeneity is claimed for linear, ReLU, leaky ReLU and max-pooling layers (see homogeneous.sigmoid.control)");
        if (c.Alpha < Fraction.Zero) return Outcome.Discard("α < 0: positive homogeneity is claimed for α ≥ 0");
        var k = c.Net.Degree;
        var power = Power(c.Alpha, k);
        var scaled = c.Net.Scaled(c.Alpha);
        var lhs = scaled.Evaluate(c.X);
        var rhs = c.Net.Evaluate(c.X).Select(v => power * v).ToArray();
        var exactDifference = lhs.Zip(rhs, (a, b) => Math.Abs((a - b).ToDoubleAnyScale())).DefaultIfEmpty(0).Max();
        var exact = Outcome.Decide(lhs.SequenceEqual(rhs), Value.Of(HomogeneityCases.Column(lhs)), Value.Of(HomogeneityCases.Column(rhs)),
            $"exact: φ(αW)(x) = α^{k}·φ(W)(x) with α = {Exact.Format(c.Alpha)}, K = {k} linear layers", exactDifference);
        var regularizer = Outcome.Exact(scaled.RegularizerSquared(), Power(c.Alpha, 2 * k) * c.Net.RegularizerSquared(),
            $"exact: Π_k ‖αW^k‖_F² = α^{2 * k}·Π_k ‖W^k‖_F²");

        var x = c.X.Select(v => v.ToDoubleAnyScale()).ToArray();
        var alpha = c.Alpha.ToDoubleAnyScale();
        var floatingLhs = scaled.Evaluate(x);
        var floatingRhs = c.Net.Evaluate(x).Select(v => Math.Pow(alpha, k) * v).ToArray();
        var (magnitude, chain) = c.Net.RoundingScale(x);
        var tolerance = Tolerance.Summation(chain + 2 * k + 2, (1 + Math.Pow(alpha, k)) * magnitude);
        var floating = Outcome.Distance(Value.Of(FloatingRow(floatingLhs)), Value.Of(FloatingRow(floatingRhs)), MaxDifference(floatingLhs, floatingRhs), tolerance,
            "floating point: φ(αW)(x) against α^K·φ(W)(x), largest entry difference");
        var regularizerFloating = Outcome.Within(scaled.Regularizer(), Math.Pow(alpha, k) * c.Net.Regularizer(),
            Tolerance.Summation(scaled.LinearLayers.Sum(l => l.W.RowCount * l.W.ColumnCount + 4) + 2 * k, 2 * Math.Pow(alpha, k) * c.Net.Regularizer() + Rounding.UnitRoundoff),
            "floating point: Π_k ‖αW^k‖_F = α^K·Π_k ‖W^k‖_F");
        var outcome = Outcome.All(exact, regularizer, floating, regularizerFloating);
        if (outcome.Holds) outcome = outcome with { Lhs = exact.Lhs, Rhs = exact.Rhs, Residual = 0, Tolerance = Tolerance.Exact, Explanation = exact.Explanation + "; the regularizer exactly, and both in floating point within the summation bound" };
        return outcome.WithDetails(
            new NamedValue("degree", Value.Of(k)),
            new NamedValue("alphaToK", Value.Of(power)),
            new NamedValue("output", Value.Of(HomogeneityCases.Column(c.Net.Evaluate(c.X)))),
            new NamedValue("regularizer", Value.Of(c.Net.Regularizer())),
            new NamedValue("scaledRegularizer", Value.Of(scaled.Regularizer())));
    }

    public static Claim<HomogeneityCase> SigmoidControl { get; } = Claim.Control(
        id: "homogeneous.sigmoid.control",
        sides: "lhs: φ(αW)(x) in floating point; rhs: α^K·φ(W)(x)",
        title: "Control: bias-free sigmoid networks are positively homogeneous of degree K (false: σ(0) = 1/2)",
        statement: @"\varphi(\alpha W^1, \dots, \alpha W^K)(x) = \alpha^K \varphi(W^1, \dots, W^K)(x) \text{ for networks with sigmoid layers} \quad\text{(false)}",
        instances: HomogeneityCases.WithSigmoid,
        check: CheckSigmoid,
        evidence: "floating-point evaluation of both sides within the summation bound of the forward pass (a sigmoid has no rational values); the minimal counterexample is a 1×1 linear layer and a sigmoid: σ(0·w·x) = 1/2 against 0·σ(w·x) = 0",
        source: "Haeffele2015");

    public static Outcome CheckSigmoid(HomogeneityCase c)
    {
        var k = c.Net.Degree;
        var scaled = c.Net.Scaled(c.Alpha);
        var x = c.X.Select(v => v.ToDoubleAnyScale()).ToArray();
        var alpha = c.Alpha.ToDoubleAnyScale();
        var lhs = scaled.Evaluate(x);
        var rhs = c.Net.Evaluate(x).Select(v => Math.Pow(alpha, k) * v).ToArray();
        var (magnitude, chain) = c.Net.RoundingScale(x);
        return Outcome.Distance(Value.Of(FloatingRow(lhs)), Value.Of(FloatingRow(rhs)), MaxDifference(lhs, rhs),
                Tolerance.Summation(chain + 2 * k + 2, (1 + Math.Pow(alpha, k)) * Math.Max(magnitude, 1)),
                $"φ(αW)(x) against α^K·φ(W)(x) with α = {Exact.Format(c.Alpha)}, K = {k}, largest entry difference")
            .WithDetails(new NamedValue("degree", Value.Of(k)));
    }

    public static Claim<ParallelCase> ParallelZeroSubnetwork { get; } = Claim.Theorem(
        id: "homogeneous.parallel-zero-subnetwork",
        sides: "lhs: Φ'(x) with the zero subnetwork appended; rhs: Φ(x) (a failing part reports its own sides: φ(0)(x) against 0, a regularizer after against before)",
        title: "Appending a subnetwork with zero weights to Φ = Σ_i φ(W_i) changes neither the output nor the regularizer",
        statement: @"\Phi(x) = \sum_{i=1}^{r} \varphi(W_i)(x),\quad \Phi'(x) = \Phi(x) + \varphi(0)(x) = \Phi(x),\quad \Theta' = \sum_{i=1}^{r} \prod_k \|W_i^k\| + \prod_k \|0\| = \Theta",
        source: "Haeffele2015",
        instances: ParallelCases.All,
        check: CheckParallelZero,
        evidence: "exact rational evaluation of Φ and Φ' (1 to 3 positively homogeneous subnetworks, an appended architecture with 1 to 3 linear layers and all weights 0), φ(0)(x) = 0 exactly, the ℓ1 regularizer Σ_iΠ_k‖W_i^k‖_1 exactly, and the Frobenius regularizer bit for bit in floating point (adding a zero term is exact)");

    public static Outcome CheckParallelZero(ParallelCase c) => CheckParallelZero(c, n => n.Zeroed());

    /// <summary>The check with the appended subnetwork built by <paramref name="zero"/> (the claim: all weights set to 0; tests pass wrong ones).</summary>
    public static Outcome CheckParallelZero(ParallelCase c, Func<Network, Network> zero)
    {
        if (c.Appended.Degree == 0) return Outcome.Discard("the appended subnetwork has no linear layer, hence no weights to set to 0");
        if (!c.Net.Subnetworks.All(s => s.IsPiecewiseLinear) || !c.Appended.IsPiecewiseLinear)
            return Outcome.Discard("a subnetwork has a sigmoid layer: the claim is about positively homogeneous subnetworks");
        var appended = zero(c.Appended);
        var extended = c.Net.Append(appended);
        var before = c.Net.Evaluate(c.X);
        var after = extended.Evaluate(c.X);
        var zeroOutput = appended.Evaluate(c.X);
        var output = Outcome.Decide(before.SequenceEqual(after), Value.Of(HomogeneityCases.Column(after)), Value.Of(HomogeneityCases.Column(before)),
            "exact: Φ'(x) with the zero subnetwork equals Φ(x)", after.Zip(before, (a, b) => Math.Abs((a - b).ToDoubleAnyScale())).DefaultIfEmpty(0).Max());
        var zeroPart = Outcome.Decide(zeroOutput.All(v => v.IsZero), Value.Of(HomogeneityCases.Column(zeroOutput)), Value.Of(0L), "exact: φ(0)(x) = 0",
            zeroOutput.Select(v => Math.Abs(v.ToDoubleAnyScale())).DefaultIfEmpty(0).Max());
        var l1 = Outcome.Exact(extended.RegularizerL1(), c.Net.RegularizerL1(), "exact: Σ_i Π_k ‖W_i^k‖_1 unchanged");
        var frobeniusAfter = extended.Regularizer();
        var frobeniusBefore = c.Net.Regularizer();
        var frobenius = !double.IsFinite(frobeniusAfter) || !double.IsFinite(frobeniusBefore)
            ? Outcome.Overflow($"Σ_i Π_k ‖W_i^k‖_F is {frobeniusBefore} in double precision")
            : Outcome.Decide(frobeniusAfter == frobeniusBefore, Value.Of(frobeniusAfter), Value.Of(frobeniusBefore),
            "Σ_i Π_k ‖W_i^k‖_F unchanged, bit for bit in floating point", Math.Abs(frobeniusAfter - frobeniusBefore));
        var outcome = Outcome.All(output, zeroPart, l1, frobenius);
        if (outcome.Holds) outcome = outcome with { Lhs = output.Lhs, Rhs = output.Rhs, Explanation = "exact: Φ'(x) = Φ(x) and φ(0)(x) = 0; the regularizers (ℓ1 exactly, Frobenius bit for bit) are unchanged" };
        return outcome.WithDetails(
            new NamedValue("regularizer", Value.Of(frobeniusBefore)),
            new NamedValue("regularizerL1", Value.Of(c.Net.RegularizerL1())),
            new NamedValue("subnetworks", Value.Of(extended.Subnetworks.Count)));
    }

    public static Fraction Power(Fraction x, int k)
    {
        var p = Fraction.One;
        for (var i = 0; i < k; i++) p *= x;
        return p;
    }

    private static MathNet.Numerics.LinearAlgebra.Matrix<double> FloatingRow(double[] v) => MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(1, v.Length, v);

    private static double MaxDifference(double[] a, double[] b) => a.Zip(b, (p, q) => Math.Abs(p - q)).DefaultIfEmpty(0).Max();
}
