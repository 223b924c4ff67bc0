using FsCheck;
using FsCheck.Fluent;
using Fractions;
using Verification.Engine;
using Verification.Generators;
using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>
/// Instance types for the landscape at W = 0: samples X, Y (the claims are about ‖Y − W_L⋯W₁X‖², so `eval` needs the samples)
/// and hidden widths. Samples are structured rationals (σ(YXᵀ) = |m_i|a_i² rational, so the shallow claim is decided exactly),
/// small unstructured rationals (σ irrational in general: decided in floating point from the exact Hessian), Gaussian, and,
/// for the shallow claim, YXᵀ = 0.
/// </summary>
public static class OriginProblems
{
    public const int MaxDimension = 4;
    public const int MaxDeepDimension = 3;
    public const int MinDeepDepth = 3;
    public const int MaxDeepDepth = 5;

    private static Gen<LinearProblem> Samples(int n0, int nl, int[] hidden, int size, bool allowZero) =>
        from samples in Gen.Choose(n0, n0 + Math.Min(2, Shapes.Cap(size, 3) - 1))
        from style in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Constant(1)), (2, Gen.Constant(2)), (allowZero ? 1 : 0, Gen.Constant(3)))
        from problem in style switch
        {
            0 => from c in SampleGenerators.DistinctMagnitudes(Math.Min(n0, nl))
                 from tie in Gen.Elements(false, false, true)
                 from s in SampleGenerators.Structured(n0, nl, samples, tie ? c.Select(_ => c[0]).ToArray() : c)
                 from seed in SampleGenerators.Seed
                 select LinearProblem.FromSamples(s.X, s.Y, hidden, true, seed),
            1 => from d in SampleGenerators.SmallRational(n0, nl, samples)
                 from seed in SampleGenerators.Seed
                 let y = allowZero ? d.Y : Correlated(d.X, d.Y)
                 select LinearProblem.FromSamples(allowZero ? d.X : Nonzero(d.X), y, hidden, true, seed),
            2 => from g in SampleGenerators.Gaussian(n0, nl, samples)
                 from seed in SampleGenerators.Seed
                 select LinearProblem.FromSamples(g.X, g.Y, hidden, false, seed),
            _ => from s in SampleGenerators.Structured(n0, nl, samples, new Fraction[Math.Min(n0, nl)].Select(_ => Fraction.Zero).ToArray())
                 from seed in SampleGenerators.Seed
                 select LinearProblem.FromSamples(s.X, s.Y, hidden, true, seed),
        }
        select problem;

    /// <summary>X with X[0, 0] = 1 when X = 0, so that <see cref="Correlated"/> can make YXᵀ nonzero.</summary>
    private static ExactMatrix Nonzero(ExactMatrix x) =>
        x.IsZero() ? ExactMatrix.Create(x.RowCount, x.ColumnCount, (i, j) => i == 0 && j == 0 ? Fraction.One : Fraction.Zero) : x;

    /// <summary>Y, or Y + e₁·(a nonzero row of X) when YXᵀ = 0: then row 1 of YXᵀ is that row's products with X, not all 0.</summary>
    private static ExactMatrix Correlated(ExactMatrix x, ExactMatrix y)
    {
        x = Nonzero(x);
        if (!y.Multiply(x.Transpose()).IsZero()) return y;
        var row = Enumerable.Range(0, x.RowCount).First(i => Enumerable.Range(0, x.ColumnCount).Any(j => !x[i, j].IsZero));
        return ExactMatrix.Create(y.RowCount, y.ColumnCount, (i, j) => i == 0 ? y[i, j] + x[row, j] : y[i, j]);
    }

    private static Gen<LinearProblem> ShallowGenerator { get; } = Gen.Sized(size =>
        from shape in Shapes.Factors(size, MaxDimension, MaxDimension)
        from problem in Samples(shape.M, shape.N, [shape.R], size, allowZero: true)
        select problem);

    private static Gen<LinearProblem> DeepGenerator { get; } = Gen.Sized(size =>
        from dims in Shapes.Dimensions(size, MaxDeepDimension)
        from depth in Gen.Frequency((1, Gen.Constant(MinDeepDepth)), (1, Gen.Constant(MinDeepDepth + Shapes.Cap(size, MaxDeepDepth - MinDeepDepth + 1) - 1)),
            (2, Gen.Choose(MinDeepDepth, MinDeepDepth + Shapes.Cap(size, MaxDeepDepth - MinDeepDepth + 1) - 1)))
        from hidden in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(3)), (2, Gen.Choose(1, 3))), depth - 1)
        from problem in Samples(dims.M, dims.N, hidden, size, allowZero: false)
        select problem);

    private static InstanceType<LinearProblem> Create(string name, Gen<LinearProblem> generator, string sample, IReadOnlyList<SizeRange> sizes) =>
        InstanceType.Create(name, generator, LinearProblems.Shrink, LinearProblems.Describe) with
        {
            Reader = input => LinearProblems.Read(input, samplesRequired: true),
            Inputs =
            [
                new("X", "n₀×N samples (columns)"), new("Y", "n_L×N targets"),
                new("n1", "width of one hidden layer, or widths: the hidden widths [n₁, …, n_{L−1}]"),
                new("exact", "optional: true reads exact rationals (\"p/q\" allowed)"),
            ],
            SampleInput = sample,
            Measure = LinearProblems.Measure,
            Sizes = sizes,
        };

    /// <summary>One hidden layer: n₀, n_L, n₁ ≤ 4 (n₁ below, at and above min(n₀, n_L)), N ≤ n₀ + 2.</summary>
    public static InstanceType<LinearProblem> Shallow { get; } = Create("samples and one hidden width (X, Y, n₁)", ShallowGenerator,
        """{ "exact": true, "X": [[1, 0], [0, 1]], "Y": [[2, 0], [0, 1]], "n1": 1 }""",
        [new("n0", 1, MaxDimension), new("nL", 1, MaxDimension), new("n1", 1, MaxDimension), new("N", 1, MaxDimension + 2), new("L", 2, 2)]);

    /// <summary>Depth 3 to 5, n₀, n_L ≤ 3, hidden widths 1 to 3, YXᵀ ≠ 0 by construction (almost surely for Gaussian samples).</summary>
    public static InstanceType<LinearProblem> Deep { get; } = Create("samples and hidden widths (X, Y, depth ≥ 3)", DeepGenerator,
        """{ "exact": true, "X": [[1, 0], [0, 1]], "Y": [[2, 0], [0, 1]], "widths": [1, 1] }""",
        [new("n0", 1, MaxDeepDimension), new("nL", 1, MaxDeepDimension), new("n1", 1, 3), new("N", 1, MaxDeepDimension + 2), new("L", MinDeepDepth, MaxDeepDepth)]);
}
