using Fractions;
using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>An invertible matrix with its exact inverse (a change of basis of one hidden layer).</summary>
public sealed record Gauge(ExactMatrix Matrix, ExactMatrix Inverse);

/// <summary>
/// A descent direction at W = 0: along W(t) = tD the risk is R(0) − 2a t^L + b t^{2L} with a = tr(D_L⋯D₁ Σ_xy) &gt; 0, so every
/// 0 &lt; t^L &lt; 2a/b decreases it (any t when b = 0), and <see cref="Step"/> is a rational such t with its exact decrease.
/// </summary>
public sealed record OriginDescent(IReadOnlyList<ExactMatrix> Direction, Fraction A, Fraction B, Fraction Step, Fraction Decrease)
{
    /// <summary>R(tD) − R(0) as a polynomial in t, as text.</summary>
    public string Polynomial(int depth) => $"−2·({Exact.Format(A)})·t^{depth} + ({Exact.Format(B)})·t^{2 * depth}";
}

/// <summary>Deep networks from products and from shallow critical points, gauges between layers, and the descent at the origin.</summary>
public static class DeepConstructions
{
    /// <summary>
    /// Layers with W_L⋯W₁ = C·F for a factorization through r = C.ColumnCount = F.RowCount, when every hidden width is at least r:
    /// W₁ = [F; 0], W_k = [I_r 0; 0 0] in between, W_L = [C 0] (one layer: W₁ = CF).
    /// </summary>
    public static IReadOnlyList<ExactMatrix> Embed(ExactMatrix c, ExactMatrix f, IReadOnlyList<int> hiddenWidths)
    {
        var r = c.ColumnCount;
        if (f.RowCount != r) throw new ArgumentException("C and F do not compose");
        if (hiddenWidths.Count == 0) return [c.Multiply(f)];
        if (hiddenWidths.Any(h => h < r)) throw new ArgumentException($"a hidden width below {r} cannot carry a factorization through {r}");
        var layers = new List<ExactMatrix> { f.Embed(hiddenWidths[0], f.ColumnCount) };
        for (var k = 1; k < hiddenWidths.Count; k++)
            layers.Add(ExactLinearAlgebra.Identity(r).Embed(hiddenWidths[k], hiddenWidths[k - 1]));
        layers.Add(c.Embed(c.RowCount, hiddenWidths[^1]));
        return layers;
    }

    /// <summary>W_k ↦ C_k W_k C_{k−1}⁻¹ (C₀ = C_L = I): the product, the risk and, by congruence, the Hessian's inertia are unchanged.</summary>
    public static IReadOnlyList<ExactMatrix> Apply(IReadOnlyList<ExactMatrix> layers, IReadOnlyList<Gauge> gauges)
    {
        if (gauges.Count != layers.Count - 1) throw new ArgumentException($"{layers.Count} layers need {layers.Count - 1} gauges");
        return layers.Select((w, k) =>
        {
            var result = w;
            if (k > 0) result = result.Multiply(gauges[k - 1].Inverse);
            if (k < gauges.Count) result = gauges[k].Matrix.Multiply(result);
            return result;
        }).ToArray();
    }

    /// <summary>C = Q·diag(d) with Q = Cayley(S) orthogonal and d nonzero, whose inverse is diag(1/d)·Qᵀ.</summary>
    public static Gauge ScaledRotation(ExactMatrix skew, IReadOnlyList<Fraction> d)
    {
        var q = ExactLinearAlgebra.Cayley(skew);
        if (d.Count != q.RowCount || d.Any(x => x.IsZero)) throw new ArgumentException("the scaling needs one nonzero entry per row");
        return new Gauge(q.Multiply(ExactLinearAlgebra.Diagonal(d)), ExactLinearAlgebra.Diagonal(d.Select(x => Fraction.One / x).ToArray()).Multiply(q.Transpose()));
    }

    /// <summary>The deep network built from a shallow critical point (U, V) through every hidden width ≥ U's width: W₁ = [Vᵀ; 0], W_L = [U 0].</summary>
    public static IReadOnlyList<ExactMatrix> FromShallow(ShallowCriticalPoint point, IReadOnlyList<int> hiddenWidths) =>
        Embed(point.U, point.V.Transpose(), hiddenWidths);

    /// <summary>
    /// The descent at W = 0 along D: the entry (i, j) of Σ_yx of largest magnitude, s its sign, D₁ = s·e₁e_jᵀ, D_k = e₁e₁ᵀ,
    /// D_L = e_ie₁ᵀ, so D_L⋯D₁ = s·e_ie_jᵀ, a = |Σ_yx[i, j]| and b = Σ_xx[j, j]. The step is the largest t = 2^−k with b·t^L ≤ a,
    /// where the decrease −2a t^L + b t^{2L} ≤ −a t^L &lt; 0. Needs Σ_yx ≠ 0 (that is, YXᵀ ≠ 0).
    /// </summary>
    public static OriginDescent DescentAtOrigin(SecondMoments s, IReadOnlyList<int> widths)
    {
        var depth = widths.Count - 1;
        int bi = -1, bj = -1;
        for (var i = 0; i < s.Syx.RowCount; i++)
            for (var j = 0; j < s.Syx.ColumnCount; j++)
                if (!s.Syx[i, j].IsZero && (bi < 0 || Fraction.Abs(s.Syx[i, j]) > Fraction.Abs(s.Syx[bi, bj]))) (bi, bj) = (i, j);
        if (bi < 0) throw new ArgumentException("YXᵀ = 0: the origin is a global minimum and there is no descent direction");
        var sign = s.Syx[bi, bj] > Fraction.Zero ? Fraction.One : Fraction.MinusOne;
        var direction = new List<ExactMatrix>();
        for (var k = 0; k < depth; k++)
        {
            var (rows, columns) = (widths[k + 1], widths[k]);
            var (ri, ci) = (k == depth - 1 ? bi : 0, k == 0 ? bj : 0);
            var entry = k == 0 ? sign : Fraction.One;
            direction.Add(ExactMatrix.Create(rows, columns, (i, j) => i == ri && j == ci ? entry : Fraction.Zero));
        }
        var a = Fraction.Abs(s.Syx[bi, bj]);
        var b = s.Sxx[bj, bj];
        var step = Fraction.One;
        while (b * Fraction.Pow(step, depth) > a) step /= 2;
        var tl = Fraction.Pow(step, depth);
        return new OriginDescent(direction, a, b, step, -2 * a * tl + b * tl * tl);
    }
}
