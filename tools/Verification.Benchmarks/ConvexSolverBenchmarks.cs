using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reference;

namespace Verification.Benchmarks;

/// <summary>
/// min_X ℓ(Y, X) + λ‖X‖_* to a duality gap of 1e-10 (relative) at 200×200: this project's solver (restarted FISTA, the prox step's
/// free dual point, LAPACK's dgesdd through OpenBLAS; and on the managed backend), against the loop a numpy user writes
/// (FISTA, a full SVD per iteration and another for ‖G‖₂, the gap at every iteration), with MathNet's SVD as the brief asks,
/// and with LAPACK's dgesdd, which is what numpy.linalg.svd calls.
/// </summary>
public class ConvexSolver
{
    private Matrix<double> y = null!;
    private double lambda;
    private ConvexLoss loss = null!;

    [Params("squared", "logistic")]
    public string Loss { get; set; } = "squared";

    [GlobalSetup]
    public void Setup() => (y, lambda, loss) = ConvexInstances.Problem(Loss);

    [Benchmark(Baseline = true, Description = "restarted FISTA + SVT, LAPACK dgesdd (this project, OpenBLAS)")]
    public double ThisProjectOpenBlas()
    {
        Backend.Use(BackendKind.OpenBlas);
        return NuclearNormSolver.Solve(loss, y, lambda).Gap;
    }

    [Benchmark(Description = "restarted FISTA + SVT, MathNet SVD (this project, managed)")]
    public double ThisProjectManaged()
    {
        Backend.Use(BackendKind.Managed);
        return NuclearNormSolver.Solve(loss, y, lambda).Gap;
    }

    [Benchmark(Description = "numpy-style FISTA loop, MathNet SVD")]
    public double NumpyStyleManaged()
    {
        var r = NumpyStyleSolver.Solve(y, lambda, Loss, 1e-10);
        return r.Primal - r.Dual;
    }

    [Benchmark(Description = "numpy-style FISTA loop, LAPACK dgesdd (as numpy.linalg.svd)")]
    public double NumpyStyleLapack()
    {
        Backend.Use(BackendKind.OpenBlas);
        var r = NumpyStyleSolver.Solve(y, lambda, Loss, 1e-10, lapack: true);
        return r.Primal - r.Dual;
    }
}
