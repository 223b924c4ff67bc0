using System.Diagnostics;
using Verification.Properties.Snapshots;
using Verification.Symbolic;
using Verification.Symbolic.Derivations;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Symbolic;

/// <summary>The symbolic derivations of THEORY.md at their default sizes: verdicts and snapshots.</summary>
public class DerivationTests(ITestOutputHelper output)
{
    public static TheoryData<string> Ids() => new(Derivations.Ids);

    /// <summary>The verdicts: every identity holds except the slide's DropBlock statement (a finding).</summary>
    [Theory]
    [InlineData("dropout.expectation", true)]
    [InlineData("dropout.expectation-with-input", true)]
    [InlineData("dropout.sgd-unbiased", true)]
    [InlineData("dropblock.expectation", true)]
    [InlineData("dropblock.expectation.as-stated", false)]
    [InlineData("dropconnect.output-layer", true)]
    [InlineData("dropconnect.input-layer", true)]
    [InlineData("linear.risk-trace", true)]
    [InlineData("dropout.autoencoder-landscape", true)]
    [InlineData("homogeneous.positive-homogeneity", true)]
    public void Verdict_at_every_default_size(string id, bool holds)
    {
        foreach (var d in Derivations.All.Where(d => d.Id == id))
        {
            output.WriteLine($"{d.Id} [{d.Size}]: holds={d.Holds}, terms lhs={d.Lhs.TermCount} rhs={d.Rhs.TermCount} difference={d.Difference.TermCount}");
            Assert.Equal(holds, d.Holds);
        }
        Assert.Equal(Derivations.DefaultSizes(id).Count, Derivations.All.Count(d => d.Id == id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Snapshot_of_lhs_rhs_and_difference(string id) =>
        Snapshot.Match("symbolic", id, string.Join("\n\n", Derivations.All.Where(d => d.Id == id).Select(d => d.ToReport())));

    [Fact]
    public void Dropout_expectation_at_m3_n3_r4()
    {
        Derivations.DropoutExpectation(2, 2, 2); // warm up the JIT
        var clock = Stopwatch.StartNew();
        var d = Derivations.Find("dropout.expectation", DerivationSize.Of(("m", 3), ("n", 3), ("r", 4)));
        clock.Stop();
        // The stochastic loss before the expectation, for the term count.
        var (y, u, v, z) = (SymbolicMatrix.Named("Y", 3, 3), SymbolicMatrix.Named("U", 3, 4), SymbolicMatrix.Named("V", 3, 4), SymbolicMatrix.NamedVector("z", 4));
        var theta = RationalFunction.Symbol("theta");
        var stochastic = (y - theta.Reciprocal() * (u * SymbolicMatrix.Diagonal(z) * v.Transpose())).FrobeniusNormSquared();
        output.WriteLine($"dropout.expectation m=n=3, r=4: {clock.Elapsed.TotalMilliseconds:F0} ms; stochastic loss {stochastic.Numerator.TermCount} terms; "
            + $"lhs={d.Lhs.TermCount} (numerator {d.Lhs.Numerator.TermCount} over {d.Lhs.Denominator.ToInfix()}), rhs={d.Rhs.TermCount}, difference={d.Difference.TermCount}");
        Assert.True(d.Holds);
        Assert.Equal(d.Lhs, d.Rhs);
    }

    [Fact]
    public void Dropblock_as_stated_difference_with_identity_input_is_the_cross_block_terms()
    {
        // With X = I the slide's regularizer Σ_g ‖U_g‖²‖V_g‖² replaces Σ_g ‖U_gV_gᵀ‖²; they agree for b = 1 only.
        var b1 = Derivations.DropBlockExpectationAsStated(2, 2, 2, 1, identityX: true);
        Assert.True(b1.Holds);
        var b2 = Derivations.Find("dropblock.expectation.as-stated", Derivations.DefaultSizes("dropblock.expectation.as-stated")[1]);
        Assert.False(b2.Holds);
        var exact = Derivations.DropBlockExpectation(2, 2, 2, 2, 0);
        Assert.Equal(exact.Lhs, b2.Lhs);
        Assert.Equal(exact.Rhs - b2.Rhs, b2.Difference); // λ Σ_g (‖U_gV_gᵀ‖² − ‖U_g‖²‖V_g‖²)
    }

    [Fact]
    public void Sgd_components_cover_every_entry_of_U_and_V()
    {
        var d = Derivations.Find("dropout.sgd-unbiased");
        Assert.Equal(2 * 2 + 2 * 2, d.Components.Count);
        Assert.All(d.Components, c => Assert.True(c.Holds, c.Name));
    }

    [Fact]
    public void Unknown_id_is_an_argument_error() =>
        Assert.Contains("Known:", Assert.Throws<ArgumentException>(() => Derivations.Find("nope")).Message);
}
