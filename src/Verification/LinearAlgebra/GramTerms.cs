using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

namespace Verification.LinearAlgebra;

/// <summary>
/// What the loss ‖Y − θ⁻¹ Σ_{k∈z} C_k‖_F² of every mask z depends on, for masked contributions C_k (units of dropout, blocks
/// of DropBlock, entries of DropConnect): ‖Y‖², the linear terms a_k = ⟨Y, C_k⟩, and the Gram matrix G_kl = ⟨C_k, C_l⟩
/// (row-major, width × width). The loss of a mask is ‖Y‖² − (2/θ) Σ_{k∈z} a_k + θ⁻² Σ_{k,l∈z} G_kl, so one Gray-code walk
/// (<see cref="GrayCodeEnumeration"/>) serves every masking scheme once its contributions are described this way.
/// </summary>
public sealed record GramTerms(double TargetNormSquared, double[] Alignment, double[] Gram, int Width)
{
    /// <summary>
    /// Rank-one contributions C_k = u_k w_kᵀ (the columns of U, m×d, and W, N×d) against Y (m×N): a_k = u_kᵀ Y w_k and
    /// G_kl = (u_kᵀu_l)(w_kᵀw_l). Costs O((m + N) d² + m N d).
    /// </summary>
    public static GramTerms OfUnits(Matrix<double> y, Matrix<double> u, Matrix<double> w)
    {
        var r = u.ColumnCount;
        var uu = Backend.Multiply(u, u, transposeA: true);
        var ww = Backend.Multiply(w, w, transposeA: true);
        var yw = Backend.Multiply(y, w); // m×d: column k is Y w_k
        var a = new double[r];
        for (var k = 0; k < r; k++) a[k] = u.Column(k).DotProduct(yw.Column(k));
        var g = new double[r * r];
        for (var k = 0; k < r; k++)
            for (var l = 0; l < r; l++) g[k * r + l] = uu[k, l] * ww[k, l];
        var y2 = 0.0;
        foreach (var x in y.Enumerate()) y2 += x * x;
        return new GramTerms(y2, a, g, r);
    }

    /// <summary>
    /// The terms of consecutive groups of <paramref name="blockSize"/> units masked together (DropBlock's diag(w) ⊗ I_b): the
    /// contribution of a block is the sum of its units', so a_g = Σ_{k∈g} a_k and G_gh = Σ_{k∈g, l∈h} G_kl.
    /// </summary>
    public GramTerms Aggregate(int blockSize)
    {
        if (blockSize < 1 || Width % blockSize != 0)
            throw new ArgumentException($"block size b = {blockSize} does not divide the width {Width}");
        var r = Width / blockSize;
        var a = new double[r];
        var g = new double[r * r];
        for (var k = 0; k < Width; k++)
        {
            a[k / blockSize] += Alignment[k];
            for (var l = 0; l < Width; l++) g[k / blockSize * r + l / blockSize] += Gram[k * Width + l];
        }
        return new GramTerms(TargetNormSquared, a, g, r);
    }

    /// <summary>The terms of the given contributions only, with the target left out (‖Y‖² = 0): one component of the mask.</summary>
    public GramTerms Restrict(IReadOnlyList<int> units)
    {
        var r = units.Count;
        var a = units.Select(k => Alignment[k]).ToArray();
        var g = new double[r * r];
        for (var i = 0; i < r; i++)
            for (var j = 0; j < r; j++) g[i * r + j] = Gram[units[i] * Width + units[j]];
        return new GramTerms(0, a, g, r);
    }

    /// <summary>
    /// The groups of contributions that interact: connected components of the graph with an edge k–l where G_kl ≠ 0 (exactly).
    /// Masks of different components never meet in the loss, so the expectation is ‖Y‖² plus one expectation per component.
    /// Contributions whose terms are all zero (a zero contribution) belong to no component.
    /// </summary>
    public IReadOnlyList<int[]> Components()
    {
        var parent = Enumerable.Range(0, Width).ToArray();
        int Find(int k) => parent[k] == k ? k : parent[k] = Find(parent[k]);
        var active = new bool[Width];
        for (var k = 0; k < Width; k++)
        {
            active[k] |= Alignment[k] != 0 || Gram[k * Width + k] != 0;
            for (var l = k + 1; l < Width; l++)
                if (Gram[k * Width + l] != 0 || Gram[l * Width + k] != 0)
                {
                    parent[Find(k)] = Find(l);
                    active[k] = active[l] = true;
                }
        }
        return Enumerable.Range(0, Width).Where(k => active[k]).GroupBy(Find).Select(g => g.ToArray()).ToArray();
    }
}
