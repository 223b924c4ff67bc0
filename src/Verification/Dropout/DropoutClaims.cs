using Fractions;
using Verification.Claims;

namespace Verification.Dropout;

/// <summary>The claims of THEORY.md Part III-a, each next to its check.</summary>
public static partial class DropoutClaims
{
    /// <summary>Widths enumerated exactly inside the claim (2^r masks per case); wider cases use Monte Carlo.</summary>
    public const int ClaimEnumerationWidth = 8;

    public static Claim<DropoutCase> Expectation { get; } = new(
        Id: "dropout.expectation",
        Title: "Dropout's expected loss is the loss plus a product-of-norms regularizer",
        Statement: @"\mathbb{E}_{z_i \sim \mathrm{Ber}(\theta)} \|Y - \theta^{-1} U \operatorname{diag}(z) V^\top\|_F^2 = \|Y - UV^\top\|_F^2 + \frac{1-\theta}{\theta} \sum_i \|u_i\|^2 \|v_i\|^2",
        Kind: ClaimKind.Theorem,
        SourceKey: "Cavazza2018",
        Expected: Verdict.Verified,
        Evidence: "exact enumeration of all 2^r masks in exact rational arithmetic (equality) and in floating point (summation tolerance); Monte Carlo with a 1 − 1e-9 empirical-Bernstein interval for wide cases",
        Generator: FsCheck.Fluent.Gen.Frequency(
            (9, DropoutGenerators.Cases(ClaimEnumerationWidth)),
            (1, DropoutGenerators.WideCases(ClaimEnumerationWidth + 4, 24))),
        Shrink: DropoutGenerators.Shrink,
        Check: c => CheckExpectation(c, DropoutObjective.Lambda),
        Describe: DropoutGenerators.Describe)
    {
        Evaluator = input => EvaluateExpectation(input, DropoutObjective.Lambda),
        BatchSweep = seed => SweepExpectation(seed, DropoutObjective.Lambda),
    };

    /// <summary>A control: the regularizer scaled by 1/θ instead of (1 − θ)/θ. The runner must refute it.</summary>
    public static Claim<DropoutCase> ExpectationControl { get; } = new(
        Id: "dropout.expectation.control",
        Title: "Control: the dropout identity with the regularizer scaled by 1/θ",
        Statement: @"\mathbb{E}_{z} \|Y - \theta^{-1} U \operatorname{diag}(z) V^\top\|_F^2 = \|Y - UV^\top\|_F^2 + \frac{1}{\theta} \sum_i \|u_i\|^2 \|v_i\|^2 \quad\text{(false)}",
        Kind: ClaimKind.Control,
        SourceKey: "Suite",
        Expected: Verdict.Refuted,
        Evidence: "the same checks as dropout.expectation; must be refuted",
        Generator: DropoutGenerators.Cases(ClaimEnumerationWidth),
        Shrink: DropoutGenerators.Shrink,
        Check: c => CheckExpectation(c, theta => Fraction.One / theta),
        Describe: DropoutGenerators.Describe)
    {
        Evaluator = input => EvaluateExpectation(input, theta => Fraction.One / theta),
        BatchSweep = seed => SweepExpectation(seed, theta => Fraction.One / theta),
    };

    /// <summary>Shapes (m, n, r) of the batch sweep: square and not, r below, at and above min(m, n).</summary>
    private static readonly (int M, int N, int R)[] SweepShapes = [(4, 4, 3), (3, 5, 4), (2, 3, 6), (5, 2, 2)];

    public const int SweepBatchSize = 2048;

    /// <summary>
    /// Screens 4 × 2048 random small instances per run with the SIMD batch kernel (exact enumeration against the closed
    /// form). The screen is strict (1e-12 relative); what it does not clear is checked again by the claim's own check with
    /// its reasoned tolerance, so the screen can only add evidence, never hide a failure.
    /// </summary>
    public static Sweep<DropoutCase> SweepExpectation(ulong seed, Func<Fraction, Fraction> weight)
    {
        var suspects = new List<DropoutCase>();
        var screened = 0;
        foreach (var (m, n, r) in SweepShapes)
        {
            var batch = DropoutBatch.Random(SweepBatchSize, m, n, r, seed * 31 + (ulong)(m * 100 + n * 10 + r));
            var expectations = BatchEnumeration.Expectations(batch);
            var (fit, regularizer) = BatchEnumeration.ClosedFormParts(batch);
            for (var b = 0; b < batch.Count && suspects.Count < 16; b++)
            {
                var theta = batch.ThetaOf(b);
                var rhs = fit[b] + weight(Exact.FromDouble(theta)).ToDouble() * regularizer[b];
                if (Math.Abs(expectations[b] - rhs) > 1e-12 * Math.Max(Math.Abs(rhs), Math.Abs(expectations[b]))) suspects.Add(batch[b]);
            }
            screened += batch.Count;
        }
        return new Sweep<DropoutCase>(screened, suspects);
    }

    /// <summary>Checks E_z loss = ‖Y − UVᵀ‖² + weight(θ)·Σ‖u_i‖²‖v_i‖² (the theorem's weight is λ = (1 − θ)/θ).</summary>
    public static CheckOutcome CheckExpectation(DropoutCase c, Func<Fraction, Fraction> weight)
    {
        var exact = ExactDropoutCase.FromDoubles(c);
        var weightExact = weight(exact.Theta);
        var rhs = DropoutObjective.ClosedForm(c, weightExact.ToDouble());
        var magnitude = DropoutObjective.LossBound(c);
        int m = c.Y.RowCount, n = c.Y.ColumnCount, r = c.Width;

        if (r > ClaimEnumerationWidth)
        {
            var mc = MonteCarlo.Expectation(c, seed: (ulong)(r * 7919 + m * 31 + n), maxSamples: 1 << 16);
            return new CheckOutcome(mc.Contains(rhs), Value.Of(mc.Estimate), Value.Of(rhs), mc.Distance(rhs), 0,
                    $"Monte Carlo over {mc.Samples} masks: the right side must lie in the {1 - mc.Delta:0.#########} interval [{mc.Lower:G6}, {mc.Upper:G6}]")
                .WithDetails(new NamedValue("lower", Value.Of(mc.Lower)), new NamedValue("upper", Value.Of(mc.Upper)), new NamedValue("samples", Value.Of(mc.Samples)));
        }

        var enumerated = MaskEnumeration.Expectation(c);
        var chain = MaskEnumeration.Chain(m, n, r);
        var floating = CheckOutcome.Compare(enumerated, rhs, Tolerance.Summation(chain, magnitude),
            $"floating-point enumeration of 2^{r} masks against the closed form");

        var lhsExact = MaskEnumeration.Expectation(exact);
        var rhsExact = DropoutObjective.ClosedForm(exact, weightExact);
        var difference = lhsExact - rhsExact;
        var exactOutcome = new CheckOutcome(difference.IsZero, Value.Of(lhsExact), Value.Of(rhsExact), Math.Abs(difference.ToDouble()), 0,
            $"exact rational enumeration of 2^{r} masks against the closed form (difference {Exact.Format(difference)})");

        return CheckOutcome.All(exactOutcome, floating);
    }

    /// <summary>
    /// `eval`: the left side is the exact enumeration over all 2^r masks (exact rationals with "exact": true), or with
    /// Monte Carlo a mean and a 1 − 1e-9 interval that must contain the right side.
    /// </summary>
    public static CheckOutcome EvaluateExpectation(ClaimInput input, Func<Fraction, Fraction> weight)
    {
        if (input.IsExact && !input.Options.MonteCarlo)
        {
            var e = ExactDropoutCase.Create(input.ExactMatrix("Y"), input.ExactMatrix("U"), input.ExactMatrix("V"), input.ExactScalar("theta"));
            MaskEnumeration.CheckExactWidth(e.Width);
            var lhs = MaskEnumeration.Expectation(e);
            var w = weight(e.Theta);
            var rhs = DropoutObjective.ClosedForm(e, w);
            var difference = lhs - rhs;
            return new CheckOutcome(difference.IsZero, Value.Of(lhs), Value.Of(rhs), Math.Abs(difference.ToDouble()), 0,
                    $"exact enumeration of 2^{e.Width} masks in rational arithmetic")
                .WithDetails(
                    new NamedValue("residualExact", Value.Of(Fraction.Abs(difference))),
                    new NamedValue("method", Value.Of("exact enumeration")),
                    new NamedValue("width", Value.Of(e.Width)),
                    new NamedValue("masks", Value.Of(1L << e.Width)),
                    new NamedValue("lambda", Value.Of(w)),
                    new NamedValue("regularizer", Value.Of(DropoutObjective.Regularizer(e.U, e.V))));
        }

        var c = DropoutCase.Create(input.Matrix("Y"), input.Matrix("U"), input.Matrix("V"), input.Scalar("theta"));
        var weightValue = weight(Exact.FromDouble(c.Theta)).ToDouble();
        var closed = DropoutObjective.ClosedForm(c, weightValue);
        var common = new[]
        {
            new NamedValue("width", Value.Of(c.Width)),
            new NamedValue("lambda", Value.Of(weightValue)),
            new NamedValue("regularizer", Value.Of(DropoutObjective.Regularizer(c.U, c.V))),
        };
        if (input.Options.MonteCarlo)
        {
            var mc = MonteCarlo.Expectation(c, input.Options.Seed, input.Options.Samples);
            return new CheckOutcome(mc.Contains(closed), Value.Of(mc.Estimate), Value.Of(closed), mc.Distance(closed), 0,
                    $"Monte Carlo over {mc.Samples} masks; the right side must lie in the interval")
                .WithDetails([new NamedValue("method", Value.Of("monte carlo")), .. common,
                    new NamedValue("samples", Value.Of(mc.Samples)), new NamedValue("lower", Value.Of(mc.Lower)),
                    new NamedValue("upper", Value.Of(mc.Upper)), new NamedValue("confidence", Value.Of(1 - mc.Delta))]);
        }
        MaskEnumeration.CheckWidth(c.Width);
        var enumerated = MaskEnumeration.Expectation(c);
        var chain = MaskEnumeration.Chain(c.Y.RowCount, c.Y.ColumnCount, c.Width);
        return CheckOutcome.Compare(enumerated, closed, Tolerance.Summation(chain, DropoutObjective.LossBound(c)),
                $"floating-point enumeration of 2^{c.Width} masks against the closed form")
            .WithDetails([new NamedValue("method", Value.Of("enumeration")), .. common, new NamedValue("masks", Value.Of(1L << c.Width))]);
    }
}
