using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Topics.DropBlock;
using Verification.Topics.DropConnect;

namespace Verification.Reference;

/// <summary>
/// The straightforward DropBlock and DropConnect expectations the fast paths are checked and measured against: rebuild the masked
/// product for every mask, and a numpy user's batched Gram trick. They share nothing with the kernels beyond MathNet's products.
/// </summary>
public static class DropBlockReference
{
    /// <summary>E_w ‖Y − θ⁻¹U(diag(w) ⊗ I_b)VᵀX‖² by rebuilding the product for every block mask.</summary>
    public static double ExpectationByRebuilding(DropBlockCase c)
    {
        var (r, b) = (c.Blocks, c.BlockSize);
        GrayCodeEnumeration.CheckWidth(r);
        var vtx = c.V.Transpose() * c.Data;
        var total = 0.0;
        for (long mask = 0; mask < 1L << r; mask++)
        {
            var weight = 1.0;
            for (var g = 0; g < r; g++) weight *= ((mask >> g) & 1) == 1 ? c.Theta : 1 - c.Theta;
            if (weight == 0) continue;
            var keep = Matrix<double>.Build.Diagonal(c.Width, c.Width, k => ((mask >> (k / b)) & 1) == 1 ? 1.0 : 0.0);
            total += weight * Norms.FrobeniusSquared(c.Y - c.U * keep * vtx / c.Theta);
        }
        return total;
    }

    /// <summary>
    /// A numpy user's Gram trick: the block Gram matrix from einsum-like products (G_unit = (UᵀU) ∘ (WᵀW), summed over b×b
    /// blocks), then all 2^r masks in batches of 4096 with the quadratic forms from one product (Z G) ∘ Z.
    /// </summary>
    public static double ExpectationByBatchedGram(DropBlockCase c, int batch = 4096)
    {
        var (r, b) = (c.Blocks, c.BlockSize);
        GrayCodeEnumeration.CheckWidth(r);
        var w = c.X is null ? c.V : c.X.TransposeThisAndMultiply(c.V);
        var unit = (c.U.TransposeThisAndMultiply(c.U)).PointwiseMultiply(w.TransposeThisAndMultiply(w));
        var sum = Matrix<double>.Build.Dense(c.Width, r, (k, g) => k / b == g ? 1.0 : 0.0); // d×r block indicator
        var g = sum.TransposeThisAndMultiply(unit) * sum;
        var a = sum.TransposeThisAndMultiply((c.U.TransposeThisAndMultiply(c.Y) * w).Diagonal().ToColumnMatrix()).Column(0);
        var y2 = Norms.FrobeniusSquared(c.Y);
        var total = 0.0;
        var masks = 1L << r;
        for (long start = 0; start < masks; start += batch)
        {
            var count = (int)Math.Min(batch, masks - start);
            var z = Matrix<double>.Build.Dense(count, r, (i, k) => (((start + i) >> k) & 1) == 1 ? 1.0 : 0.0);
            var quadratic = (z * g).PointwiseMultiply(z).RowSums();
            var linear = z * a;
            for (var i = 0; i < count; i++)
            {
                var ones = System.Numerics.BitOperations.PopCount((ulong)(start + i));
                var weight = Math.Pow(c.Theta, ones) * Math.Pow(1 - c.Theta, r - ones);
                total += weight * (y2 - 2 / c.Theta * linear[i] + quadratic[i] / (c.Theta * c.Theta));
            }
        }
        return total;
    }

    /// <summary>E_M ‖Y − θ⁻¹(M ∘ U)VᵀX‖² (or with M ∘ V) by rebuilding the product for every one of the 2^{entries} masks.</summary>
    public static double DropConnectByRebuilding(DropConnectCase c, Layer layer)
    {
        var masked = layer == Layer.Output ? c.U : c.V;
        var entries = masked.RowCount * masked.ColumnCount;
        if (entries > 20) throw new EnumerationLimitException($"{entries} entries: 2^{entries} masks is too many for the reference");
        var total = 0.0;
        for (long mask = 0; mask < 1L << entries; mask++)
        {
            var m = Matrix<double>.Build.Dense(masked.RowCount, masked.ColumnCount, (i, j) => ((mask >> (i * masked.ColumnCount + j)) & 1) == 1 ? 1.0 : 0.0);
            var ones = System.Numerics.BitOperations.PopCount((ulong)mask);
            var weight = Math.Pow(c.Theta, ones) * Math.Pow(1 - c.Theta, entries - ones);
            if (weight == 0) continue;
            var u = layer == Layer.Output ? c.U.PointwiseMultiply(m) / c.Theta : c.U;
            var v = layer == Layer.Input ? c.V.PointwiseMultiply(m) / c.Theta : c.V;
            total += weight * Norms.FrobeniusSquared(c.Y - u * v.Transpose() * (c.X ?? Matrix<double>.Build.DenseIdentity(c.V.RowCount)));
        }
        return total;
    }
}
