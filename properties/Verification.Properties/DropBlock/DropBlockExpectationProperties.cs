using FsCheck;
using FsCheck.Fluent;
using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reference;
using Verification.Reporting;
using Verification.Topics.DropBlock;
using Verification.Topics.Dropout;
using Xunit;
using Outcome = Verification.Engine.Outcome;
using Runner = Verification.Engine.Runner;

namespace Verification.Properties.DropBlock;

/// <summary>dropblock.expectation on the shared kernels, against rebuilding every masked product, and its wrong variants.</summary>
public class DropBlockExpectationProperties
{
    private static Gen<DropBlockCase> Small =>
        from m in Gen.Choose(1, 3)
        from n in Gen.Choose(1, 3)
        from count in Gen.Choose(1, 3)
        from r in Gen.Choose(1, 6)
        from b in Gen.Choose(1, 3)
        from withData in Gen.Elements(true, false)
        from x in Matrices.Gaussian(n, count)
        from y in Matrices.Gaussian(m, withData ? count : n)
        from u in Matrices.Any(m, r * b)
        from v in Matrices.Any(n, r * b)
        from theta in Gen.Elements(0.1, 0.5, 0.8, 1.0)
        select new DropBlockCase(y, u, v, withData ? x : null, b, theta);

    [SeededProperty(casesDivisor: 2)]
    public Property The_Gray_code_walk_over_blocks_agrees_with_rebuilding_every_masked_product() =>
        Prop.ForAll(Arb.From(Small), c =>
        {
            var fast = GrayCodeEnumeration.Expectation(DropBlockObjective.Terms(c), c.Theta);
            var reference = DropBlockReference.ExpectationByRebuilding(c);
            var scale = Math.Max(Math.Abs(reference), 1e-3 * DropBlockObjective.LossBound(c));
            return (Math.Abs(fast - reference) <= 1e-12 * scale).Label($"{fast:R} vs {reference:R}");
        });

    [SeededProperty(casesDivisor: 2)]
    public Property The_exact_walk_over_blocks_equals_the_closed_form_at_random_rational_points() =>
        Prop.ForAll(Arb.From(
            from m in Gen.Choose(1, 3)
            from n in Gen.Choose(1, 3)
            from r in Gen.Choose(1, 5)
            from b in Gen.Choose(1, 3)
            from count in Gen.Choose(1, 3)
            from withData in Gen.Elements(true, false)
            from y in Rationals.Matrix(m, withData ? count : n)
            from u in Rationals.Matrix(m, r * b)
            from v in Rationals.Matrix(n, r * b)
            from x in Rationals.Matrix(n, count)
            from theta in Rationals.RetainRate
            select new ExactDropBlockCase(y, u, v, withData ? x : null, b, theta)), e =>
        {
            var lhs = ExactMaskEnumeration.Expectation(DropBlockObjective.Contributions(e), e.Theta);
            var rhs = DropBlockObjective.ClosedForm(e, DropoutObjective.Lambda(e.Theta));
            return (lhs == rhs).Label($"{Exact.Format(lhs)} ≠ {Exact.Format(rhs)}");
        });

    [SeededProperty(casesDivisor: 4)]
    public Property The_numpy_style_baseline_agrees_with_the_walk() =>
        Prop.ForAll(Arb.From(Small), c =>
        {
            var fast = GrayCodeEnumeration.Expectation(DropBlockObjective.Terms(c), c.Theta);
            var reference = DropBlockReference.ExpectationByBatchedGram(c);
            var scale = Math.Max(Math.Abs(reference), 1e-3 * DropBlockObjective.LossBound(c));
            return (Math.Abs(fast - reference) <= 1e-12 * scale).Label($"{fast:R} vs {reference:R}");
        });

    [Fact]
    public void Blocks_of_one_unit_are_dropout_bit_for_bit()
    {
        var c = DropoutCase.Random(4, 5, 9, 0.7, 3);
        var block = new DropBlockCase(c.Y, c.U, c.V, null, 1, c.Theta);
        Assert.Equal(MaskEnumeration.Expectation(c), GrayCodeEnumeration.Expectation(DropBlockObjective.Terms(block), c.Theta));
    }

    [Fact]
    public void The_benchmark_input_agrees_with_the_closed_form_at_r_16()
    {
        var c = DropBlockCase.Random(64, 64, 16, 4, 0.8, 1);
        var fast = GrayCodeEnumeration.Expectation(DropBlockObjective.Terms(c), c.Theta);
        var closed = DropBlockObjective.ClosedForm(c, c.Lambda);
        Assert.True(Math.Abs(fast - closed) <= 1e-12 * Math.Abs(closed), $"{fast:R} vs {closed:R}");
        var baseline = DropBlockReference.ExpectationByBatchedGram(c);
        Assert.True(Math.Abs(fast - baseline) <= 1e-12 * Math.Abs(baseline), $"{fast:R} vs {baseline:R}");
    }

    /// <summary>The benchmark inputs at r = 20 and 24 blocks (b = 4, d = 80 and 96): the walk against the closed form.</summary>
    [Theory]
    [InlineData(20)]
    [InlineData(24)]
    public void The_benchmark_inputs_agree_with_the_closed_form(int blocks)
    {
        var c = DropBlockCase.Random(64, 64, blocks, 4, 0.8, 1);
        var fast = GrayCodeEnumeration.Expectation(DropBlockObjective.Terms(c), c.Theta);
        var closed = DropBlockObjective.ClosedForm(c, c.Lambda);
        Assert.True(Math.Abs(fast - closed) <= 1e-12 * Math.Abs(closed), $"{fast:R} vs {closed:R}");
    }

    [Fact]
    public void Monte_Carlo_contains_the_closed_form_at_40_blocks_and_excludes_the_slide()
    {
        var c = Runner.Generate(from y in Matrices.Dyadic(2, 3) from u in Matrices.Gaussian(2, 80) from v in Matrices.Gaussian(3, 80)
            select new DropBlockCase(y, u, v, null, 2, 0.5), 7, 50);
        var mc = MaskMonteCarlo.Expectation(DropBlockObjective.Terms(c), c.Theta, DropBlockObjective.LossBound(c), 5, 1 << 18);
        Assert.True(mc.Contains(DropBlockObjective.ClosedForm(c, c.Lambda)), $"[{mc.Lower}, {mc.Upper}]");
        Assert.False(mc.Contains(DropBlockObjective.ClosedForm(c, 2 * c.Lambda)));
    }

    [Fact]
    public void A_regularizer_without_X_is_refuted_by_the_runner()
    {
        var wrong = DropBlockClaims.Expectation with
        {
            Id = "dropblock.expectation.without-x",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                var e = c.ToExact();
                var lhs = ExactMaskEnumeration.Expectation(DropBlockObjective.Contributions(e), e.Theta);
                var rhs = e.Y.Subtract(e.U.Multiply(e.W.Transpose())).FrobeniusNormSquared()
                          + DropoutObjective.Lambda(e.Theta) * DropBlockObjective.Regularizer(e.U, e.V, e.BlockSize);
                return Outcome.Exact(lhs, rhs, "the regularizer Σ_g ‖U_gV_gᵀ‖² without X");
            },
            Instances = DropBlockCases.SquareData,
        };
        Assert.Equal(Verdict.Refuted, wrong.Run(new RunSettings(100, TestSettings.Seed)).Verdict);
    }

    [Fact]
    public void The_slide_fails_with_data_already_at_one_unit_per_block()
    {
        var outcome = DropBlockClaims.ExpectationAsStated.Check(DropBlockClaims.SlideCounterexampleWithData);
        Assert.True(outcome.Fails);
        Assert.Equal("4", outcome.Lhs.ToString());
        Assert.Equal("1", outcome.Rhs.ToString());
    }

    [Fact]
    public void The_slide_holds_with_X_equal_to_I_and_one_unit_per_block()
    {
        var c = Runner.Generate(DropBlockCases.SquareData.Generator, 11, 60) with { X = null };
        var ones = new DropBlockCase(c.Y.SubMatrix(0, c.Y.RowCount, 0, c.V.RowCount), c.U, c.V, null, 1, c.Theta);
        Assert.True(DropBlockClaims.CheckExpectationAsStated(ones).Holds);
    }

    [Fact]
    public void The_slides_counterexample_is_what_the_symbolic_derivation_gives()
    {
        // The derivation's difference at b = 2, X = I is λ(Σ‖U_gV_gᵀ‖² − Σ‖U_g‖²‖V_g‖²); at U = [1 0], V = [0 1] that is −λ = −1.
        var d = Verification.Symbolic.Derivations.Derivations.Find("dropblock.expectation.as-stated",
            Verification.Symbolic.Derivations.DerivationSize.Of(("m", 1), ("n", 1), ("r", 1), ("b", 2), ("identityX", 1)));
        Assert.False(d.Holds);
        var outcome = DropBlockClaims.ExpectationAsStated.Check(DropBlockClaims.SlideCounterexample);
        Assert.Equal("0", outcome.Lhs.ToString());
        Assert.Equal("1", outcome.Rhs.ToString());
    }
}
