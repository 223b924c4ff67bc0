using FsCheck;
using FsCheck.Fluent;
using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Reporting;

namespace Verification.Topics.Dropout;

/// <summary>An exact dropout weight λ and a random point w from which local descent starts.</summary>
public sealed record AutoencoderCase(Fraction Lambda, double W1, double W2);

/// <summary>Instances of the tied 1-2-1 autoencoder: λ exact (from retain rates p/q and the weights 1/10, 1, 10), w Gaussian.</summary>
public static class AutoencoderCases
{
    private static Gen<AutoencoderCase> Generator(Gen<Fraction> retainRates) =>
        from lambda in Gen.Frequency(
            (4, retainRates.Select(DropoutObjective.Lambda)),
            (1, Gen.Elements(new Fraction(1, 10), new Fraction(1), new Fraction(10))))
        from w1 in Scalars.Gaussian
        from w2 in Scalars.Gaussian
        select new AutoencoderCase(lambda, w1, w2);

    public static IEnumerable<AutoencoderCase> Shrink(AutoencoderCase c)
    {
        foreach (var l in new[] { Fraction.Zero, Fraction.One })
            if (l != c.Lambda) yield return c with { Lambda = l };
        if (c.W1 != 1 || c.W2 != 0) yield return c with { W1 = 1, W2 = 0 };
    }

    public static IReadOnlyList<NamedValue> Describe(AutoencoderCase c) =>
        [new("lambda", Value.Of(c.Lambda)), new("w", Value.Of(Matrix<double>.Build.Dense(1, 2, [c.W1, c.W2])))];

    /// <summary>λ ≥ 0 (θ = 1 included).</summary>
    public static InstanceType<AutoencoderCase> Any { get; } = InstanceType.Create("autoencoder weight and start (λ, w)", Generator(Rationals.RetainRate), Shrink, Describe) with
    {
        Reader = input =>
        {
            var lambda = Readers.ExactLambda(input);
            var w = input.Has("w") ? input.Matrix("w") : Matrix<double>.Build.Dense(1, 2, [0.3, 0.2]);
            if (w.RowCount * w.ColumnCount != 2) throw new InputException($"\"w\" must hold two numbers, got a {w.RowCount}×{w.ColumnCount} matrix");
            var entries = w.ToColumnMajorArray();
            return new AutoencoderCase(lambda, entries[0], entries[1]);
        },
        Inputs = [new("lambda", "weight λ ≥ 0, exact (or theta: retain probability, λ = (1 − θ)/θ)"), new("w", "optional start of local descent, [[w1, w2]]")],
        SampleInput = """{ "lambda": "1/2" }""",
    };

    /// <summary>λ &gt; 0 (dropout active), the hypothesis of dropout.autoencoder-landscape.</summary>
    public static InstanceType<AutoencoderCase> PositiveLambda { get; } = Any.WithGenerator("autoencoder weight and start (λ > 0, w)", Generator(Rationals.RetainRateBelowOne));
}
