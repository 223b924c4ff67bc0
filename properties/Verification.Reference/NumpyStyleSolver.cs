using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Reference;

/// <summary>The result of <see cref="NumpyStyleSolver.Solve"/>: X, the primal and dual values at the stop, and the iterations.</summary>
public sealed record NumpyStyleResult(Matrix<double> X, double Primal, double Dual, int Iterations);

/// <summary>
/// min_X ℓ(Y, X) + λ‖X‖_* the way a numpy user writes it: FISTA with step 1/L, a full SVD of the prox argument per iteration
/// (np.linalg.svd), the duality gap at every iteration with the spectral norm from another SVD (np.linalg.norm(G, 2)), no
/// restart and no reuse of spectra. The losses are written out here, independently of the library's
/// <c>ConvexLoss</c>: "squared" ½‖Y − X‖², "logistic" Σ log(1 + e^{−Y∘X}) (Y = ±1), "huber" with δ = 1.
/// </summary>
public static class NumpyStyleSolver
{
    /// <param name="lapack">true: the SVDs call LAPACK's dgesdd through the OpenBLAS backend, as numpy's do (the same loop, only
    /// the SVD changes); false: MathNet's managed SVD.</param>
    public static NumpyStyleResult Solve(Matrix<double> y, double lambda, string loss, double relativeGap = 1e-10, int maxIterations = 100_000, bool lapack = false)
    {
        var lipschitz = loss == "logistic" ? 0.25 : 1.0;
        var x = Matrix<double>.Build.Dense(y.RowCount, y.ColumnCount);
        var z = x.Clone();
        var t = 1.0;
        double primal = double.NaN, dual = double.NaN;
        for (var k = 1; k <= maxIterations; k++)
        {
            var (sigma, u, vt) = Svd(z - Gradient(loss, y, z) / lipschitz, true, lapack);
            var s = Vector<double>.Build.DenseOfArray(sigma).Map(v => Math.Max(v - lambda / lipschitz, 0));
            var next = Product(Product(u.SubMatrix(0, y.RowCount, 0, s.Count), Matrix<double>.Build.DiagonalOfDiagonalVector(s), lapack), vt.SubMatrix(0, s.Count, 0, y.ColumnCount), lapack);
            primal = Value(loss, y, next) + lambda * s.Sum();
            var g = -Gradient(loss, y, next);
            var norm = Svd(g, false, lapack).S[0];
            if (norm > lambda) g *= lambda / norm;
            dual = Dual(loss, y, g);
            if (primal - dual <= relativeGap * Math.Max(Math.Abs(primal), Math.Abs(dual))) return new NumpyStyleResult(next, primal, dual, k);
            var tNext = (1 + Math.Sqrt(1 + 4 * t * t)) / 2;
            z = next + (t - 1) / tNext * (next - x);
            x = next;
            t = tNext;
        }
        return new NumpyStyleResult(x, primal, dual, maxIterations);
    }

    private static (double[] S, Matrix<double> U, Matrix<double> VT) Svd(Matrix<double> a, bool vectors, bool lapack)
    {
        if (lapack) return Numerics.Backend.NativeSvd(a, vectors);
        // np.linalg.svd's counterpart: MathNet's SVD, through the library's one guarded call.
        var svd = Verification.LinearAlgebra.Svd.Of(a, vectors);
        return (svd.S.ToArray(), vectors ? svd.U : a, vectors ? svd.VT : a);
    }

    private static Matrix<double> Product(Matrix<double> a, Matrix<double> b, bool lapack) => lapack ? Numerics.Backend.Multiply(a, b) : a * b;

    public static double Value(string loss, Matrix<double> y, Matrix<double> x) => loss switch
    {
        "squared" => 0.5 * Math.Pow((y - x).FrobeniusNorm(), 2),
        "logistic" => y.PointwiseMultiply(x).Map(m => Math.Log(1 + Math.Exp(-m))).Enumerate().Sum(),
        "huber" => (x - y).Map(r => Math.Abs(r) <= 1 ? r * r / 2 : Math.Abs(r) - 0.5).Enumerate().Sum(),
        _ => throw new ArgumentException(loss),
    };

    public static Matrix<double> Gradient(string loss, Matrix<double> y, Matrix<double> x) => loss switch
    {
        "squared" => x - y,
        "logistic" => -y.PointwiseMultiply(y.PointwiseMultiply(x).Map(m => 1 / (1 + Math.Exp(m)))),
        "huber" => (x - y).Map(r => Math.Clamp(r, -1, 1)),
        _ => throw new ArgumentException(loss),
    };

    public static double Dual(string loss, Matrix<double> y, Matrix<double> g) => loss switch
    {
        "squared" or "huber" => g.PointwiseMultiply(y).Enumerate().Sum() - 0.5 * Math.Pow(g.FrobeniusNorm(), 2),
        "logistic" => y.PointwiseMultiply(g).Map(p => (p > 0 ? -p * Math.Log(p) : 0) + (p < 1 ? -(1 - p) * Math.Log(1 - p) : 0)).Enumerate().Sum(),
        _ => throw new ArgumentException(loss),
    };
}

/// <summary>
/// The benchmark problems of the convex solver (the benchmarks and the accuracy tests solve the same ones): 200×200, Y = a rank-10 matrix plus
/// Gaussian noise of standard deviation 1/2 (seed 11), for the squared loss; its signs for the logistic loss; λ = λ_c/2 with
/// λ_c = ‖∇ℓ(Y, 0)‖₂ (X* = 0 from λ_c on), so the minimizer has rank about 40 to 60. Target: duality gap 1e-10 relative.
/// </summary>
public static class ConvexInstances
{
    public const int Size = 200;

    public static (Matrix<double> Y, double Lambda, ConvexLoss Loss) Problem(string loss)
    {
        var rng = new SplitMix64(11);
        Matrix<double> Gaussian(int a, int b) => Matrix<double>.Build.Dense(a, b, (_, _) => rng.NextGaussian());
        var y = Gaussian(Size, 10) * Gaussian(Size, 10).Transpose() / Math.Sqrt(Size) + 0.5 * Gaussian(Size, Size);
        var l = ConvexLoss.Named(loss);
        if (l is LogisticLoss) y = y.Map(e => e >= 0 ? 1.0 : -1.0);
        var critical = ThinSvd.Managed(l.Gradient(y, Matrix<double>.Build.Dense(Size, Size)), vectors: false).Spectral;
        return (y, critical / 2, l);
    }
}

