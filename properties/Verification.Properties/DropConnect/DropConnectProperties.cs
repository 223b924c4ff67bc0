using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reference;
using Verification.Reporting;
using Verification.Topics.DropConnect;
using Verification.Topics.Dropout;
using Xunit;
using Outcome = Verification.Engine.Outcome;

namespace Verification.Properties.DropConnect;

/// <summary>DropConnect's expectations on the shared kernels (interacting groups of entries) against rebuilding every masked product.</summary>
public class DropConnectProperties
{
    private static Gen<DropConnectCase> Small =>
        from m in Gen.Choose(1, 3)
        from n in Gen.Choose(1, 3)
        from count in Gen.Choose(1, 3)
        from r in Gen.Choose(1, 3)
        from withData in Gen.Elements(true, false)
        from x in Matrices.Any(n, count)
        from y in Matrices.Gaussian(m, withData ? count : n)
        from u in Matrices.Any(m, r)
        from v in Matrices.Any(n, r)
        from theta in Gen.Elements(0.2, 0.5, 0.9, 1.0)
        select new DropConnectCase(y, u, v, withData ? x : null, theta);

    [SeededProperty(casesDivisor: 2)]
    public Property Enumeration_by_interacting_groups_agrees_with_rebuilding_every_mask() =>
        Prop.ForAll(Arb.From(from c in Small from layer in Gen.Elements(Layer.Output, Layer.Input) select (c, layer)), t =>
        {
            var (c, layer) = t;
            var fast = GrayCodeEnumeration.ExpectationByComponents(DropConnectObjective.Terms(c, layer), c.Theta);
            var reference = DropBlockReference.DropConnectByRebuilding(c, layer);
            var scale = Math.Max(Math.Abs(reference), 1e-3 * DropConnectObjective.LossBound(c));
            var exact = ExactMaskEnumeration.ExpectationByComponents(DropConnectObjective.Contributions(c.ToExact(), layer), Exact.FromDouble(c.Theta));
            return (Math.Abs(fast - reference) <= 1e-12 * scale && Math.Abs(exact.ToDouble() - reference) <= 1e-12 * scale).Label($"{fast:R}, {exact.ToDouble():R} vs {reference:R}");
        });

    [Fact]
    public void Output_layer_masks_of_different_rows_never_interact()
    {
        var c = Verification.Engine.Runner.Generate(from y in Matrices.Gaussian(4, 3) from u in Matrices.Gaussian(4, 5) from v in Matrices.Gaussian(3, 5)
            select new DropConnectCase(y, u, v, null, 0.5), 3, 50);
        var groups = DropConnectObjective.Terms(c, Layer.Output).Components();
        Assert.Equal(4, groups.Count);
        Assert.All(groups, g => Assert.Equal(5, g.Length));
        // With X = I the input layer's masks factorize over the inputs (XXᵀ = I); with generic data they all interact.
        Assert.Equal(3, DropConnectObjective.Terms(c, Layer.Input).Components().Count);
        var withData = c with { X = Matrix<double>.Build.Random(3, 3, 7), Y = Matrix<double>.Build.Random(4, 3, 8) };
        Assert.Single(DropConnectObjective.Terms(withData, Layer.Input).Components());
    }

    [Fact]
    public void Input_layer_masks_factorize_over_inputs_when_XXt_is_diagonal()
    {
        var c = Verification.Engine.Runner.Generate(from y in Matrices.Gaussian(2, 3) from u in Matrices.Gaussian(2, 3) from v in Matrices.Gaussian(3, 3)
            select new DropConnectCase(y, u, v, Matrix<double>.Build.DenseOfDiagonalArray([1.0, 2.0, 0.5]), 0.5), 5, 50);
        Assert.Equal(3, DropConnectObjective.Terms(c, Layer.Input).Components().Count);
        Assert.True(DropConnectClaims.CheckEqualsDropout(c).Holds);
    }

    [Fact]
    public void Splitting_by_groups_keeps_the_dropout_expectation()
    {
        var c = DropoutCase.Random(3, 4, 10, 0.6, 2);
        var u = c.U.Clone();
        u.ClearColumn(3);
        var zero = c with { U = u };
        var terms = GramTerms.Of(zero);
        var plain = GrayCodeEnumeration.Expectation(terms, c.Theta);
        var grouped = GrayCodeEnumeration.ExpectationByComponents(terms, c.Theta);
        Assert.True(Math.Abs(plain - grouped) <= 1e-12 * Math.Abs(plain), $"{plain:R} vs {grouped:R}");
        var e = zero.ToExact();
        var contributions = ExactContributions.OfUnits(e.Y, e.U, e.V);
        Assert.Equal(ExactMaskEnumeration.Expectation(contributions, e.Theta), ExactMaskEnumeration.ExpectationByComponents(contributions, e.Theta));
    }

    [Fact]
    public void The_output_layer_with_the_input_layers_regularizer_is_refuted()
    {
        var wrong = DropConnectClaims.OutputLayer with
        {
            Id = "dropconnect.output-layer.wrong",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                var e = c.ToExact();
                var lhs = ExactMaskEnumeration.ExpectationByComponents(DropConnectObjective.Contributions(e, Layer.Output), e.Theta);
                return Outcome.Exact(lhs, DropConnectObjective.ClosedForm(e, Layer.Input, DropoutObjective.Lambda(e.Theta)), "output-layer masks against the input layer's regularizer");
            },
        };
        var narrow = wrong with { Instances = wrong.Instances.WithGenerator("narrow", Small) };
        Assert.Equal(Verdict.Refuted, narrow.Run(new RunSettings(100, TestSettings.Seed)).Verdict);
    }
}
