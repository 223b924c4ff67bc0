using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>
/// The risk R = tr Σ_yy − 2⟨P, Σ_yx⟩ + ⟨PΣ_xx, P⟩ of a chain of layers and its gradient A_kᵀ G B_kᵀ, in double precision on a flat
/// parameter vector (layer by layer from W₁, rows first, as <see cref="DeepLinearRisk.Flatten{T}"/>), with buffers allocated once:
/// the hot path of local descent. The generic <see cref="DeepLinearRisk"/> is the reference it is tested against.
/// </summary>
public sealed class DeepRiskKernel
{
    private readonly int[] widths;
    private readonly int[] offsets;
    private readonly double[,] sxx;
    private readonly double[,] syx;
    private readonly double traceYY;
    private readonly double[][] below;  // B_k = W_{k−1}⋯W₁ (n_k × n₀), B₀ = I (not stored)
    private readonly double[][] above;  // A_k = W_L⋯W_{k+1} (n_L × n_{k+1}), A_{L−1} = I (not stored)
    private readonly double[] g;        // G = 2(PΣ_xx − Σ_yx), n_L × n₀
    private readonly double[] t;        // G B_kᵀ, n_L × n_k

    public DeepRiskKernel(SecondMoments s, IReadOnlyList<int> widths)
    {
        if (widths.Count < 2 || widths[0] != s.InputDimension || widths[^1] != s.OutputDimension)
            throw new ArgumentException("the widths must run from the input dimension to the output dimension");
        this.widths = widths.ToArray();
        var layers = widths.Count - 1;
        offsets = new int[layers + 1];
        for (var k = 0; k < layers; k++) offsets[k + 1] = offsets[k] + widths[k + 1] * widths[k];
        sxx = ToArray(s.Sxx.ToDouble());
        syx = ToArray(s.Syx.ToDouble());
        traceYY = Exact.ToDouble(s.Syy.Trace());
        below = Enumerable.Range(0, layers + 1).Select(k => new double[widths[k] * widths[0]]).ToArray();
        above = Enumerable.Range(0, layers).Select(k => new double[widths[^1] * widths[k + 1]]).ToArray();
        g = new double[widths[^1] * widths[0]];
        t = new double[widths[^1] * widths.Max()];
    }

    public int ParameterCount => offsets[^1];

    private static double[,] ToArray(MathNet.Numerics.LinearAlgebra.Matrix<double> m) => m.ToArray();

    /// <summary>R at θ; writes ∇R into <paramref name="gradient"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var layers = widths.Length - 1;
        int n0 = widths[0], nl = widths[^1];
        // B₁ = W₁, B_{k+1} = W_k B_k.
        for (var k = 0; k < layers; k++)
        {
            var w = theta.Slice(offsets[k], widths[k + 1] * widths[k]);
            var target = below[k + 1];
            if (k == 0) w.CopyTo(target);
            else Multiply(w, widths[k + 1], widths[k], below[k], n0, target);
        }
        var p = below[layers];
        // A_{L−1} = I, A_{k−1} = A_k W_k.
        for (var k = layers - 1; k >= 1; k--)
        {
            var w = theta.Slice(offsets[k], widths[k + 1] * widths[k]);
            if (k == layers - 1) w.CopyTo(above[k - 1]);
            else Multiply(above[k], nl, widths[k + 1], w, widths[k], above[k - 1]);
        }
        double cross = 0, quadratic = 0;
        for (var i = 0; i < nl; i++)
            for (var j = 0; j < n0; j++)
            {
                double ps = 0;
                for (var l = 0; l < n0; l++) ps += p[i * n0 + l] * sxx[l, j];
                cross += p[i * n0 + j] * syx[i, j];
                quadratic += ps * p[i * n0 + j];
                g[i * n0 + j] = 2 * (ps - syx[i, j]);
            }
        for (var k = 0; k < layers; k++)
        {
            int rows = widths[k + 1], columns = widths[k];
            // T = G B_kᵀ (n_L × n_k); B₀ = I.
            for (var i = 0; i < nl; i++)
                for (var j = 0; j < columns; j++)
                {
                    double sum;
                    if (k == 0) sum = g[i * n0 + j];
                    else
                    {
                        sum = 0;
                        for (var l = 0; l < n0; l++) sum += g[i * n0 + l] * below[k][j * n0 + l];
                    }
                    t[i * columns + j] = sum;
                }
            // ∇_k = A_kᵀ T (n_{k+1} × n_k); A_{L−1} = I.
            var grad = gradient.Slice(offsets[k], rows * columns);
            for (var a = 0; a < rows; a++)
                for (var b = 0; b < columns; b++)
                {
                    double sum;
                    if (k == layers - 1) sum = t[a * columns + b];
                    else
                    {
                        sum = 0;
                        for (var l = 0; l < nl; l++) sum += above[k][l * rows + a] * t[l * columns + b];
                    }
                    grad[a * columns + b] = sum;
                }
        }
        return traceYY - 2 * cross + quadratic;
    }

    /// <summary>C = A·B for row-major A (m×n) and B (n×q).</summary>
    private static void Multiply(ReadOnlySpan<double> a, int m, int n, ReadOnlySpan<double> b, int q, Span<double> c)
    {
        for (var i = 0; i < m; i++)
            for (var j = 0; j < q; j++)
            {
                double sum = 0;
                for (var l = 0; l < n; l++) sum += a[i * n + l] * b[l * q + j];
                c[i * q + j] = sum;
            }
    }
}
