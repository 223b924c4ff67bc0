using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.Dropout;

/// <summary>
/// What the dropout loss of every mask depends on: ‖Y‖², the alignments a_k = u_kᵀ Y v_k = ⟨Y, u_k v_kᵀ⟩, and the Gram
/// terms G_kl = (u_kᵀu_l)(v_kᵀv_l) (row-major r×r). Computing them costs O((m + n) r² + m n r) once.
/// </summary>
public sealed record GramTerms(double TargetNormSquared, double[] Alignment, double[] Gram, int Width)
{
    public static GramTerms Of(DropoutCase c)
    {
        var r = c.Width;
        var uu = Backend.Multiply(c.U, c.U, transposeA: true);
        var vv = Backend.Multiply(c.V, c.V, transposeA: true);
        var yv = Backend.Multiply(c.Y, c.V); // m×r: column k is Y v_k
        var a = new double[r];
        for (var k = 0; k < r; k++) a[k] = c.U.Column(k).DotProduct(yv.Column(k));
        var g = new double[r * r];
        for (var k = 0; k < r; k++)
            for (var l = 0; l < r; l++) g[k * r + l] = uu[k, l] * vv[k, l];
        var y2 = 0.0;
        foreach (var x in c.Y.Enumerate()) y2 += x * x;
        return new GramTerms(y2, a, g, r);
    }
}
