using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>
/// The risk of a linear network of any depth L ≥ 1 and its first and second derivatives, written once over a field (exact
/// rationals or doubles). Layers W₁, …, W_L (list index 0 is W₁), W_k ∈ ℝ^{n_k×n_{k−1}}, product P = W_L⋯W₁ and
/// R = tr Σ_yy − 2 tr(P Σ_xy) + tr(P Σ_xx Pᵀ). With A_k = W_L⋯W_{k+1}, B_k = W_{k−1}⋯W₁ and G = ∂R/∂P = 2(PΣ_xx − Σ_yx):
/// <list type="bullet">
/// <item>∂R/∂W_k = A_kᵀ G B_kᵀ;</item>
/// <item>∂²R/∂W_k[a,b]∂W_j[c,d] = 2 (A_kᵀA_j)[a,c] (B_k Σ_xx B_jᵀ)[b,d] + [k &gt; j] (A_kᵀ G B_jᵀ)[a,d] (W_{k−1}⋯W_{j+1})[b,c]
/// (and symmetrically for k &lt; j): the first term is 2⟨∂P Σ_xx, ∂P⟩, the second ⟨G, ∂²P⟩, since P is linear in each layer.</item>
/// </list>
/// Parameters are ordered layer by layer from W₁, each layer row by row.
/// </summary>
public static class DeepLinearRisk
{
    /// <summary>The widths n₀, …, n_L, after checking that the layers compose with each other and with the moments.</summary>
    public static int[] Widths<T>(Moments<T> s, IReadOnlyList<FieldMatrix<T>> w)
    {
        if (w.Count == 0) throw new ArgumentException("a network needs at least one layer");
        var widths = new int[w.Count + 1];
        widths[0] = s.Sxx.RowCount;
        for (var k = 0; k < w.Count; k++)
        {
            if (w[k].ColumnCount != widths[k])
                throw new ArgumentException($"layer W{k + 1} has {w[k].ColumnCount} columns but {(k == 0 ? "the input dimension is" : "the layer below has")} {widths[k]}{(k == 0 ? "" : " outputs")}");
            widths[k + 1] = w[k].RowCount;
        }
        if (widths[^1] != s.Syx.RowCount) throw new ArgumentException($"the last layer has {widths[^1]} outputs but Y has {s.Syx.RowCount} rows");
        return widths;
    }

    public static int ParameterCount<T>(IReadOnlyList<FieldMatrix<T>> w) => w.Sum(m => m.RowCount * m.ColumnCount);

    /// <summary>W_L⋯W₁ (the identity of the input dimension for no layers is never needed: L ≥ 1).</summary>
    public static FieldMatrix<T> Product<T>(IReadOnlyList<FieldMatrix<T>> w) => Range(w, 0, w.Count);

    /// <summary>W_{to−1}⋯W_{from} (0-based, to exclusive); the identity of size n_from when the range is empty.</summary>
    private static FieldMatrix<T> Range<T>(IReadOnlyList<FieldMatrix<T>> w, int from, int to)
    {
        var field = w[0].Field;
        if (from >= to) return FieldMatrix<T>.Identity(field, from < w.Count ? w[from].ColumnCount : w[^1].RowCount);
        var p = w[from];
        for (var k = from + 1; k < to; k++) p = w[k].Multiply(p);
        return p;
    }

    public static T Risk<T>(Moments<T> s, FieldMatrix<T> p)
    {
        var f = s.Field;
        return f.Add(f.Subtract(s.Syy.Trace(), f.Multiply(f.FromInteger(2), p.Multiply(s.Sxy).Trace())), p.Multiply(s.Sxx).Multiply(p.Transpose()).Trace());
    }

    public static T Risk<T>(Moments<T> s, IReadOnlyList<FieldMatrix<T>> w)
    {
        Widths(s, w);
        return Risk(s, Product(w));
    }

    /// <summary>G = ∂R/∂P = 2(PΣ_xx − Σ_yx).</summary>
    public static FieldMatrix<T> ProductGradient<T>(Moments<T> s, FieldMatrix<T> p) =>
        p.Multiply(s.Sxx).Subtract(s.Syx).Scale(s.Field.FromInteger(2));

    /// <summary>∂R/∂W_k for every layer.</summary>
    public static IReadOnlyList<FieldMatrix<T>> Gradient<T>(Moments<T> s, IReadOnlyList<FieldMatrix<T>> w)
    {
        Widths(s, w);
        return Gradient(w, ProductGradient(s, Product(w)));
    }

    private static IReadOnlyList<FieldMatrix<T>> Gradient<T>(IReadOnlyList<FieldMatrix<T>> w, FieldMatrix<T> g)
    {
        var result = new FieldMatrix<T>[w.Count];
        for (var k = 0; k < w.Count; k++)
            result[k] = Range(w, k + 1, w.Count).Transpose().Multiply(g).Multiply(Range(w, 0, k).Transpose());
        return result;
    }

    /// <summary>The Hessian of R with respect to all parameters (ordered as <see cref="Flatten{T}"/>).</summary>
    public static FieldMatrix<T> Hessian<T>(Moments<T> s, IReadOnlyList<FieldMatrix<T>> w)
    {
        Widths(s, w);
        return Hessian(s.Sxx, w, ProductGradient(s, Product(w)));
    }

    /// <summary>
    /// The same formulas on absolute values, |A_k|ᵀ|A_j| ⊗ |B_k||Σ_xx||B_j|ᵀ and 2(|P||Σ_xx| + |Σ_yx|): an entrywise bound on the
    /// magnitude of every term summed in <see cref="Hessian{T}(Moments{T}, IReadOnlyList{FieldMatrix{T}})"/> and <see cref="Gradient{T}(Moments{T}, IReadOnlyList{FieldMatrix{T}})"/>, for floating-point error bounds.
    /// </summary>
    public static (FieldMatrix<double> Hessian, IReadOnlyList<FieldMatrix<double>> Gradient) Magnitudes(Moments<double> s, IReadOnlyList<FieldMatrix<double>> w)
    {
        Widths(s, w);
        var a = w.Select(m => m.Map(Math.Abs)).ToArray();
        var sxx = s.Sxx.Map(Math.Abs);
        var g = Product(a).Multiply(sxx).Add(s.Syx.Map(Math.Abs)).Scale(2);
        return (Hessian(sxx, a, g), Gradient(a, g));
    }

    private static FieldMatrix<T> Hessian<T>(FieldMatrix<T> sxx, IReadOnlyList<FieldMatrix<T>> w, FieldMatrix<T> g)
    {
        var f = sxx.Field;
        var layers = w.Count;
        var offsets = Offsets(w);
        var total = offsets[^1];
        var h = new T[total, total];
        var left = new FieldMatrix<T>[layers];  // A_k = W_L⋯W_{k+1}
        var right = new FieldMatrix<T>[layers]; // B_k = W_{k−1}⋯W₁
        for (var k = 0; k < layers; k++)
        {
            left[k] = Range(w, k + 1, layers);
            right[k] = Range(w, 0, k);
        }
        var two = f.FromInteger(2);
        for (var k = 0; k < layers; k++)
            for (var j = 0; j <= k; j++)
            {
                var outer = left[k].Transpose().Multiply(left[j]);              // n_k × n_j (output sides)
                var inner = right[k].Multiply(sxx).Multiply(right[j].Transpose()); // n_{k−1} × n_{j−1} (input sides)
                FieldMatrix<T>? c = null, between = null;
                if (k > j)
                {
                    c = left[k].Transpose().Multiply(g).Multiply(right[j].Transpose()); // n_k × n_{j−1}
                    between = Range(w, j + 1, k);                                        // n_{k−1} × n_j
                }
                int rowsK = w[k].RowCount, colsK = w[k].ColumnCount, rowsJ = w[j].RowCount, colsJ = w[j].ColumnCount;
                for (var a = 0; a < rowsK; a++)
                    for (var b = 0; b < colsK; b++)
                    {
                        var alpha = offsets[k] + a * colsK + b;
                        for (var cc = 0; cc < rowsJ; cc++)
                            for (var d = 0; d < colsJ; d++)
                            {
                                var beta = offsets[j] + cc * colsJ + d;
                                if (k == j && beta > alpha) continue;
                                var value = f.Multiply(two, f.Multiply(outer[a, cc], inner[b, d]));
                                if (c is not null) value = f.Add(value, f.Multiply(c[a, d], between![b, cc]));
                                h[alpha, beta] = value;
                                h[beta, alpha] = value;
                            }
                    }
            }
        return FieldMatrix<T>.Create(f, total, total, (i, j) => h[i, j]);
    }

    /// <summary>The index of each layer's first parameter, and the total count last.</summary>
    public static int[] Offsets<T>(IReadOnlyList<FieldMatrix<T>> w)
    {
        var offsets = new int[w.Count + 1];
        for (var k = 0; k < w.Count; k++) offsets[k + 1] = offsets[k] + w[k].RowCount * w[k].ColumnCount;
        return offsets;
    }

    /// <summary>All parameters (or a gradient) as one vector, layer by layer from W₁, rows first.</summary>
    public static T[] Flatten<T>(IReadOnlyList<FieldMatrix<T>> w)
    {
        var v = new T[w.Sum(m => m.RowCount * m.ColumnCount)];
        var i = 0;
        foreach (var m in w)
            for (var a = 0; a < m.RowCount; a++)
                for (var b = 0; b < m.ColumnCount; b++) v[i++] = m[a, b];
        return v;
    }

    /// <summary>The layers of the given shapes (rows, columns) read off a parameter vector.</summary>
    public static IReadOnlyList<FieldMatrix<T>> Unflatten<T>(Field<T> field, IReadOnlyList<(int Rows, int Columns)> shapes, IReadOnlyList<T> v)
    {
        var layers = new FieldMatrix<T>[shapes.Count];
        var offset = 0;
        for (var k = 0; k < shapes.Count; k++)
        {
            var (r, c) = shapes[k];
            var start = offset;
            layers[k] = FieldMatrix<T>.Create(field, r, c, (a, b) => v[start + a * c + b]);
            offset += r * c;
        }
        return layers;
    }
}

