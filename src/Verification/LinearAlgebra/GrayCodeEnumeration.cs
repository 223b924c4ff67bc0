using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Verification.Numerics;

namespace Verification.LinearAlgebra;

/// <summary>
/// The exact expectation over all 2^r masks of a loss described by <see cref="GramTerms"/>, weighted θ^{|z|}(1 − θ)^{r−|z|}, in
/// floating point. The loss of a mask is ‖Y‖² − (2/θ) Σ_{k∈z} a_k + θ⁻² Σ_{k,l∈z} G_kl. Masks are visited in Gray-code order,
/// so one contribution flips per mask and the loss is updated in O(r) through s_k = Σ_{l∈z} G_kl (a vector update). Losses are
/// summed per popcount and weighted once at the end. The walk is split into fixed mask ranges run in parallel and combined in
/// a fixed order, so the result does not depend on the number of cores; every range re-forms its state from scratch every
/// <see cref="RefreshInterval"/> masks so that rounding does not drift along the walk. Dropout (units), dropout with data,
/// DropBlock (blocks) and DropConnect (entries, one walk per interacting component) all use this walk.
/// </summary>
public static class GrayCodeEnumeration
{
    /// <summary>The largest width enumerated; beyond it use the Monte Carlo estimate.</summary>
    public const int MaxWidth = 28;

    public const int RefreshInterval = 256;

    private const int ChunkCount = 64;

    public static void CheckWidth(int r)
    {
        if (r > MaxWidth)
            throw new EnumerationLimitException(
                $"width r = {r} is above the exact enumeration limit r ≤ {MaxWidth} (2^{r} masks); use the Monte Carlo estimate (--monte-carlo) instead");
    }

    /// <summary>
    /// The longest chain of rounded operations behind one enumerated value: forming a term (<paramref name="formation"/>
    /// operations), a state re-formation (r), up to <see cref="RefreshInterval"/> updates, the loss and the weighting (a few more).
    /// </summary>
    public static int Chain(int formation, int r) => formation + 2 * r + RefreshInterval + 16;

    /// <summary>E_z ‖Y − θ⁻¹ Σ_{k∈z} C_k‖² for z_k i.i.d. Bernoulli(θ), from the terms of the contributions (all 2^width masks).</summary>
    public static double Expectation(GramTerms g, double theta)
    {
        var r = g.Width;
        CheckWidth(r);
        var walk = new Walk(g);
        var total = 1L << r;
        var chunks = r >= 14 ? ChunkCount : 1;
        var partial = new (double[] Linear, double[] Quadratic)[chunks];
        if (chunks == 1) partial[0] = walk.Run(0, total);
        else Parallel.For(0, chunks, chunk => partial[chunk] = walk.Run(total * chunk / chunks, total * (chunk + 1) / chunks));

        // Fixed combination order: the result does not depend on the number of cores.
        var linear = new double[r + 1];
        var quadratic = new double[r + 1];
        for (var chunk = 0; chunk < chunks; chunk++)
            for (var k = 0; k <= r; k++)
            {
                linear[k] += partial[chunk].Linear[k];
                quadratic[k] += partial[chunk].Quadratic[k];
            }
        var inverseTheta = 1 / theta;
        var e = 0.0;
        var binomial = 1.0;
        for (var k = 0; k <= r; k++)
        {
            // Σ over the C(r, k) masks with k units kept of ‖Y‖² − (2/θ) Σ a + θ⁻² Σ G.
            var sum = binomial * g.TargetNormSquared - 2 * inverseTheta * linear[k] + inverseTheta * inverseTheta * quadratic[k];
            e += Math.Pow(theta, k) * Math.Pow(1 - theta, r - k) * sum;
            binomial = binomial * (r - k) / (k + 1);
        }
        return e;
    }

    /// <summary>
    /// The Gray-code walk over a range of masks. Per mask: one flipped unit k, s ← s ± G_k (a vector update of length r),
    /// Σ a and Σ G updated by scalars, and both added to the bucket of the mask's popcount. Buckets are plain sums over
    /// one refresh block, folded into Neumaier-compensated totals at the end of the block.
    /// </summary>
    private sealed class Walk
    {
        private readonly int r;
        private readonly int stride;
        private readonly double[] gram; // row-major r × stride, zero-padded to a multiple of the vector width
        private readonly double[] alignment;

        public Walk(GramTerms g)
        {
            r = g.Width;
            stride = (r + 3) & ~3;
            gram = new double[Math.Max(1, r) * stride];
            for (var k = 0; k < r; k++)
                Array.Copy(g.Gram, k * r, gram, k * stride, r);
            alignment = g.Alignment;
        }

        public (double[] Linear, double[] Quadratic) Run(long from, long to)
        {
            var s = new double[stride];
            var blockLinear = new double[r + 1];
            var blockQuadratic = new double[r + 1];
            var linearTotal = new double[r + 1];
            var linearCompensation = new double[r + 1];
            var quadraticTotal = new double[r + 1];
            var quadraticCompensation = new double[r + 1];
            for (var block = from; block < to; block += RefreshInterval)
            {
                var end = Math.Min(block + RefreshInterval, to);
                var gray = block ^ (block >> 1);
                var (linear, quadratic) = Form(gray, s);
                var count = BitOperations.PopCount((ulong)gray);
                blockLinear[count] += linear;
                blockQuadratic[count] += quadratic;
                for (var step = block + 1; step < end; step++)
                {
                    var k = BitOperations.TrailingZeroCount(step);
                    gray ^= 1L << k;
                    var diagonal = gram[k * stride + k];
                    if (((gray >> k) & 1) == 1)
                    {
                        quadratic += 2 * s[k] + diagonal;
                        linear += alignment[k];
                        AddRow(s, k, 1);
                        count++;
                    }
                    else
                    {
                        quadratic += diagonal - 2 * s[k];
                        linear -= alignment[k];
                        AddRow(s, k, -1);
                        count--;
                    }
                    blockLinear[count] += linear;
                    blockQuadratic[count] += quadratic;
                }
                for (var c = 0; c <= r; c++)
                {
                    Neumaier(ref linearTotal[c], ref linearCompensation[c], blockLinear[c]);
                    Neumaier(ref quadraticTotal[c], ref quadraticCompensation[c], blockQuadratic[c]);
                    blockLinear[c] = 0;
                    blockQuadratic[c] = 0;
                }
            }
            for (var c = 0; c <= r; c++)
            {
                linearTotal[c] += linearCompensation[c];
                quadraticTotal[c] += quadraticCompensation[c];
            }
            return (linearTotal, quadraticTotal);
        }

        /// <summary>s ← s + sign · G_k, four lanes at a time.</summary>
        private void AddRow(double[] s, int k, double sign)
        {
            ref var target = ref MemoryMarshal.GetArrayDataReference(s);
            ref var row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(gram), k * stride);
            if (Vector256.IsHardwareAccelerated)
            {
                var factor = Vector256.Create(sign);
                for (var i = 0; i < stride; i += 4)
                {
                    var sum = Vector256.LoadUnsafe(ref target, (nuint)i) + factor * Vector256.LoadUnsafe(ref row, (nuint)i);
                    sum.StoreUnsafe(ref target, (nuint)i);
                }
            }
            else
            {
                for (var i = 0; i < stride; i++) Unsafe.Add(ref target, i) += sign * Unsafe.Add(ref row, i);
            }
        }

        /// <summary>s_k = Σ_{l∈z} G_kl, and the mask's Σ a_k and Σ_{k,l∈z} G_kl, from scratch.</summary>
        private (double Linear, double Quadratic) Form(long mask, double[] s)
        {
            double linear = 0, quadratic = 0;
            for (var k = 0; k < r; k++)
            {
                var sk = 0.0;
                for (var l = 0; l < r; l++)
                    if (((mask >> l) & 1) == 1) sk += gram[k * stride + l];
                s[k] = sk;
                if (((mask >> k) & 1) == 1)
                {
                    linear += alignment[k];
                    quadratic += sk;
                }
            }
            return (linear, quadratic);
        }

        private static void Neumaier(ref double total, ref double compensation, double x)
        {
            var t = total + x;
            compensation += Math.Abs(total) >= Math.Abs(x) ? (total - t) + x : (x - t) + total;
            total = t;
        }
    }

    /// <summary>
    /// The same expectation computed one interacting component at a time (<see cref="GramTerms.Components"/>):
    /// ‖Y‖² + Σ_c E_{z_c}[−(2/θ) Σ_{k∈c} a_k z_k + θ⁻² Σ_{k,l∈c} G_kl z_k z_l], which costs Σ_c 2^{|c|} masks instead of 2^r.
    /// Every component must be within <see cref="MaxWidth"/>.
    /// </summary>
    public static double ExpectationByComponents(GramTerms g, double theta)
    {
        var components = g.Components();
        foreach (var c in components) CheckComponentWidth(c.Length, g.Width);
        var e = g.TargetNormSquared;
        foreach (var c in components) e += Expectation(g.Restrict(c), theta);
        return e;
    }

    /// <summary>The widest interacting component (0 when every contribution is zero).</summary>
    public static int WidestComponent(GramTerms g) => g.Components().Select(c => c.Length).DefaultIfEmpty(0).Max();

    public static void CheckComponentWidth(int component, int total)
    {
        if (component > MaxWidth)
            throw new EnumerationLimitException(
                $"{total} masked contributions with an interacting group of {component} > {MaxWidth} (2^{component} masks) cannot be enumerated; use the Monte Carlo estimate (--monte-carlo) instead");
    }
}
