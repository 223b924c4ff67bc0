using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Dropout;

/// <summary>dropout.expectation-with-input and dropout.sgd-unbiased.</summary>
public static partial class DropoutClaims
{
    /// <summary>Widths of the exact gradient enumeration (2^r masks of exact matrix products per case).</summary>
    public const int GradientEnumerationWidth = 5;

    /// <summary>The widest instance `eval` enumerates exactly for the claims with data and for the expected gradient.</summary>
    public const int ExactDataWidth = 12;

    public static Claim<InputCase> ExpectationWithInput { get; } = Claim.Theorem(
        id: "dropout.expectation-with-input",
        title: "With data X, dropout's expected loss is the loss plus λ Σ‖u_i‖²‖Xᵀv_i‖²",
        statement: @"\mathbb{E}_z \|Y - \theta^{-1} U \operatorname{diag}(z) V^\top X\|_F^2 = \|Y - UV^\top X\|_F^2 + \lambda \sum_i \|u_i\|^2 \|X^\top v_i\|^2",
        source: "Mianjy2018",
        instances: InputCases.WithData(6),
        check: CheckExpectationWithInput,
        evidence: "exact enumeration of all 2^r masks in exact rational arithmetic (XᵀV formed exactly; equality) and in floating point (summation tolerance); Monte Carlo with a 1 − 1e-9 empirical-Bernstein interval in eval --monte-carlo",
        sides: "lhs: E_z‖Y − θ⁻¹U diag(z)VᵀX‖_F² (exact enumeration, or a Monte Carlo estimate); rhs: ‖Y − UVᵀX‖_F² + λΣ‖u_i‖²‖Xᵀv_i‖²") with
    {
        Modes = EvalModes.MonteCarlo,
    };

    /// <summary>‖Y − UVᵀX‖² + λ Σ‖u_i‖²‖Xᵀv_i‖², computed with X (not through the reduced case).</summary>
    public static double ClosedFormWithInput(InputCase c)
    {
        var xv = c.X.TransposeThisAndMultiply(c.V);
        var regularizer = 0.0;
        for (var i = 0; i < c.Width; i++) regularizer += c.U.Column(i).DotProduct(c.U.Column(i)) * xv.Column(i).DotProduct(xv.Column(i));
        return Norms.FrobeniusSquared(c.Y - c.U * c.V.TransposeThisAndMultiply(c.X)) + DropoutObjective.Lambda(c.Theta) * regularizer;
    }

    public static Outcome CheckExpectationWithInput(InputCase c)
    {
        var closed = ClosedFormWithInput(c);
        NamedValue[] common = [new("width", Value.Of(c.Width)), new("lambda", Value.Of(DropoutObjective.Lambda(c.Theta)))];
        if (c.Method == ExpectationMethod.MonteCarlo)
        {
            c.Sampling.CheckWork(c.Width);
            var mc = MonteCarlo.Expectation(c.Reduced, c.Sampling.Seed, c.Sampling.Samples);
            return Outcome.InInterval(mc.Estimate, mc.Lower, mc.Upper, closed, $"1 − {mc.Delta:G3} empirical-Bernstein interval",
                    $"Monte Carlo over {mc.Samples} masks of U diag(z) VᵀX; the right side must lie in the interval")
                .WithDetails([new NamedValue("method", Value.Of("monte carlo")), .. common, new NamedValue("samples", Value.Of(mc.Samples)),
                    new NamedValue("lower", Value.Of(mc.Lower)), new NamedValue("upper", Value.Of(mc.Upper)), new NamedValue("confidence", Value.Of(1 - mc.Delta))]);
        }
        if (c.Width > ExactDataWidth)
            throw new EnumerationLimitException($"exact evaluation enumerates 2^r masks in rational arithmetic; r = {c.Width} is above {ExactDataWidth}, use --monte-carlo");

        var x = ExactMatrix.FromDoubles(c.X);
        var v = ExactMatrix.FromDoubles(c.V);
        var theta = Exact.FromDouble(c.Theta);
        var exact = new ExactDropoutCase(ExactMatrix.FromDoubles(c.Y), ExactMatrix.FromDoubles(c.U), x.Transpose().Multiply(v), theta);
        var lhs = MaskEnumeration.Expectation(exact);
        var rhs = exact.Y.Subtract(exact.U.Multiply(v.Transpose().Multiply(x))).FrobeniusNormSquared()
                  + DropoutObjective.Lambda(theta) * DropoutObjective.Regularizer(exact.U, exact.V);
        var exactOutcome = Outcome.Exact(lhs, rhs,
            $"exact rational enumeration of 2^{c.Width} masks of U diag(z) VᵀX against ‖Y − UVᵀX‖² + λ Σ‖u_i‖²‖Xᵀv_i‖² (difference {Exact.Format(lhs - rhs)})");

        var reduced = c.Reduced;
        var chain = 2 * c.Width + MaskEnumeration.RefreshInterval + c.Y.RowCount * c.Y.ColumnCount + 2 * c.X.RowCount + 8;
        var magnitude = DropoutObjective.LossBound(reduced with { V = c.X.PointwiseAbs().TransposeThisAndMultiply(c.V.PointwiseAbs()) });
        var floating = Outcome.Within(MaskEnumeration.Expectation(reduced), closed, Tolerance.Summation(chain, magnitude),
            $"floating-point enumeration of 2^{c.Width} masks against the closed form with X");
        // Floating point that overflowed is no evidence, but the exact enumeration of the same doubles still is.
        return (floating.Overflowed ? exactOutcome.Explained($"{exactOutcome.Explanation}; floating point overflowed, so the exact enumeration decides") : Outcome.All(exactOutcome, floating))
            .WithDetails([new NamedValue("method", Value.Of("exact enumeration")), .. common, new NamedValue("masks", Value.Of(1L << c.Width))]);
    }

    public static Claim<DropoutCase> SgdUnbiased { get; } = Claim.Theorem(
        id: "dropout.sgd-unbiased",
        title: "Dropout is SGD on the regularized objective: the expected stochastic gradient is the gradient of the closed form",
        statement: @"\mathbb{E}_z \nabla_{U,V} \|Y - \theta^{-1}U\operatorname{diag}(z)V^\top\|_F^2 = \nabla_{U,V}\Big(\|Y - UV^\top\|_F^2 + \lambda \sum_i \|u_i\|^2\|v_i\|^2\Big)",
        source: "Cavazza2018",
        instances: DropoutCases.Narrow(GradientEnumerationWidth),
        check: CheckSgdUnbiased,
        evidence: "exact rational arithmetic: the expected analytic stochastic gradient over all 2^r masks equals the analytic gradient of the closed form, and both analytic gradients equal central differences (exact, since both objectives are quadratic along every coordinate); floating-point enumeration within the summation bound",
        sides: "lhs: the expected stochastic gradient E_z∇L_z (a label, or its Frobenius norm in floating point); rhs: the gradient ∇f of the closed form") with
    {
        Modes = EvalModes.Exact,
    };

    public static Outcome CheckSgdUnbiased(DropoutCase c)
    {
        if (c.Width > 10) throw new EnumerationLimitException($"the exact expected gradient enumerates 2^r masks; r = {c.Width} is above 10");
        var e = c.ToExact();
        var lambda = DropoutObjective.Lambda(e.Theta);
        var expected = DropoutGradients.ExpectedStochastic(e);
        var closed = DropoutGradients.Objective(e.Y, e.U, e.V, lambda);
        var exactOutcome = Outcome.Decide(DropoutGradients.AreEqual(expected, closed), Value.Of("E_z ∇L_z"), Value.Of("∇f"),
            $"exact expected stochastic gradient over 2^{c.Width} masks against the gradient of the closed form", DropoutGradients.Distance(expected, closed));

        var differences = DropoutGradients.CentralDifferences(e.U, e.V, (u, v) => e.Y.Subtract(u.Multiply(v.Transpose())).FrobeniusNormSquared() + lambda * DropoutObjective.Regularizer(u, v));
        var fdOutcome = Outcome.Decide(DropoutGradients.AreEqual(differences, closed), Value.Of("central differences of f"), Value.Of("∇f"),
            "exact central differences of the closed form against its analytic gradient", DropoutGradients.Distance(differences, closed));

        var all = Enumerable.Repeat(true, c.Width).ToArray();
        var alternate = Enumerable.Range(0, c.Width).Select(k => k % 2 == 0).ToArray();
        var stochasticOutcomes = new[] { all, alternate }.Select(mask =>
        {
            var analytic = DropoutGradients.Stochastic(e, mask);
            var fd = DropoutGradients.CentralDifferences(e.U, e.V, (u, v) => DropoutGradients.StochasticLoss(e with { U = u, V = v }, mask));
            return Outcome.Decide(DropoutGradients.AreEqual(fd, analytic), Value.Of("central differences of L_z"), Value.Of("∇L_z"),
                $"exact central differences of the stochastic loss for mask {string.Concat(mask.Select(b => b ? '1' : '0'))} against its analytic gradient",
                DropoutGradients.Distance(fd, analytic));
        }).ToArray();

        var floatingExpected = DropoutGradients.ExpectedStochastic(c);
        var floatingClosed = DropoutGradients.Objective(c.Y, c.U, c.V, c.Lambda);
        var residual = Math.Sqrt(Norms.FrobeniusSquared(floatingExpected.U - floatingClosed.U) + Norms.FrobeniusSquared(floatingExpected.V - floatingClosed.V));
        var magnitude = DropoutGradients.ObjectiveGradientMagnitude(c.Y, c.U / c.Theta, c.V, 1 / c.Theta) / c.Theta;
        var tolerance = Tolerance.Summation(c.Width + c.Y.RowCount + c.Y.ColumnCount + (1 << c.Width) + 8, magnitude);
        var floating = Outcome.Distance(Value.Of(floatingExpected.Norm), Value.Of(floatingClosed.Norm), residual, tolerance,
            "floating-point expected stochastic gradient against the closed-form gradient (Frobenius distance)");

        return Outcome.All([exactOutcome, fdOutcome, .. stochasticOutcomes, floating]).WithDetails(
            new NamedValue("gradientU", Value.Of(floatingClosed.U)), new NamedValue("gradientV", Value.Of(floatingClosed.V)),
            new NamedValue("expectedGradientU", Value.Of(floatingExpected.U)), new NamedValue("expectedGradientV", Value.Of(floatingExpected.V)),
            new NamedValue("lambda", Value.Of(c.Lambda)), new NamedValue("masks", Value.Of(1L << c.Width)));
    }
}
