using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using MathNet.Numerics.LinearAlgebra;
using Verification.Reference;
using Verification.Topics.Dropout;
using Verification.LinearAlgebra;

namespace Verification.Benchmarks;

/// <summary>Few iterations: the slowest baselines take seconds per call; medians are stable at this size.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithStrategy(RunStrategy.Monitoring));
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddColumn(StatisticColumn.Median);
        AddExporter(MarkdownExporter.GitHub);
        AddLogger(ConsoleLogger.Default);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}

/// <summary>The benchmark inputs; the accuracy properties (FastPathProperties.BenchmarkInputs) check the same ones.</summary>
public static class Instances
{
    public static DropoutCase Exact(int r) => DropoutCase.Random(64, 64, r, 0.8, 1);

    public static DropoutCase MonteCarlo() => DropoutCase.Random(256, 256, 64, 0.8, 2);

    public static DropoutBatch Small() => DropoutBatch.Random(10_000, 4, 4, 3, seed: 4);
}

/// <summary>Exact expectation over 2^r masks at m = n = 64: the Gray-code Gram walk against the batched Gram trick.</summary>
public class ExactExpectation
{
    private DropoutCase instance = null!;

    [Params(16, 20, 24)]
    public int R { get; set; }

    [GlobalSetup]
    public void Setup() => instance = Instances.Exact(R);

    [Benchmark(Baseline = true, Description = "Gray-code Gram walk (this project)")]
    public double GrayCodeGram() => MaskEnumeration.Expectation(instance);

    [Benchmark(Description = "batched Gram trick, MathNet products (numpy-style)")]
    public double BatchedGram() => ReferenceImplementations.ExpectationByBatchedGram(instance);
}

/// <summary>The straightforward implementation: rebuild U diag(z) Vᵀ per mask (r = 16 only: r = 20 takes ~16× as long).</summary>
public class ExactExpectationRebuild
{
    private DropoutCase instance = null!;

    [Params(16)]
    public int R { get; set; }

    [GlobalSetup]
    public void Setup() => instance = Instances.Exact(R);

    [Benchmark(Description = "rebuild the product per mask")]
    public double Rebuild() => ReferenceImplementations.ExpectationByRebuilding(instance);

    [Benchmark(Baseline = true, Description = "Gray-code Gram walk (this project)")]
    public double GrayCodeGram() => MaskEnumeration.Expectation(instance);
}

/// <summary>Monte Carlo with 10⁵ masks at m = n = 256, r = 64, on each backend; the baseline rebuilds per sample (10³ samples).</summary>
public class MonteCarloEstimate
{
    private DropoutCase instance = null!;

    [Params("managed", "openblas")]
    public string Backend { get; set; } = "managed";

    [GlobalSetup]
    public void Setup()
    {
        instance = Instances.MonteCarlo();
        Numerics.Backend.Use(Numerics.Backend.Parse(Backend)!.Value);
    }

    [Benchmark(Baseline = true, Description = "batched Gram masks, 1e5 samples (this project)")]
    public double Batched() => MonteCarlo.Expectation(instance, seed: 3, maxSamples: 100_000, relativeWidth: 0).Estimate;

    [Benchmark(Description = "rebuild the product per sample, 1e3 samples (×100 for 1e5)")]
    public double Rebuild() => ReferenceImplementations.MonteCarloMeanByRebuilding(instance, seed: 3, samples: 1_000);
}

/// <summary>10⁴ small instances (4×4, r = 3) per call.</summary>
public class SmallInstances
{
    private DropoutBatch batch = null!;
    private DropoutCase[] cases = null!;

    [GlobalSetup]
    public void Setup()
    {
        batch = Instances.Small();
        cases = Enumerable.Range(0, batch.Count).Select(b => batch[b]).ToArray();
    }

    [Benchmark(Baseline = true, Description = "SIMD batch, 4 instances per vector (this project)")]
    public double[] Batch() => BatchEnumeration.Expectations(batch);

    [Benchmark(Description = "one instance at a time, Gram walk")]
    public double[] PerInstanceGram() => cases.Select(MaskEnumeration.Expectation).ToArray();

    [Benchmark(Description = "one instance at a time, rebuild the product per mask")]
    public double[] PerInstanceRebuild() => cases.Select(ReferenceImplementations.ExpectationByRebuilding).ToArray();
}

/// <summary>
/// The sawtooth m_k on [0, 1] in exact arithmetic: the generic composition m ∘ m_{k−1} and the k-layer network propagated
/// layer by layer, against a numpy user's floating-point sampling on 4·2^k grid points (right here only because every kink
/// is a dyadic grid point; it certifies nothing).
/// </summary>
public class SawtoothPieces
{
    [Params(16, 20)]
    public int K { get; set; }

    [Benchmark(Baseline = true, Description = "exact generic composition (this project)")]
    public int Composition() => Verification.Topics.Depth.Sawtooth.ByComposition(K).PieceCount;

    [Benchmark(Description = "exact layer propagation of the k-layer network (this project)")]
    public int Network() => Verification.Topics.Depth.Sawtooth.Network(K).ToPiecewiseLinear(Verification.Numerics.Rational.Zero, Verification.Numerics.Rational.One).PieceCount;

    [Benchmark(Description = "floating-point sampling, 4·2^k points (numpy-style, MathNet products)")]
    public int Sampled() => SampledPieces.Count(Verification.Topics.Depth.Sawtooth.Network(K), 0, 1, (4 << K) + 1);
}

/// <summary>a·b + c over 2^20 small rationals: this project's 64-bit rationals against the Fractions package (big integers).</summary>
public class RationalArithmetic
{
    private Verification.Numerics.Rational[] a = [], b = [];
    private Fractions.Fraction[] fa = [], fb = [];

    [GlobalSetup]
    public void Setup()
    {
        const int n = 1 << 20;
        a = Enumerable.Range(0, n).Select(i => Verification.Numerics.Rational.Of(i % 1000 - 500, 1 + i % 64)).ToArray();
        b = Enumerable.Range(0, n).Select(i => Verification.Numerics.Rational.Of(1 + i % 97, 1L << (i % 20))).ToArray();
        fa = a.Select(x => x.ToFraction()).ToArray();
        fb = b.Select(x => x.ToFraction()).ToArray();
    }

    [Benchmark(Baseline = true, Description = "Rational (this project)")]
    public Verification.Numerics.Rational Rationals()
    {
        var last = Verification.Numerics.Rational.Zero;
        for (var i = 0; i < a.Length; i++) last = a[i] * b[i] + a[(i + 1) & (a.Length - 1)];
        return last;
    }

    [Benchmark(Description = "Fractions.Fraction")]
    public Fractions.Fraction Fractions()
    {
        var last = global::Fractions.Fraction.Zero;
        for (var i = 0; i < fa.Length; i++) last = fa[i] * fb[i] + fa[(i + 1) & (fa.Length - 1)];
        return last;
    }
}
