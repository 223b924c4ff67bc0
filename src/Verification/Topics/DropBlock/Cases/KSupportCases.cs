using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.DropBlock;

/// <summary>
/// A vector w ∈ ℝ^d and k ∈ 1..d, with a matrix X whose singular values are |w| (for the spectral version) and probe vectors
/// and a probe matrix for Hölder's inequality with the dual norm.
/// </summary>
public sealed record KSupportCase(double[] W, int K, Matrix<double> X, IReadOnlyList<double[]> Probes, Matrix<double> ProbeMatrix)
{
    public int Dimension => W.Length;

    /// <summary>Validates k ∈ 1..d and finite entries; the spectral embedding is diag(|w|) and the probes are seeded by (d, k).</summary>
    public static KSupportCase Create(IReadOnlyList<double> w, int k, Matrix<double>? x = null)
    {
        KSupport.CheckK(k, w.Count);
        var rng = new SplitMix64((ulong)(w.Count * 7919 + k));
        var probes = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, w.Count).Select(_ => rng.NextGaussian()).ToArray()).ToArray();
        var embedding = x ?? Matrix<double>.Build.DenseOfDiagonalArray(w.Select(Math.Abs).ToArray());
        var probe = Matrix<double>.Build.Dense(embedding.RowCount, embedding.ColumnCount, (_, _) => rng.NextGaussian());
        return new KSupportCase(w.ToArray(), k, embedding, probes, probe);
    }
}

/// <summary>
/// Instance types of k-support norms: d = 1 to 8 entries of every style (Gaussian, small integers, all equal, zeros, one dominant,
/// geometric), k = 1, d and in between; X = W diag(|w|) Zᵀ of shape (d or d + 1) × (d or d + 1). `eval` reads w (a vector) and k, or
/// X (a matrix, its singular values are w) and k.
/// </summary>
public static class KSupportCases
{
    public const int MaxDimension = 8;

    /// <summary>Vectors of every style: Gaussian, small integers, ties (all equal), zeros mixed in, one dominant entry, geometric.</summary>
    public static Gen<double[]> Vector(int d) => Gen.Frequency(
        (3, Gen.ArrayOf(Scalars.Gaussian, d)),
        (2, Gen.ArrayOf(Scalars.SmallInteger(3), d)),
        (1, Gen.Choose(1, 3).Select(v => Enumerable.Repeat((double)v, d).ToArray())),
        (1, Gen.Zip(Gen.ArrayOf(Scalars.Gaussian, d), Gen.ArrayOf(Gen.Elements(true, false), d)).Select(t => t.Item1.Select((x, i) => t.Item2[i] ? 0 : x).ToArray())),
        (1, Gen.ArrayOf(Scalars.Gaussian, d).Select(a => a.Select((x, i) => i == 0 ? 10 * (1 + Math.Abs(x)) : x).ToArray())),
        (1, Gen.Elements(0.5, 0.8).Select(ratio => Enumerable.Range(0, d).Select(i => Math.Pow(ratio, i) * (i % 2 == 0 ? 1 : -1)).ToArray())));

    public static Gen<int> K(int d) => Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(d)), (2, Gen.Choose(1, d)));

    private static Gen<KSupportCase> Generator { get; } = Gen.Sized(size =>
        from d in Shapes.Dimension(size, MaxDimension)
        from w in Vector(d)
        from k in K(d)
        from extra in Gen.Elements((0, 0), (1, 0), (0, 1))
        let sigma = w.Select(Math.Abs).OrderByDescending(x => x).ToArray()
        from x in Matrices.WithSingularValues(d + extra.Item1, d + extra.Item2, sigma)
        from probes in Gen.ArrayOf(Gen.ArrayOf(Scalars.Gaussian, d), 3)
        from probe in Matrices.Gaussian(d + extra.Item1, d + extra.Item2)
        select new KSupportCase(w, k, x, probes, probe));

    /// <summary>Fewer entries (k kept within range), then k toward 1, then simpler entries (the embedding rebuilt as diag(|w|)).</summary>
    public static IEnumerable<KSupportCase> Shrink(KSupportCase c)
    {
        var d = c.Dimension;
        for (var i = 0; i < d && d > 1; i++)
        {
            var w = c.W.Where((_, j) => j != i).ToArray();
            yield return KSupportCase.Create(w, Math.Min(c.K, w.Length));
        }
        if (c.K > 1) yield return KSupportCase.Create(c.W, c.K - 1);
        for (var i = 0; i < d; i++)
            foreach (var x in Generators.Shrink.Scalar(c.W[i]))
                yield return KSupportCase.Create(c.W.Select((v, j) => j == i ? x : v).ToArray(), c.K);
    }

    public static IReadOnlyList<NamedValue> Describe(KSupportCase c) =>
        [new("w", Value.Of(Matrix<double>.Build.Dense(1, c.Dimension, c.W))), new("k", Value.Of(c.K))];

    /// <summary>How the k-support claims scale, for the one line that refuses entries of extreme magnitude.</summary>
    public const string Homogeneity = "the k-support norm is absolutely homogeneous (‖cw‖_(k) = |c|·‖w‖_(k), and so is its spectral version)";

    /// <summary>A vector whose nonzero entries lie within [1e-150, 1e150] (<see cref="Readers.Moderate"/> for vectors).</summary>
    public static double[] ModerateVector(InputReader input, string name, string homogeneity)
    {
        var v = input.Vector(name).ToArray();
        foreach (var x in v)
            if (x != 0 && !(Math.Abs(x) >= Readers.ModerateMin && Math.Abs(x) <= Readers.ModerateMax))
                throw new InputException($"{name} has an entry {x:G3} outside 1e-150 ≤ |x| ≤ 1e150, where this claim's floating-point evaluation would overflow or lose all precision; {homogeneity}, so rescale the input");
        return v;
    }

    /// <summary>"w" (a vector) and "k", or "X" (a matrix: w is its singular values) and "k".</summary>
    public static KSupportCase Read(InputReader input)
    {
        if (input.Has("w") == input.Has("X")) throw new InputException("give exactly one of \"w\" (a vector) or \"X\" (a matrix, for the spectral norm)");
        var k = input.Integer("k");
        if (input.Has("w")) return Validated.Create(() => KSupportCase.Create(ModerateVector(input, "w", Homogeneity), k));
        var x = Readers.Moderate(input, "X", Homogeneity);
        return Validated.Create(() => KSupportCase.Create(Thresholding.SingularValues(x), k, x));
    }

    public static InstanceType<KSupportCase> Vectors { get; } =
        InstanceType.Create("vector w with k (and a matrix with singular values |w|)", Generator, Shrink, Describe) with
        {
            Reader = Read,
            Inputs = [new("w", "a vector (or X: a matrix, whose singular values are used)"), new("k", "an integer in 1..d")],
            SampleInput = """{ "w": [1, 1, 1], "k": 2 }""",
            Measure = c => new Dictionary<string, int> { ["d"] = c.Dimension, ["k"] = c.K },
            Sizes = [new("d", 1, MaxDimension), new("k", 1, MaxDimension)],
        };
}
