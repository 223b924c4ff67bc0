using Verification.Numerics;

namespace Verification.Topics.Depth;

/// <summary>
/// A fully connected ReLU network ℝ → ℝ with exact rational weights: layers ℓ = 1..L+1 with weights W_ℓ (rows = units of
/// layer ℓ, columns = units of layer ℓ − 1, so W_1 has one column) and biases b_ℓ; the L hidden layers apply ReLU, the last
/// layer is affine with one row. Depth L = 0 is an affine function. The shapes are validated on construction.
/// </summary>
public sealed class ReluNetwork
{
    private readonly Rational[][,] weights;
    private readonly Rational[][] biases;

    /// <summary>The largest number of pieces a propagation may create by default (about four million).</summary>
    public const int DefaultMaxPieces = 1 << 22;

    public ReluNetwork(IReadOnlyList<Rational[,]> weights, IReadOnlyList<IReadOnlyList<Rational>> biases)
    {
        if (weights.Count == 0) throw new ArgumentException("a network needs at least one layer (the output layer)");
        if (biases.Count != weights.Count) throw new ArgumentException($"{weights.Count} weight matrices but {biases.Count} bias vectors");
        for (var l = 0; l < weights.Count; l++)
        {
            var (rows, columns) = (weights[l].GetLength(0), weights[l].GetLength(1));
            var name = $"layer {l + 1}";
            if (rows == 0 || columns == 0) throw new ArgumentException($"{name}'s weights are empty");
            if (l == 0 && columns != 1) throw new ArgumentException($"{name}'s weights have {columns} columns, but the input is a scalar: W1 must have exactly one column (ℝ → ℝ)");
            if (l > 0 && columns != weights[l - 1].GetLength(0))
                throw new ArgumentException($"the layer shapes do not compose: layer {l + 1}'s weights are {rows}×{columns} but layer {l} has {weights[l - 1].GetLength(0)} units");
            if (biases[l].Count != rows) throw new ArgumentException($"{name} has {rows} units but its bias has {biases[l].Count} entries");
        }
        var outputs = weights[^1].GetLength(0);
        if (outputs != 1) throw new ArgumentException($"the output layer has {outputs} units, but the output must be a scalar (ℝ → ℝ): the last weights need exactly one row");
        this.weights = weights.Select(w => (Rational[,])w.Clone()).ToArray();
        this.biases = biases.Select(b => b.ToArray()).ToArray();
    }

    /// <summary>The number L of hidden (ReLU) layers.</summary>
    public int Depth => weights.Length - 1;

    /// <summary>The widths of the hidden layers.</summary>
    public IReadOnlyList<int> Widths => weights[..^1].Select(w => w.GetLength(0)).ToArray();

    /// <summary>The largest hidden width (0 for an affine network).</summary>
    public int MaxWidth => Depth == 0 ? 0 : Widths.Max();

    /// <summary>The number of hidden units.</summary>
    public int Units => Widths.Sum();

    public Rational[,] Weights(int layer) => (Rational[,])weights[layer].Clone();
    public IReadOnlyList<Rational> Bias(int layer) => biases[layer];
    public int LayerCount => weights.Length;

    /// <summary>
    /// The exact piecewise-linear function the network computes on [start, end] (null ends are infinite): the input x is the
    /// identity, and each layer is one pass of <see cref="PiecewiseLinear.Layer"/> over the previous layer's unit functions.
    /// </summary>
    public PiecewiseLinear ToPiecewiseLinear(Rational? start = null, Rational? end = null, int maxPieces = DefaultMaxPieces)
    {
        IReadOnlyList<PiecewiseLinear> units = [PiecewiseLinear.Identity(start, end)];
        for (var l = 0; l < weights.Length; l++)
            units = PiecewiseLinear.Layer(units, weights[l], biases[l], relu: l < weights.Length - 1, maxPieces);
        return units[0];
    }

    /// <summary>The network at one point, layer by layer in exact arithmetic (the straightforward reference).</summary>
    public Rational Evaluate(Rational x)
    {
        Rational[] a = [x];
        for (var l = 0; l < weights.Length; l++)
        {
            var w = weights[l];
            var next = new Rational[w.GetLength(0)];
            for (var i = 0; i < next.Length; i++)
            {
                var z = biases[l][i];
                for (var j = 0; j < a.Length; j++) z += w[i, j] * a[j];
                next[i] = l < weights.Length - 1 && z.Sign < 0 ? Rational.Zero : z;
            }
            a = next;
        }
        return a[0];
    }

    /// <summary>A network from layers given as (weights, bias) pairs.</summary>
    public static ReluNetwork FromLayers(params (Rational[,] W, Rational[] B)[] layers) =>
        new(layers.Select(l => l.W).ToArray(), layers.Select(l => (IReadOnlyList<Rational>)l.B).ToArray());

    /// <summary>A column of weights (a layer fed by the scalar input).</summary>
    public static Rational[,] Column(params Rational[] entries)
    {
        var w = new Rational[entries.Length, 1];
        for (var i = 0; i < entries.Length; i++) w[i, 0] = entries[i];
        return w;
    }

    /// <summary>A single row of weights (the output layer).</summary>
    public static Rational[,] Row(params Rational[] entries)
    {
        var w = new Rational[1, entries.Length];
        for (var j = 0; j < entries.Length; j++) w[0, j] = entries[j];
        return w;
    }

    public override string ToString() => $"ReLU network, depth {Depth}, widths [{string.Join(", ", Widths)}]";
}
