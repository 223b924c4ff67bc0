using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Input;
using Verification.Reporting;
using Verification.Topics.Dropout;
using Verification.LinearAlgebra;
using Xunit;

namespace Verification.Properties.Dropout;

/// <summary>dropout.expectation-with-input, dropout.sgd-unbiased, dropout.regularizer-bound, dropout.doubling.</summary>
public class DropoutIdentityProperties
{
    [Fact]
    public void Monte_Carlo_with_input_contains_the_closed_form_at_width_20()
    {
        var c = Verification.Engine.Runner.Generate(InputCases.WithData(6).Generator, 99, 100);
        var wide = c with
        {
            U = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(c.Y.RowCount, 20, (i, k) => ((i + 2 * k) % 5 - 2) / 2.0),
            V = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(c.X.RowCount, 20, (j, k) => ((3 * j + k) % 4 - 1.5) / 2.0),
            Theta = 0.75,
        };
        var estimate = MonteCarlo.Expectation(wide.Reduced, seed: 5, maxSamples: 1 << 17);
        Assert.True(estimate.Contains(DropoutClaims.ClosedFormWithInput(wide)), $"{DropoutClaims.ClosedFormWithInput(wide)} not in [{estimate.Lower}, {estimate.Upper}]");
    }

    /// <summary>Floating-point central differences (step 1, exact for coordinate-wise quadratics up to rounding) against the analytic gradient.</summary>
    [SeededProperty]
    public Property Analytic_gradient_of_f_matches_floating_central_differences() =>
        Prop.ForAll(Arb.From(DropoutCases.Narrow(6).Generator, DropoutCases.Shrink), c =>
        {
            var analytic = DropoutGradients.Objective(c.Y, c.U, c.V, c.Lambda);
            var fd = DropoutGradients.CentralDifferences(c.U, c.V, (u, v) => Minimizers.Objective(c.Y, u, v, c.Lambda));
            var distance = Math.Sqrt(Norms.FrobeniusSquared(analytic.U - fd.U) + Norms.FrobeniusSquared(analytic.V - fd.V));
            var bound = 1e-10 * (1 + Minimizers.ObjectiveMagnitude(c.Y, c.U + 1, c.V + 1, c.Lambda));
            return (distance <= bound).Label($"‖∇f − FD‖ = {distance:G6} > {bound:G6}");
        });

    [Fact]
    public void The_equality_case_of_the_regularizer_bound_needs_equal_products()
    {
        var unequal = new Factors(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0 } }),
            MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 } }));
        // products (2, 0): Σp² = 4 > (Σp)²/2 = 2.
        Assert.Equal(4, DropoutObjective.Regularizer(unequal.U, unequal.V));
        Assert.Equal("no", DropoutClaims.CheckRegularizerBound(unequal).Details.Single(d => d.Name == "equalized").Value.ToString());
    }
}
