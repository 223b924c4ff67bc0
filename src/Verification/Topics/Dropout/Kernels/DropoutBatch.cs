using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.Dropout;

/// <summary>
/// Many small dropout instances of one shape (m, n, r), stored structure-of-arrays: entry e of instance b sits at
/// [e · Lanes + b], so one SIMD register holds the same entry of four instances. Evaluating a batch allocates a few
/// arrays per call, none per instance.
/// </summary>
public sealed class DropoutBatch
{
    private DropoutBatch(int count, int m, int n, int r)
    {
        (Count, M, N, R) = (count, m, n, r);
        Lanes = (count + 3) & ~3;
        Y = new double[m * n * Lanes];
        U = new double[m * r * Lanes];
        V = new double[n * r * Lanes];
        Theta = new double[Lanes];
        Array.Fill(Theta, 1.0); // padding lanes: θ = 1, all zeros
    }

    public int Count { get; }
    public int M { get; }
    public int N { get; }
    public int R { get; }

    /// <summary>The count rounded up to a multiple of the vector width.</summary>
    internal int Lanes { get; }

    internal double[] Y { get; }
    internal double[] U { get; }
    internal double[] V { get; }
    internal double[] Theta { get; }

    public static DropoutBatch Create(IReadOnlyList<DropoutCase> cases)
    {
        if (cases.Count == 0) throw new ArgumentException("a batch needs at least one instance");
        var first = cases[0];
        var batch = new DropoutBatch(cases.Count, first.Y.RowCount, first.Y.ColumnCount, first.Width);
        for (var b = 0; b < cases.Count; b++) batch.Set(b, cases[b]);
        return batch;
    }

    /// <summary>Gaussian instances with θ uniform in [0.05, 1], reproducible from the seed (benchmarks, batch properties).</summary>
    public static DropoutBatch Random(int count, int m, int n, int r, ulong seed)
    {
        var rng = new SplitMix64(seed);
        double Normal() => rng.NextGaussian();
        var batch = new DropoutBatch(count, m, n, r);
        for (var b = 0; b < count; b++)
        {
            for (var e = 0; e < m * n; e++) batch.Y[e * batch.Lanes + b] = Normal();
            for (var e = 0; e < m * r; e++) batch.U[e * batch.Lanes + b] = Normal();
            for (var e = 0; e < n * r; e++) batch.V[e * batch.Lanes + b] = Normal();
            batch.Theta[b] = 0.05 + 0.95 * rng.NextDouble();
        }
        return batch;
    }

    private void Set(int b, DropoutCase c)
    {
        if (c.Y.RowCount != M || c.Y.ColumnCount != N || c.Width != R)
            throw new ArgumentException($"instance {b} has shape ({c.Y.RowCount}, {c.Y.ColumnCount}, {c.Width}); the batch is ({M}, {N}, {R})");
        for (var i = 0; i < M; i++)
            for (var j = 0; j < N; j++) Y[(i * N + j) * Lanes + b] = c.Y[i, j];
        for (var i = 0; i < M; i++)
            for (var k = 0; k < R; k++) U[(i * R + k) * Lanes + b] = c.U[i, k];
        for (var j = 0; j < N; j++)
            for (var k = 0; k < R; k++) V[(j * R + k) * Lanes + b] = c.V[j, k];
        Theta[b] = c.Theta;
    }

    /// <summary>θ of instance b.</summary>
    public double ThetaOf(int b) => Theta[b];

    /// <summary>Instance b as an ordinary <see cref="DropoutCase"/>.</summary>
    public DropoutCase this[int b] => new(
        Matrix<double>.Build.Dense(M, N, (i, j) => Y[(i * N + j) * Lanes + b]),
        Matrix<double>.Build.Dense(M, R, (i, k) => U[(i * R + k) * Lanes + b]),
        Matrix<double>.Build.Dense(N, R, (j, k) => V[(j * R + k) * Lanes + b]),
        Theta[b]);
}

/// <summary>Exact expectations and closed forms of a whole batch, four instances per Vector256 operation.</summary>
public static class BatchEnumeration
{
    public const int MaxWidth = 12;

    /// <summary>E_z ‖Y − θ⁻¹U diag(z)Vᵀ‖² of every instance by enumerating all 2^r masks over the Gram terms.</summary>
    public static double[] Expectations(DropoutBatch batch)
    {
        int m = batch.M, n = batch.N, r = batch.R, lanes = batch.Lanes;
        if (r > MaxWidth) throw new EnumerationLimitException($"batched enumeration is for small widths (r ≤ {MaxWidth}); use MaskEnumeration for r = {r}");
        var result = new double[batch.Count];
        var gram = new Vector256<double>[r * r];
        var align = new Vector256<double>[r];
        var linear = new Vector256<double>[r + 1];
        var quadratic = new Vector256<double>[r + 1];
        for (var lane = 0; lane < lanes; lane += 4)
        {
            Vector256<double> Load(double[] a, int e) => Vector256.LoadUnsafe(ref a[e * lanes + lane]);
            var y2 = Vector256<double>.Zero;
            for (var e = 0; e < m * n; e++) { var y = Load(batch.Y, e); y2 += y * y; }
            for (var k = 0; k < r; k++)
            {
                for (var l = k; l < r; l++)
                {
                    Vector256<double> uu = Vector256<double>.Zero, vv = Vector256<double>.Zero;
                    for (var i = 0; i < m; i++) uu += Load(batch.U, i * r + k) * Load(batch.U, i * r + l);
                    for (var j = 0; j < n; j++) vv += Load(batch.V, j * r + k) * Load(batch.V, j * r + l);
                    gram[k * r + l] = gram[l * r + k] = uu * vv;
                }
                var a = Vector256<double>.Zero;
                for (var i = 0; i < m; i++)
                {
                    var yv = Vector256<double>.Zero;
                    for (var j = 0; j < n; j++) yv += Load(batch.Y, i * n + j) * Load(batch.V, j * r + k);
                    a += Load(batch.U, i * r + k) * yv;
                }
                align[k] = a;
            }
            Array.Clear(linear);
            Array.Clear(quadratic);
            for (var mask = 0; mask < 1 << r; mask++)
            {
                Vector256<double> lin = Vector256<double>.Zero, quad = Vector256<double>.Zero;
                for (var k = 0; k < r; k++)
                {
                    if (((mask >> k) & 1) == 0) continue;
                    lin += align[k];
                    for (var l = 0; l < r; l++)
                        if (((mask >> l) & 1) == 1) quad += gram[k * r + l];
                }
                var count = System.Numerics.BitOperations.PopCount((uint)mask);
                linear[count] += lin;
                quadratic[count] += quad;
            }
            var theta = Vector256.LoadUnsafe(ref batch.Theta[lane]);
            var inverse = Vector256<double>.One / theta;
            var expectation = Vector256<double>.Zero;
            var binomial = 1.0;
            for (var c = 0; c <= r; c++)
            {
                var weight = Vector256<double>.One;
                for (var t = 0; t < c; t++) weight *= theta;
                for (var t = c; t < r; t++) weight *= Vector256<double>.One - theta;
                var sum = Vector256.Create(binomial) * y2 - Vector256.Create(2.0) * inverse * linear[c] + inverse * inverse * quadratic[c];
                expectation += weight * sum;
                binomial = binomial * (r - c) / (c + 1);
            }
            for (var t = 0; t < 4 && lane + t < batch.Count; t++) result[lane + t] = expectation.GetElement(t);
        }
        return result;
    }

    /// <summary>‖Y − UVᵀ‖² + λ Σ_k ‖u_k‖²‖v_k‖² of every instance, formed directly (no Gram terms).</summary>
    public static double[] ClosedForms(DropoutBatch batch)
    {
        var (fit, regularizer) = ClosedFormParts(batch);
        var result = new double[batch.Count];
        for (var b = 0; b < batch.Count; b++) result[b] = fit[b] + DropoutObjective.Lambda(batch.Theta[b]) * regularizer[b];
        return result;
    }

    /// <summary>The two parts of the closed form of every instance: ‖Y − UVᵀ‖² and Σ_k ‖u_k‖²‖v_k‖², formed directly.</summary>
    public static (double[] Fit, double[] Regularizer) ClosedFormParts(DropoutBatch batch)
    {
        int m = batch.M, n = batch.N, r = batch.R, lanes = batch.Lanes;
        var fits = new double[batch.Count];
        var regularizers = new double[batch.Count];
        for (var lane = 0; lane < lanes; lane += 4)
        {
            Vector256<double> Load(double[] a, int e) => Vector256.LoadUnsafe(ref a[e * lanes + lane]);
            var fit = Vector256<double>.Zero;
            for (var i = 0; i < m; i++)
                for (var j = 0; j < n; j++)
                {
                    var d = Load(batch.Y, i * n + j);
                    for (var k = 0; k < r; k++) d -= Load(batch.U, i * r + k) * Load(batch.V, j * r + k);
                    fit += d * d;
                }
            var regularizer = Vector256<double>.Zero;
            for (var k = 0; k < r; k++)
            {
                Vector256<double> uu = Vector256<double>.Zero, vv = Vector256<double>.Zero;
                for (var i = 0; i < m; i++) { var x = Load(batch.U, i * r + k); uu += x * x; }
                for (var j = 0; j < n; j++) { var x = Load(batch.V, j * r + k); vv += x * x; }
                regularizer += uu * vv;
            }
            for (var t = 0; t < 4 && lane + t < batch.Count; t++)
            {
                fits[lane + t] = fit.GetElement(t);
                regularizers[lane + t] = regularizer.GetElement(t);
            }
        }
        return (fits, regularizers);
    }
}
