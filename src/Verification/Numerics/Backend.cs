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
/// The numerical backend of the hot paths' matrix products (and of large SVDs): Debian's OpenBLAS (libopenblas0) called
/// through the project's own P/Invoke declarations of cblas_dgemm and LAPACK's dgesdd, detected at run time, or MathNet's
/// managed product and SVD.
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

    private static readonly Lazy<bool> LapackProbe = new(() =>
        NativeLibrary.TryLoad(Library, out var handle) && NativeLibrary.TryGetExport(handle, "dgesdd_", out _)
        && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out _) && NativeLibrary.TryGetExport(handle, "openblas_get_num_threads", out _));

    /// <summary>True when the active backend is OpenBLAS and its LAPACK (dgesdd) loads: large SVDs then go to <see cref="NativeSvd"/>.</summary>
    public static bool HasNativeSvd => UsesOpenBlas && LapackProbe.Value;

    /// <summary>
    /// The thin SVD A = U·diag(S)·VT of an m×n matrix (k = min(m, n): U is m×k, VT is k×n) by LAPACK's dgesdd in OpenBLAS,
    /// with one OpenBLAS thread for the call (threaded LAPACK on a loaded 2-core machine was seen to run 10× slower); or, with
    /// <paramref name="vectors"/> false, the singular values only (U and VT are then 0×0). Only when <see cref="HasNativeSvd"/>; non-convergence throws <see cref="LimitExceededException"/>.
    /// </summary>
    public static (double[] S, Matrix<double> U, Matrix<double> VT) NativeSvd(Matrix<double> a, bool vectors)
    {
        if (!HasNativeSvd) throw new InvalidOperationException("the native SVD needs the OpenBLAS backend with its LAPACK");
        int m = a.RowCount, n = a.ColumnCount, k = Math.Min(m, n);
        var values = a.ToColumnMajorArray();
        var s = new double[k];
        var u = new DenseMatrix(vectors ? m : 0, vectors ? k : 0);
        var vt = new DenseMatrix(vectors ? k : 0, vectors ? n : 0);
        if (k == 0) return (s, u, vt);
        var jobz = vectors ? (byte)'S' : (byte)'N';
        int lda = Math.Max(1, m), ldu = Math.Max(1, m), ldvt = Math.Max(1, k), info = 0, query = -1;
        var uValues = vectors ? u.Values : new double[1];
        var vtValues = vectors ? vt.Values : new double[1];
        var iwork = new int[8 * k];
        var size = new double[1];
        lock (NativeGate)
        {
            var threads = Native.openblas_get_num_threads();
            Native.openblas_set_num_threads(1);
            try
            {
                Native.dgesdd_(ref jobz, ref m, ref n, values, ref lda, s, uValues, ref ldu, vtValues, ref ldvt, size, ref query, iwork, ref info);
                var lwork = Math.Max(1, (int)size[0]);
                var work = new double[lwork];
                Native.dgesdd_(ref jobz, ref m, ref n, values, ref lda, s, uValues, ref ldu, vtValues, ref ldvt, work, ref lwork, iwork, ref info);
            }
            finally
            {
                Native.openblas_set_num_threads(threads);
            }
        }
        if (info > 0) throw new LimitExceededException($"LAPACK dgesdd did not converge on a {m}×{n} matrix (info = {info})");
        if (info < 0) throw new ArgumentException($"LAPACK dgesdd rejected argument {-info}");
        return (s, u, vt);
    }

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

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void dgesdd_(ref byte jobz, ref int m, ref int n, double[] a, ref int lda, double[] s, double[] u, ref int ldu,
            double[] vt, ref int ldvt, double[] work, ref int lwork, int[] iwork, ref int info);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int openblas_get_num_threads();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void openblas_set_num_threads(int threads);
    }
}
