using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Verification.Numerics;

public enum BackendKind
{
    /// <summary>OpenBLAS when the native library loads, else managed.</summary>
    Auto,
    Managed,
    OpenBlas,
}

/// <summary>
/// The numerical backend of the hot paths' matrix products: Debian's OpenBLAS (libopenblas0) called through the
/// project's own P/Invoke declaration of cblas_dgemm, detected at run time, or MathNet's managed product.
/// The environment variable VERIFICATION_BACKEND (auto, managed, openblas) sets the default; the CLI's --backend
/// overrides it.
/// </summary>
public static class Backend
{
    private const string Library = "libopenblas.so.0";
    private static readonly Lazy<bool> Probe = new(ProbeOpenBlas);
    private static BackendKind requested = Parse(Environment.GetEnvironmentVariable("VERIFICATION_BACKEND")) ?? BackendKind.Auto;

    public static bool OpenBlasAvailable => Probe.Value;

    /// <summary>The backend asked for. Asking for OpenBLAS where it does not load is an error (see <see cref="Use"/>).</summary>
    public static BackendKind Requested => requested;

    /// <summary>The backend that runs: "openblas" or "managed".</summary>
    public static string Active => UsesOpenBlas ? "openblas" : "managed";

    private static bool UsesOpenBlas => requested switch
    {
        BackendKind.Managed => false,
        BackendKind.OpenBlas => true,
        _ => OpenBlasAvailable,
    };

    public static void Use(BackendKind kind)
    {
        if (kind == BackendKind.OpenBlas && !OpenBlasAvailable)
            throw new InvalidOperationException($"the OpenBLAS backend was requested but {Library} does not load here (install Debian's libopenblas0, or use --backend managed)");
        requested = kind;
    }

    public static BackendKind? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "auto" => BackendKind.Auto,
        "managed" => BackendKind.Managed,
        "openblas" => BackendKind.OpenBlas,
        _ => null,
    };

    /// <summary>op(A)·op(B) for dense matrices, op = transpose when asked.</summary>
    public static Matrix<double> Multiply(Matrix<double> a, Matrix<double> b, bool transposeA = false, bool transposeB = false)
    {
        var m = transposeA ? a.ColumnCount : a.RowCount;
        var k = transposeA ? a.RowCount : a.ColumnCount;
        var kb = transposeB ? b.ColumnCount : b.RowCount;
        var n = transposeB ? b.RowCount : b.ColumnCount;
        if (k != kb) throw new ArgumentException($"inner dimensions differ: {k} and {kb}");
        if (!UsesOpenBlas || m == 0 || n == 0 || k == 0)
        {
            var left = transposeA ? a.Transpose() : a;
            var right = transposeB ? b.Transpose() : b;
            return left * right;
        }
        var av = Dense(a);
        var bv = Dense(b);
        var c = new DenseMatrix(m, n);
        // One native product at a time: OpenBLAS threads each call itself, and concurrent calls into Debian's
        // pthread build from several .NET threads (parallel tests, parallel claims) were seen to spin forever.
        lock (NativeGate)
            Native.cblas_dgemm(ColumnMajor, transposeA ? Transposed : NotTransposed, transposeB ? Transposed : NotTransposed,
            m, n, k, 1.0, av, a.RowCount, bv, b.RowCount, 0.0, c.Values, m);
        return c;
    }

    private static readonly object NativeGate = new();

    private static double[] Dense(Matrix<double> x) => x is DenseMatrix d ? d.Values : x.ToColumnMajorArray();

    private const int ColumnMajor = 102;
    private const int NotTransposed = 111;
    private const int Transposed = 112;

    private static bool ProbeOpenBlas()
    {
        if (!NativeLibrary.TryLoad(Library, out var handle)) return false;
        return NativeLibrary.TryGetExport(handle, "cblas_dgemm", out _);
    }

    private static class Native
    {
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cblas_dgemm(int order, int transA, int transB, int m, int n, int k,
            double alpha, double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc);
    }
}
