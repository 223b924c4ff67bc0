using FsCheck;
using FsCheck.Fluent;
using Fractions;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.LinearNetworks;

/// <summary>
/// A linear-network problem: exact second moments (from samples X, Y when the instance has them), the hidden widths
/// n₁, …, n_{L−1}, an exact orthogonal eigenbasis Q of Σ when the construction knows one (checked, never trusted), whether
/// the instance is rational (decided exactly wherever its eigenvalues allow) or floating point, and the seed of the random
/// starts of local descent.
/// </summary>
public sealed record LinearProblem(SecondMoments Moments, IReadOnlyList<int> HiddenWidths, ExactMatrix? X, ExactMatrix? Y, ExactMatrix? Eigenvectors, bool Exact, ulong Seed)
{
    public int Depth => HiddenWidths.Count + 1;
    public int InputDimension => Moments.InputDimension;
    public int OutputDimension => Moments.OutputDimension;
    public int Samples => X?.ColumnCount ?? 0;
    public int SmallestHiddenWidth => HiddenWidths.Count == 0 ? int.MaxValue : HiddenWidths.Min();

    /// <summary>n₀, n₁, …, n_L.</summary>
    public IReadOnlyList<int> Widths => [InputDimension, .. HiddenWidths, OutputDimension];

    public static LinearProblem FromSamples(ExactMatrix x, ExactMatrix y, IReadOnlyList<int> hidden, bool exact, ulong seed, ExactMatrix? q = null) =>
        new(SecondMoments.FromSamples(x, y), hidden, x, y, q, exact, seed);
}

/// <summary>
/// Instance types of linear-network problems. Rational instances come from <see cref="SampleGenerators.Structured"/>
/// (Σ = Q diag(c²/N) Qᵀ with Q rational orthogonal, so critical points are rational); floating-point ones from Gaussian
/// samples. Dimensions are at most <see cref="MaxDimension"/>, samples N ≤ n₀ + 2, and they grow with the FsCheck size.
/// `eval` reads X and Y (or Sigma_xx, Sigma_yx, Sigma_yy) and the hidden widths.
/// </summary>
public static class LinearProblems
{
    public const int MaxDimension = 4;
    public const int MaxDepth = 4;
    public const int MaxHiddenWidth = 4;

    /// <summary>(n₀, n_L, n₁) with n₁ ≤ n_L ≤ n₀ ≤ max at the cap of the size; at the cap, a quarter of the draws take all three at max.</summary>
    private static Gen<(int N0, int NL, int N1)> NestedShape(int size, int max)
    {
        var cap = Shapes.Cap(size, max);
        var any = from n0 in Shapes.Dimension(size, max)
                  from nl in Gen.Frequency((1, Gen.Constant(n0)), (2, Gen.Choose(1, n0)))
                  from n1 in Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(nl)), (2, Gen.Choose(1, nl)))
                  select (n0, nl, n1);
        return cap == max ? Gen.Frequency((1, Gen.Constant((max, max, max))), (3, any)) : any;
    }

    private static Gen<int> SampleCount(int n0, int size) => Gen.Choose(n0, n0 + Math.Min(2, Shapes.Cap(size, 3) - 1));

    // ---- one hidden layer, Σ with distinct eigenvalues (baldi-hornik, critical-points) ----

    private static Gen<LinearProblem> Spectral(bool ties) => Gen.Sized(size =>
        from shape in NestedShape(size, MaxDimension)
        from samples in SampleCount(shape.N0, size)
        from exact in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from problem in exact
            ? from c in ties ? Gen.Frequency((2, SampleGenerators.TiedAtCut(shape.NL, shape.N1)), (1, SampleGenerators.DistinctMagnitudes(shape.NL)))
                             : SampleGenerators.DistinctMagnitudes(shape.NL)
              from s in SampleGenerators.Structured(shape.N0, shape.NL, samples, c)
              from seed in SampleGenerators.Seed
              select LinearProblem.FromSamples(s.X, s.Y, [shape.N1], true, seed, s.Q)
            : from g in SampleGenerators.Gaussian(shape.N0, shape.NL, Math.Max(samples, shape.N0 + 1))
              from seed in SampleGenerators.Seed
              select LinearProblem.FromSamples(g.X, g.Y, [shape.N1], false, seed)
        select problem);

    // ---- one hidden layer, n₁ ≥ max(n₀, n_L) (optimal-product) ----

    private static Gen<LinearProblem> WideGenerator { get; } = Gen.Sized(size =>
        from dims in Shapes.Dimensions(size, 3)
        from extra in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        let n1 = Math.Max(dims.M, dims.N) + extra
        from samples in SampleCount(dims.M, size)
        from exact in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from problem in exact
            ? from c in Gen.Frequency((3, SampleGenerators.DistinctMagnitudes(Math.Min(dims.M, dims.N))),
                                      (1, SampleGenerators.DistinctMagnitudes(Math.Min(dims.M, dims.N)).Select(v => v.Select((x, i) => i == 0 ? x : Fraction.Zero).ToArray())))
              from s in SampleGenerators.Structured(dims.M, dims.N, samples, c)
              from seed in SampleGenerators.Seed
              select LinearProblem.FromSamples(s.X, s.Y, [n1], true, seed, s.Q)
            : from g in SampleGenerators.Gaussian(dims.M, dims.N, Math.Max(samples, dims.M + 1))
              from seed in SampleGenerators.Seed
              select LinearProblem.FromSamples(g.X, g.Y, [n1], false, seed)
        select problem);

    // ---- deep networks ----

    /// <summary>Hidden widths for depth L: each in [low, max], with a width of exactly <paramref name="low"/> mixed in.</summary>
    private static Gen<int[]> Hidden(int depth, int low, int max, bool alwaysPin = false) =>
        from widths in Gen.ArrayOf(Gen.Choose(low, Math.Max(low, max)), depth - 1)
        from pin in Gen.Choose(0, depth - 2)
        from exactlyLow in alwaysPin ? Gen.Constant(true) : Gen.Elements(true, false)
        select widths.Select((w, k) => exactlyLow && k == pin ? low : w).ToArray();

    private static Gen<int> DepthOf(int size, int min, int max) =>
        Gen.Frequency((1, Gen.Constant(min)), (1, Gen.Constant(Math.Max(min, Math.Min(max, min + Shapes.Cap(size, max - min + 1) - 1)))), (2, Gen.Choose(min, Math.Max(min, min + Shapes.Cap(size, max - min + 1) - 1))));

    /// <summary>Depth 2 to 4, n₀, n_L ≤ 3, rank Σ_yx = r ≤ min(n₀, n_L), every hidden width in [r, 4] (wide enough).</summary>
    private static Gen<LinearProblem> DeepGenerator { get; } = Gen.Sized(size =>
        from dims in Shapes.Dimensions(size, 3)
        let k = Math.Min(dims.M, dims.N)
        from rank in Gen.Frequency((2, Gen.Constant(k)), (1, Gen.Choose(1, k)))
        from depth in DepthOf(size, 2, MaxDepth)
        from hidden in Hidden(depth, rank, MaxHiddenWidth)
        from problem in Structured(dims.M, dims.N, rank, hidden, size, floatingAllowed: rank == k)
        select problem);

    /// <summary>Depth 2 to 4, 2 ≤ n₀, n_L ≤ 3, rank Σ_yx = r ≥ 2, and one hidden width below r: too narrow for the optimal product.</summary>
    private static Gen<LinearProblem> NarrowGenerator { get; } = Gen.Sized(size =>
        from n0 in Gen.Choose(2, 3)
        from nl in Gen.Choose(2, 3)
        from rank in Gen.Choose(2, Math.Min(n0, nl))
        from depth in DepthOf(size, 2, MaxDepth)
        from hidden in Hidden(depth, 1, MaxHiddenWidth)
        from pin in Gen.Choose(0, depth - 2)
        from narrow in Gen.Choose(1, rank - 1)
        from problem in Structured(n0, nl, rank, hidden.Select((w, j) => j == pin ? narrow : w).ToArray(), size, floatingAllowed: false)
        select problem);

    /// <summary>Rational samples with rank Σ_yx = <paramref name="rank"/> (3 in 4, or all), else Gaussian samples.</summary>
    private static Gen<LinearProblem> Structured(int n0, int nl, int rank, int[] hidden, int size, bool floatingAllowed) =>
        from samples in SampleCount(n0, size)
        from exact in floatingAllowed ? Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false))) : Gen.Constant(true)
        from problem in exact
            ? from c in SampleGenerators.DistinctMagnitudes(Math.Min(n0, nl)).Select(v => v.Select((x, i) => i < rank ? x : Fraction.Zero).ToArray())
              from s in SampleGenerators.Structured(n0, nl, samples, c)
              from seed in SampleGenerators.Seed
              select LinearProblem.FromSamples(s.X, s.Y, hidden, true, seed, s.Q)
            : from g in SampleGenerators.Gaussian(n0, nl, Math.Max(samples, n0 + 1))
              from seed in SampleGenerators.Seed
              select LinearProblem.FromSamples(g.X, g.Y, hidden, false, seed)
        select problem;

    /// <summary>Kawaguchi's setting: n_L ≤ n₀ ≤ 4, n_L ≤ 3, Σ of full rank with distinct eigenvalues, depth 2 to 4, hidden widths in [p, 3] with p ≤ n_L.</summary>
    private static Gen<LinearProblem> KawaguchiGenerator { get; } = Gen.Sized(size =>
        from n0 in Shapes.Dimension(size, MaxDimension)
        from nl in Gen.Frequency((1, Gen.Constant(Math.Min(n0, 3))), (2, Gen.Choose(1, Math.Min(n0, 3))))
        from p in Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(nl)), (1, Gen.Choose(1, nl)))
        from depth in DepthOf(size, 2, MaxDepth)
        from hidden in Hidden(depth, p, 3, alwaysPin: true)
        from samples in SampleCount(n0, size)
        from exact in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from problem in exact
            ? from c in SampleGenerators.DistinctMagnitudes(nl)
              from s in SampleGenerators.Structured(n0, nl, samples, c)
              from seed in SampleGenerators.Seed
              select LinearProblem.FromSamples(s.X, s.Y, hidden, true, seed, s.Q)
            : from g in SampleGenerators.Gaussian(n0, nl, Math.Max(samples, n0 + 1))
              from seed in SampleGenerators.Seed
              select LinearProblem.FromSamples(g.X, g.Y, hidden, false, seed)
        select problem);

    // ---- shrinking, description, eval ----

    /// <summary>Fewer hidden units or layers, then fewer samples, inputs and outputs, then simpler entries (the eigenbasis is dropped once the data change).</summary>
    public static IEnumerable<LinearProblem> Shrink(LinearProblem c)
    {
        for (var k = 0; k < c.HiddenWidths.Count; k++)
            if (c.HiddenWidths[k] > 1)
            {
                var kk = k;
                yield return c with { HiddenWidths = c.HiddenWidths.Select((w, j) => j == kk ? w - 1 : w).ToArray() };
            }
        if (c.HiddenWidths.Count > 1) yield return c with { HiddenWidths = c.HiddenWidths.Skip(1).ToArray() };
        if (c.X is not { } x || c.Y is not { } y) yield break;
        LinearProblem With(ExactMatrix nx, ExactMatrix ny) => LinearProblem.FromSamples(nx, ny, c.HiddenWidths, c.Exact, c.Seed);
        for (var t = 0; t < x.ColumnCount && x.ColumnCount > 1; t++) yield return With(SampleGenerators.RemoveColumn(x, t), SampleGenerators.RemoveColumn(y, t));
        for (var i = 0; i < x.RowCount && x.RowCount > 1; i++) yield return With(SampleGenerators.RemoveRow(x, i), y);
        for (var i = 0; i < y.RowCount && y.RowCount > 1; i++) yield return With(x, SampleGenerators.RemoveRow(y, i));
        foreach (var nx in SampleGenerators.SimplerEntries(x)) yield return With(nx, y) with { Exact = true };
        foreach (var ny in SampleGenerators.SimplerEntries(y)) yield return With(x, ny) with { Exact = true };
    }

    public static IReadOnlyList<NamedValue> Describe(LinearProblem c)
    {
        var hidden = new NamedValue("widths", Value.Of("[" + string.Join(", ", c.HiddenWidths) + "]"));
        if (c.X is { } x && c.Y is { } y)
            return [new("X", SampleGenerators.Show(x, c.Exact)), new("Y", SampleGenerators.Show(y, c.Exact)), hidden];
        return [new("Sigma_xx", SampleGenerators.Show(c.Moments.Sxx, c.Exact)), new("Sigma_yx", SampleGenerators.Show(c.Moments.Syx, c.Exact)),
            new("Sigma_yy", SampleGenerators.Show(c.Moments.Syy, c.Exact)), hidden];
    }

    public static IReadOnlyDictionary<string, int> Measure(LinearProblem c)
    {
        var sizes = new Dictionary<string, int> { ["n0"] = c.InputDimension, ["nL"] = c.OutputDimension, ["L"] = c.Depth };
        if (c.HiddenWidths.Count > 0) sizes["n1"] = c.SmallestHiddenWidth;
        if (c.X is not null) sizes["N"] = c.Samples;
        return sizes;
    }

    public const int MaxEvalWidth = 64;
    public const int MaxEvalDepth = 8;

    /// <summary>
    /// X and Y (samples as columns), or Sigma_xx, Sigma_yx, Sigma_yy; the hidden widths as "n1" (one hidden layer) or "widths"
    /// (n₁, …, n_{L−1}); "exact": true reads exact rationals and decides exactly where the instance allows. Moments must be the
    /// second moments of some data: [[Σ_xx, Σ_xy], [Σ_yx, Σ_yy]] positive semidefinite (decided exactly, or within the
    /// eigensolver's backward error for floating input).
    /// </summary>
    public static LinearProblem Read(InputReader input, bool samplesRequired = false)
    {
        IReadOnlyList<int> hidden;
        if (input.Has("n1") == input.Has("widths"))
            throw new InputException("give exactly one of \"n1\" (the width of one hidden layer) or \"widths\" (the hidden widths n1, …, n_{L−1})");
        hidden = input.Has("n1") ? [input.Integer("n1")] : input.IntegerList("widths");
        if (hidden.Count > MaxEvalDepth - 1) throw new InputException($"{hidden.Count + 1} layers is above the limit of {MaxEvalDepth}");
        foreach (var w in hidden)
        {
            if (w < 1) throw new InputException($"hidden widths must be at least 1, got {w}");
            if (w > MaxEvalWidth) throw new InputException($"hidden width {w} is above {MaxEvalWidth}");
        }
        ExactMatrix Matrix(string key) => input.IsExact ? input.ExactMatrix(key) : ExactMatrix.FromDoubles(input.Matrix(key));
        var hasSamples = input.Has("X") || input.Has("Y");
        var hasMoments = input.Has("Sigma_xx") || input.Has("Sigma_yx") || input.Has("Sigma_yy");
        if (hasSamples == hasMoments)
            throw new InputException("give either the samples \"X\" and \"Y\" or the moments \"Sigma_xx\", \"Sigma_yx\", \"Sigma_yy\"");
        if (hasSamples)
        {
            var x = Matrix("X");
            var y = Matrix("Y");
            return Validated.Create(() => LinearProblem.FromSamples(x, y, hidden, input.IsExact, input.Options.Seed));
        }
        if (samplesRequired) throw new InputException("this claim is about ½‖Y − W₂W₁X‖², so it needs the samples \"X\" and \"Y\", not their moments");
        var moments = Validated.Create(() => new SecondMoments(Matrix("Sigma_xx"), Matrix("Sigma_yx"), Matrix("Sigma_yy")));
        CheckJointMoments(moments, input.IsExact);
        return new LinearProblem(moments, hidden, null, null, null, input.IsExact, input.Options.Seed);
    }

    private static void CheckJointMoments(SecondMoments s, bool exact)
    {
        int n0 = s.InputDimension, nl = s.OutputDimension;
        var joint = ExactMatrix.Create(n0 + nl, n0 + nl, (i, j) =>
            i < n0 ? (j < n0 ? s.Sxx[i, j] : s.Syx[j - n0, i]) : (j < n0 ? s.Syx[i - n0, j] : s.Syy[i - n0, j - n0]));
        bool negative;
        if (exact) negative = ExactLdlt.InertiaOf(joint).Negative > 0;
        else
        {
            var d = joint.ToDouble();
            negative = SymmetricSpectrum.Eigenvalues(d)[0] < -SymmetricSpectrum.BackwardError(d);
        }
        if (negative)
            throw new InputException("the moments are not the second moments of any data: [[Sigma_xx, Sigma_xy], [Sigma_yx, Sigma_yy]] has a negative eigenvalue");
    }

    private static readonly IReadOnlyList<InputField> Fields =
    [
        new("X", "n₀×N samples (columns), with Y; or the moments below"),
        new("Y", "n_L×N targets"),
        new("Sigma_xx", "n₀×n₀, Sigma_yx n_L×n₀, Sigma_yy n_L×n_L: second moments instead of X and Y"),
        new("n1", "width of one hidden layer, or widths: the hidden widths [n₁, …, n_{L−1}]"),
        new("exact", "optional: true reads exact rationals (\"p/q\" allowed) and decides exactly where the eigenvalues are rational"),
    ];

    private static InstanceType<LinearProblem> Create(string name, Gen<LinearProblem> generator, string sample, IReadOnlyList<SizeRange> sizes) =>
        InstanceType.Create(name, generator, Shrink, Describe) with
        {
            Reader = input => Read(input),
            Inputs = Fields,
            SampleInput = sample,
            Measure = Measure,
            Sizes = sizes,
        };

    private static IReadOnlyList<SizeRange> ShallowSizes(int n1Max) =>
        [new("n0", 1, MaxDimension), new("nL", 1, MaxDimension), new("n1", 1, n1Max), new("N", 1, MaxDimension + 2), new("L", 2, 2)];

    /// <summary>One hidden layer with n₁ ≤ n_L ≤ n₀ ≤ 4, Σ of full rank with distinct eigenvalues: rational (3 in 4) or Gaussian.</summary>
    public static InstanceType<LinearProblem> Distinct { get; } = Create("linear network (X, Y, n₁ ≤ n_L ≤ n₀), Σ with distinct eigenvalues",
        Spectral(ties: false), """{ "exact": true, "X": [[1, 0], [0, 1]], "Y": [[2, 0], [0, 1]], "n1": 1 }""", ShallowSizes(MaxDimension));

    /// <summary>The same, with ties in Σ's spectrum across the cut λ_{n₁} = λ_{n₁+1} in two rational instances of three.</summary>
    public static InstanceType<LinearProblem> WithTies { get; } = Create("linear network (X, Y, n₁ ≤ n_L ≤ n₀), Σ with ties at the cut",
        Spectral(ties: true), """{ "exact": true, "X": [[1, 0], [0, 1]], "Y": [[1, 0], [0, 1]], "n1": 1 }""", ShallowSizes(MaxDimension));

    /// <summary>One hidden layer with n₁ ≥ max(n₀, n_L), n₀, n_L ≤ 3 (rank Σ_yx sometimes 1).</summary>
    public static InstanceType<LinearProblem> Wide { get; } = Create("linear network (X, Y, n₁ ≥ max(n₀, n_L))",
        WideGenerator, """{ "X": [[1, 0, 1], [0, 1, 1]], "Y": [[1, 2, 0]], "n1": 2 }""",
        [new("n0", 1, 3), new("nL", 1, 3), new("n1", 1, 5), new("N", 1, 5), new("L", 2, 2)]);

    /// <summary>Depth 2 to 4, n₀, n_L ≤ 3, every hidden width at least rank Σ_yx (up to 4).</summary>
    public static InstanceType<LinearProblem> WideEnough { get; } = Create("deep linear network (X, Y, hidden widths ≥ rank Σ_yx)",
        DeepGenerator, """{ "exact": true, "X": [[1, 0, 1], [0, 1, 1]], "Y": [[1, 2, 0], [0, 1, 1]], "widths": [2, 2] }""",
        [new("n0", 1, 3), new("nL", 1, 3), new("n1", 1, MaxHiddenWidth), new("N", 1, 5), new("L", 2, MaxDepth)]);

    /// <summary>Depth 2 to 4 with some hidden width below rank Σ_yx (≥ 2): too narrow for the optimal product.</summary>
    public static InstanceType<LinearProblem> TooNarrow { get; } = Create("deep linear network (X, Y, a hidden width below rank Σ_yx)",
        NarrowGenerator, """{ "exact": true, "X": [[1, 0], [0, 1]], "Y": [[2, 0], [0, 1]], "widths": [1] }""",
        [new("n0", 2, 3), new("nL", 2, 3), new("n1", 1, 2), new("N", 2, 5), new("L", 2, MaxDepth)]);

    /// <summary>Kawaguchi's setting: depth 2 to 4, p ≤ n_L ≤ min(n₀, 3), hidden widths in [p, 3], Σ of full rank with distinct eigenvalues.</summary>
    public static InstanceType<LinearProblem> Kawaguchi { get; } = Create("deep linear network (X, Y, p ≤ n_L ≤ n₀), Σ with distinct eigenvalues",
        KawaguchiGenerator, """{ "exact": true, "X": [[1, 0], [0, 1]], "Y": [[2, 0], [0, 1]], "widths": [1, 1] }""",
        [new("n0", 1, MaxDimension), new("nL", 1, 3), new("n1", 1, 3), new("N", 1, MaxDimension + 2), new("L", 2, MaxDepth)]);
}
