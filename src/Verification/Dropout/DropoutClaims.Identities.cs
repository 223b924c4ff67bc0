using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Claims;
using Verification.Factorization;
using Verification.LinearAlgebra;

namespace Verification.Dropout;

/// <summary>dropout.expectation-with-input, dropout.sgd-unbiased, dropout.regularizer-bound, dropout.doubling.</summary>
public static partial class DropoutClaims
{
    /// <summary>Widths of the exact gradient enumeration (2^r masks of exact matrix products per case).</summary>
    public const int GradientEnumerationWidth = 5;

    public static Claim<InputCase> ExpectationWithInput { get; } = new(
        Id: "dropout.expectation-with-input",
        Title: "With data X, dropout's expected loss is the loss plus λ Σ‖u_i‖²‖Xᵀv_i‖²",
        Statement: @"\mathbb{E}_z \|Y - \theta^{-1} U \operatorname{diag}(z) V^\top X\|_F^2 = \|Y - UV^\top X\|_F^2 + \lambda \sum_i \|u_i\|^2 \|X^\top v_i\|^2",
        Kind: ClaimKind.Theorem,
        SourceKey: "Mianjy2018",
        Expected: Verdict.Verified,
        Evidence: "exact enumeration of all 2^r masks in exact rational arithmetic (XᵀV formed exactly; equality) and in floating point (summation tolerance); Monte Carlo with a 1 − 1e-9 empirical-Bernstein interval in eval --monte-carlo",
        Generator: MinimizerGenerators.Inputs(6),
        Shrink: MinimizerGenerators.ShrinkInput,
        Check: CheckExpectationWithInput,
        Describe: MinimizerGenerators.DescribeInput)
    {
        Evaluator = EvaluateExpectationWithInput,
    };

    /// <summary>‖Y − UVᵀX‖² + λ Σ‖u_i‖²‖Xᵀv_i‖², computed with X (not through the reduced case).</summary>
    public static double ClosedFormWithInput(InputCase c)
    {
        var xv = c.X.TransposeThisAndMultiply(c.V);
        var regularizer = 0.0;
        for (var i = 0; i < c.Width; i++) regularizer += c.U.Column(i).DotProduct(c.U.Column(i)) * xv.Column(i).DotProduct(xv.Column(i));
        return Norms.FrobeniusSquared(c.Y - c.U * c.V.TransposeThisAndMultiply(c.X)) + DropoutObjective.Lambda(c.Theta) * regularizer;
    }

    public static CheckOutcome CheckExpectationWithInput(InputCase c)
    {
        var x = ExactMatrix.FromDoubles(c.X);
        var v = ExactMatrix.FromDoubles(c.V);
        var theta = Exact.FromDouble(c.Theta);
        var exact = new ExactDropoutCase(ExactMatrix.FromDoubles(c.Y), ExactMatrix.FromDoubles(c.U), x.Transpose().Multiply(v), theta);
        var lhs = MaskEnumeration.Expectation(exact);
        var rhs = exact.Y.Subtract(exact.U.Multiply(v.Transpose().Multiply(x))).FrobeniusNormSquared()
                  + DropoutObjective.Lambda(theta) * DropoutObjective.Regularizer(exact.U, exact.V);
        var difference = lhs - rhs;
        var exactOutcome = new CheckOutcome(difference.IsZero, Value.Of(lhs), Value.Of(rhs), Math.Abs(difference.ToDouble()), 0,
            $"exact rational enumeration of 2^{c.Width} masks of U diag(z) VᵀX against ‖Y − UVᵀX‖² + λ Σ‖u_i‖²‖Xᵀv_i‖² (difference {Exact.Format(difference)})");

        var reduced = c.Reduced;
        var enumerated = MaskEnumeration.Expectation(reduced);
        var closed = ClosedFormWithInput(c);
        var chain = 2 * c.Width + MaskEnumeration.RefreshInterval + c.Y.RowCount * c.Y.ColumnCount + 2 * c.X.RowCount + 8;
        var magnitude = DropoutObjective.LossBound(reduced with { V = c.X.PointwiseAbs().TransposeThisAndMultiply(c.V.PointwiseAbs()) });
        var floating = CheckOutcome.Compare(enumerated, closed, Tolerance.Summation(chain, magnitude),
            $"floating-point enumeration of 2^{c.Width} masks against the closed form with X");
        return CheckOutcome.All(exactOutcome, floating);
    }

    private static CheckOutcome EvaluateExpectationWithInput(ClaimInput input)
    {
        var c = InputCase.Create(input.Matrix("Y"), input.Matrix("U"), input.Matrix("V"), input.Matrix("X"), input.Scalar("theta"));
        var closed = ClosedFormWithInput(c);
        var common = new[] { new NamedValue("width", Value.Of(c.Width)), new NamedValue("lambda", Value.Of(DropoutObjective.Lambda(c.Theta))) };
        if (input.Options.MonteCarlo)
        {
            var mc = MonteCarlo.Expectation(c.Reduced, input.Options.Seed, input.Options.Samples);
            return new CheckOutcome(mc.Contains(closed), Value.Of(mc.Estimate), Value.Of(closed), mc.Distance(closed), 0,
                    $"Monte Carlo over {mc.Samples} masks of U diag(z) VᵀX; the right side must lie in the interval")
                .WithDetails([new NamedValue("method", Value.Of("monte carlo")), .. common, new NamedValue("samples", Value.Of(mc.Samples)),
                    new NamedValue("lower", Value.Of(mc.Lower)), new NamedValue("upper", Value.Of(mc.Upper)), new NamedValue("confidence", Value.Of(1 - mc.Delta))]);
        }
        MaskEnumeration.CheckWidth(c.Width);
        if (c.Width > 12) throw new InputException($"exact evaluation enumerates 2^r masks in rational arithmetic; r = {c.Width} is above 12, use --monte-carlo");
        return CheckExpectationWithInput(c).WithDetails([new NamedValue("method", Value.Of("exact enumeration")), .. common, new NamedValue("masks", Value.Of(1L << c.Width))]);
    }

    public static Claim<DropoutCase> SgdUnbiased { get; } = new(
        Id: "dropout.sgd-unbiased",
        Title: "Dropout is SGD on the regularized objective: the expected stochastic gradient is the gradient of the closed form",
        Statement: @"\mathbb{E}_z \nabla_{U,V} \|Y - \theta^{-1}U\operatorname{diag}(z)V^\top\|_F^2 = \nabla_{U,V}\Big(\|Y - UV^\top\|_F^2 + \lambda \sum_i \|u_i\|^2\|v_i\|^2\Big)",
        Kind: ClaimKind.Theorem,
        SourceKey: "Cavazza2018",
        Expected: Verdict.Verified,
        Evidence: "exact rational arithmetic: the expected analytic stochastic gradient over all 2^r masks equals the analytic gradient of the closed form, and both analytic gradients equal central differences (exact, since both objectives are quadratic along every coordinate); floating-point enumeration within the summation bound",
        Generator: DropoutGenerators.Cases(GradientEnumerationWidth),
        Shrink: DropoutGenerators.Shrink,
        Check: CheckSgdUnbiased,
        Describe: DropoutGenerators.Describe)
    {
        Evaluator = input => CheckSgdUnbiased(DropoutCase.Create(input.Matrix("Y"), input.Matrix("U"), input.Matrix("V"), input.Scalar("theta")), evaluate: true),
    };

    public static CheckOutcome CheckSgdUnbiased(DropoutCase c) => CheckSgdUnbiased(c, evaluate: false);

    private static CheckOutcome CheckSgdUnbiased(DropoutCase c, bool evaluate)
    {
        if (evaluate && c.Width > 10) throw new InputException($"the exact expected gradient enumerates 2^r masks; r = {c.Width} is above 10");
        var e = ExactDropoutCase.FromDoubles(c);
        var lambda = DropoutObjective.Lambda(e.Theta);
        var expected = DropoutGradients.ExpectedStochastic(e);
        var closed = DropoutGradients.Objective(e.Y, e.U, e.V, lambda);
        var exactOutcome = new CheckOutcome(DropoutGradients.AreEqual(expected, closed), Value.Of("E_z ∇L_z"), Value.Of("∇f"),
            DropoutGradients.Distance(expected, closed), 0, $"exact expected stochastic gradient over 2^{c.Width} masks against the gradient of the closed form");

        var differences = DropoutGradients.CentralDifferences(e.U, e.V, (u, v) => e.Y.Subtract(u.Multiply(v.Transpose())).FrobeniusNormSquared() + lambda * DropoutObjective.Regularizer(u, v));
        var fdOutcome = new CheckOutcome(DropoutGradients.AreEqual(differences, closed), Value.Of("central differences of f"), Value.Of("∇f"),
            DropoutGradients.Distance(differences, closed), 0, "exact central differences of the closed form against its analytic gradient");

        var all = Enumerable.Repeat(true, c.Width).ToArray();
        var alternate = Enumerable.Range(0, c.Width).Select(k => k % 2 == 0).ToArray();
        var stochasticOutcomes = new[] { all, alternate }.Select(mask =>
        {
            var analytic = DropoutGradients.Stochastic(e, mask);
            var fd = DropoutGradients.CentralDifferences(e.U, e.V, (u, v) => DropoutGradients.StochasticLoss(e with { U = u, V = v }, mask));
            return new CheckOutcome(DropoutGradients.AreEqual(fd, analytic), Value.Of("central differences of L_z"), Value.Of("∇L_z"),
                DropoutGradients.Distance(fd, analytic), 0, $"exact central differences of the stochastic loss for mask {string.Concat(mask.Select(b => b ? '1' : '0'))} against its analytic gradient");
        }).ToArray();

        var floatingExpected = DropoutGradients.ExpectedStochastic(c);
        var floatingClosed = DropoutGradients.Objective(c.Y, c.U, c.V, c.Lambda);
        var residual = Math.Sqrt(Norms.FrobeniusSquared(floatingExpected.U - floatingClosed.U) + Norms.FrobeniusSquared(floatingExpected.V - floatingClosed.V));
        var magnitude = DropoutGradients.ObjectiveGradientMagnitude(c.Y, c.U / c.Theta, c.V, 1 / c.Theta) / c.Theta;
        var tolerance = Tolerance.Summation(c.Width + c.Y.RowCount + c.Y.ColumnCount + (1 << c.Width) + 8, magnitude);
        var floating = new CheckOutcome(residual <= tolerance.Bound, Value.Of(floatingExpected.Norm), Value.Of(floatingClosed.Norm), residual, tolerance.Bound,
            "floating-point expected stochastic gradient against the closed-form gradient (Frobenius distance)");

        var outcome = CheckOutcome.All([exactOutcome, fdOutcome, .. stochasticOutcomes, floating]);
        if (!evaluate) return outcome;
        return outcome.WithDetails(
            new NamedValue("gradientU", Value.Of(floatingClosed.U)), new NamedValue("gradientV", Value.Of(floatingClosed.V)),
            new NamedValue("expectedGradientU", Value.Of(floatingExpected.U)), new NamedValue("expectedGradientV", Value.Of(floatingExpected.V)),
            new NamedValue("lambda", Value.Of(c.Lambda)), new NamedValue("masks", Value.Of(1L << c.Width)));
    }

    public static Claim<FactorizationCase> RegularizerBound { get; } = new(
        Id: "dropout.regularizer-bound",
        Title: "The dropout regularizer is at least (1/r)‖UVᵀ‖_*², with equality in the first step iff the pair is equalized",
        Statement: @"\sum_i \|u_i\|^2\|v_i\|^2 \ge \tfrac1r\Big(\sum_i \|u_i\|\|v_i\|\Big)^2 \ge \tfrac1r \|UV^\top\|_*^2, \text{ the first with equality iff } \|u_i\|\|v_i\| \text{ is constant}",
        Kind: ClaimKind.Theorem,
        SourceKey: "Cavazza2018",
        Expected: Verdict.Verified,
        Evidence: "both inequalities on arbitrary, equalized and Gram-balanced pairs within summation and SVD bounds; the 'iff' through Lagrange's identity Σp_i² − (Σp_i)²/r = (1/r)Σ_{i<j}(p_i − p_j)², checked on every pair, and the equality on equalized pairs",
        Generator: MinimizerGenerators.Pairs,
        Shrink: FactorizationGenerators.Shrink,
        Check: CheckRegularizerBound,
        Describe: FactorizationGenerators.Describe)
    {
        Evaluator = input => CheckRegularizerBound(ReadPair(input)),
    };

    public static FactorizationCase ReadPair(ClaimInput input)
    {
        var u = input.Matrix("U");
        var v = input.Matrix("V");
        if (u.ColumnCount != v.ColumnCount) throw new InputException($"mismatched shapes: U has {u.ColumnCount} columns but V has {v.ColumnCount}");
        return new FactorizationCase(u, v);
    }

    public static CheckOutcome CheckRegularizerBound(FactorizationCase c)
    {
        var r = c.Width;
        var p = Balancing.Products(c.U, c.V);
        var regularizer = DropoutObjective.Regularizer(c.U, c.V);
        var path = p.Sum();
        var nuclear = Norms.Nuclear(c.X);
        var middle = path * path / r;
        var lower = nuclear * nuclear / r;
        var lagrange = 0.0;
        for (var i = 0; i < r; i++)
            for (var j = i + 1; j < r; j++) lagrange += (p[i] - p[j]) * (p[i] - p[j]) / r;
        int m = c.U.RowCount, n = c.V.RowCount;
        var summation = Tolerance.Summation(2 * (m + n + r) + r * r, 2 * regularizer + 2 * middle);
        var spectral = Tolerance.Spectral(m, n, r + m + n, 2 * path * c.U.FrobeniusNorm() * c.V.FrobeniusNorm() / r);
        var spread = Balancing.Spread(p);
        var equalized = spread <= Balancing.SpreadTolerance(c.U, c.V, 0);
        var outcomes = new List<CheckOutcome>
        {
            CheckOutcome.AtLeast(regularizer, middle, summation, "Σ‖u_i‖²‖v_i‖² ≥ (1/r)(Σ‖u_i‖‖v_i‖)²"),
            CheckOutcome.AtLeast(middle, lower, spectral, "(1/r)(Σ‖u_i‖‖v_i‖)² ≥ (1/r)‖UVᵀ‖_*²"),
            CheckOutcome.Compare(regularizer - middle, lagrange, summation, "the gap of the first inequality is (1/r)Σ_{i<j}(p_i − p_j)², zero iff equalized"),
        };
        if (equalized) outcomes.Add(CheckOutcome.Compare(regularizer, middle, summation, "equality in the first inequality for an equalized pair"));
        return CheckOutcome.All(outcomes.ToArray()).WithDetails(
            new NamedValue("products", Value.Of(Matrix<double>.Build.Dense(1, r, p))),
            new NamedValue("regularizer", Value.Of(regularizer)),
            new NamedValue("pathNormSquaredOverR", Value.Of(middle)),
            new NamedValue("nuclearSquaredOverR", Value.Of(lower)),
            new NamedValue("equalized", Value.Of(equalized ? "yes" : "no")));
    }

    public static Claim<FactorizationCase> Doubling { get; } = new(
        Id: "dropout.doubling",
        Title: "Duplicating every unit and scaling by 1/√2 keeps UVᵀ and halves the regularizer: at fixed θ and free width its infimum is 0",
        Statement: @"U' = \tfrac{1}{\sqrt2}[U\ U],\ V' = \tfrac{1}{\sqrt2}[V\ V]:\ U'V'^\top = UV^\top,\ \sum_i \|u'_i\|^2\|v'_i\|^2 = \tfrac12 \sum_i \|u_i\|^2\|v_i\|^2",
        Kind: ClaimKind.Theorem,
        SourceKey: "Cavazza2018",
        Expected: Verdict.Verified,
        Evidence: "exact rational arithmetic (the 1/√2 factors enter squared: U'V'ᵀ = ½[U U][V V]ᵀ, ‖u'_i‖²‖v'_i‖² = ¼‖u_i‖²‖v_i‖²), and in floating point five successive doublings keep UVᵀ and give the regularizer R/2^k within the summation bound",
        Generator: MinimizerGenerators.Pairs,
        Shrink: FactorizationGenerators.Shrink,
        Check: CheckDoubling,
        Describe: FactorizationGenerators.Describe)
    {
        Evaluator = input => CheckDoubling(ReadPair(input)),
    };

    /// <summary>([U U]/√2, [V V]/√2).</summary>
    public static FactorizationCase Double(FactorizationCase c) =>
        new(c.U.Append(c.U) / Math.Sqrt(2), c.V.Append(c.V) / Math.Sqrt(2));

    public static CheckOutcome CheckDoubling(FactorizationCase c)
    {
        var u = ExactMatrix.FromDoubles(c.U);
        var v = ExactMatrix.FromDoubles(c.V);
        var uu = ExactMatrix.Create(u.RowCount, 2 * u.ColumnCount, (i, k) => u[i, k % u.ColumnCount]);
        var vv = ExactMatrix.Create(v.RowCount, 2 * v.ColumnCount, (j, k) => v[j, k % v.ColumnCount]);
        var half = new Fraction(1, 2);
        var product = DropoutGradients.Scale(uu.Multiply(vv.Transpose()), half);
        var exactProduct = DropoutGradients.Equal(product, u.Multiply(v.Transpose()));
        var regularizer = DropoutObjective.Regularizer(u, v);
        var doubled = DropoutObjective.Regularizer(uu, vv) * new Fraction(1, 4);
        var exactOutcome = new CheckOutcome(exactProduct && doubled == regularizer * half, Value.Of(doubled), Value.Of(regularizer * half),
            Math.Abs((doubled - regularizer * half).ToDouble()), 0, exactProduct
                ? "exact: the regularizer of the doubled pair against half the original"
                : "exact: the doubled pair does not reproduce UVᵀ");

        var outcomes = new List<CheckOutcome> { exactOutcome };
        var current = c;
        var r0 = DropoutObjective.Regularizer(c.U, c.V);
        var x = c.X;
        for (var k = 1; k <= 5; k++)
        {
            current = Double(current);
            var tol = Tolerance.Summation(current.U.RowCount + current.V.RowCount + current.Width + 4 * k, 2 * r0 + Norms.AbsoluteProductMass(c.U, c.V));
            outcomes.Add(CheckOutcome.Compare(DropoutObjective.Regularizer(current.U, current.V), r0 / (1 << k), tol, $"after {k} doublings the regularizer is R/2^{k}"));
            var drift = (current.X - x).FrobeniusNorm();
            var productTol = Tolerance.Summation(current.Width + 4 * k, Math.Sqrt(Norms.AbsoluteProductMass(c.U, c.V)));
            outcomes.Add(new CheckOutcome(drift <= productTol.Bound, Value.Of(current.X.FrobeniusNorm()), Value.Of(x.FrobeniusNorm()), drift, productTol.Bound,
                $"after {k} doublings the product UVᵀ is unchanged (Frobenius distance)"));
        }
        var doubledOnce = Double(c);
        return CheckOutcome.All(outcomes.ToArray()).WithDetails(
            new NamedValue("regularizer", Value.Of(r0)),
            new NamedValue("doubledRegularizer", Value.Of(DropoutObjective.Regularizer(doubledOnce.U, doubledOnce.V))),
            new NamedValue("U'", Value.Of(doubledOnce.U)), new NamedValue("V'", Value.Of(doubledOnce.V)));
    }
}
