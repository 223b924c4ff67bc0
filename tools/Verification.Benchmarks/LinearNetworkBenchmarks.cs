using BenchmarkDotNet.Attributes;
using Fractions;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Topics.LinearNetworks;

namespace Verification.Benchmarks;

/// <summary>
/// The Hessian's inertia at the Baldi–Hornik minimum of a Cayley-rotated rational instance (n₀ = n_L = n, n₁ = ⌊n/2⌋, so
/// n₁(n₀ + n_L) parameters): exact LDLᵀ against what a numpy user would do, the Hessian in double and a symmetric
/// eigensolver (fast, but it cannot tell the n₁² exactly-zero gauge eigenvalues from rounding).
/// </summary>
public class LinearExactInertia
{
    private SecondMoments moments = null!;
    private ShallowCriticalPoint point = null!;

    [Params(4, 5, 6, 7, 8)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var problem = BenchmarkInstances.BaldiHornik(N, [N / 2]);
        moments = problem.Moments;
        var spectrum = BaldiHornik.TryExactSpectrum(moments, problem.Eigenvectors)!;
        point = BaldiHornik.CriticalPoint(moments, spectrum, Enumerable.Range(0, N / 2).ToArray());
    }

    [Benchmark(Baseline = true, Description = "exact Hessian + fraction-free LDLᵀ (this project)")]
    public Inertia Exact() => ExactLdlt.InertiaOf(DeepLinearRisk.Hessian(moments.Exact(), point.Layers).ToExact());

    [Benchmark(Description = "Hessian in double + symmetric eigensolver (numpy-style)")]
    public double[] Floating() =>
        SymmetricSpectrum.Eigenvalues(DeepLinearRisk.Hessian(moments.Floating(), point.Layers.Select(l => FieldMatrices.Of(l.ToDouble())).ToArray()).ToDouble());
}

/// <summary>linear.critical-points on one instance: every index set, with its exact inertia (C(n, ⌊n/2⌋) Hessians).</summary>
public class LinearCriticalPoints
{
    private LinearProblem problem = null!;

    [Params(4, 5, 6)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => problem = BenchmarkInstances.BaldiHornik(N, [N / 2]);

    [Benchmark(Description = "every critical point decided exactly")]
    public bool Check() => LinearClaims.CheckCriticalPoints(problem).Holds;
}
