using Fractions;
using Verification.Numerics;

namespace Verification.Topics.Homogeneous;

/// <summary>
/// A bias-free feed-forward network φ(W¹, …, W^K)(x): its layers applied in order to an input of <see cref="InputSize"/>.
/// The weights are those of its K linear layers (K = <see cref="Degree"/>). Build it with <see cref="Create"/>, which checks
/// that the layer shapes compose.
/// </summary>
public sealed record Network(IReadOnlyList<Layer> Layers, int InputSize, int OutputSize)
{
    /// <summary>Layers composed on an input of the given size; <see cref="ArgumentException"/> names the first layer that does not fit.</summary>
    public static Network Create(int inputSize, IReadOnlyList<Layer> layers)
    {
        if (inputSize < 1) throw new ArgumentException($"the input size must be at least 1, got {inputSize}");
        if (layers.Count == 0) throw new ArgumentException("a network needs at least one layer");
        var size = inputSize;
        for (var k = 0; k < layers.Count; k++)
        {
            try
            {
                size = layers[k].OutputSize(size);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"the layer shapes do not compose: layer {k + 1} ({layers[k].Name}): {e.Message}");
            }
            if (size < 1) throw new ArgumentException($"the layer shapes do not compose: layer {k + 1} ({layers[k].Name}) has no output");
        }
        return new Network(layers.ToArray(), inputSize, size);
    }

    /// <summary>K: the number of linear layers, the degree of positive homogeneity in the weights.</summary>
    public int Degree => Layers.Count(l => l is Linear);

    /// <summary>True when every layer is piecewise linear (no sigmoid): the network is then evaluated exactly.</summary>
    public bool IsPiecewiseLinear => Layers.All(l => l.IsPiecewiseLinear);

    public IEnumerable<Linear> LinearLayers => Layers.OfType<Linear>();

    /// <summary>φ(W)(x) in exact rational arithmetic (piecewise-linear networks only).</summary>
    public Fraction[] Evaluate(Fraction[] x)
    {
        CheckInput(x.Length);
        return Layers.Aggregate(x, (z, layer) => layer.Apply(z));
    }

    /// <summary>φ(W)(x) in floating point.</summary>
    public double[] Evaluate(double[] x)
    {
        CheckInput(x.Length);
        return Layers.Aggregate(x, (z, layer) => layer.Apply(z));
    }

    private void CheckInput(int length)
    {
        if (length != InputSize) throw new ArgumentException($"the network expects an input of size {InputSize} but x has {length} entries");
    }

    /// <summary>φ(αW¹, …, αW^K): every linear layer's weights multiplied by α.</summary>
    public Network Scaled(Fraction alpha) => this with { Layers = Layers.Select(l => l is Linear linear ? linear.Scaled(alpha) : l).ToArray() };

    /// <summary>The same architecture with all weights 0.</summary>
    public Network Zeroed() => Scaled(Fraction.Zero);

    /// <summary>Π_k ‖W^k‖_F in floating point (1 for a network without linear layers).</summary>
    public double Regularizer() => LinearLayers.Aggregate(1.0, (p, l) => p * Frobenius(l.W));

    /// <summary>‖W‖_F in floating point from the entries rounded to doubles, scaled by a power of two near the largest so that squares neither overflow nor underflow.</summary>
    public static double Frobenius(ExactMatrix w)
    {
        var entries = new List<double>();
        for (var i = 0; i < w.RowCount; i++)
            for (var j = 0; j < w.ColumnCount; j++) entries.Add(w[i, j].ToDoubleAnyScale());
        var scale = entries.Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (scale == 0 || !double.IsFinite(scale)) return scale;
        scale = Math.ScaleB(1, Math.ILogB(scale)); // a power of two: the divisions are exact
        return scale * Math.Sqrt(entries.Sum(e => (e / scale) * (e / scale)));
    }

    /// <summary>Π_k ‖W^k‖_F², exactly.</summary>
    public Fraction RegularizerSquared() => LinearLayers.Aggregate(Fraction.One, (p, l) => p * l.W.FrobeniusNormSquared());

    /// <summary>Π_k ‖W^k‖_1 (entrywise ℓ1 norms), exactly.</summary>
    public Fraction RegularizerL1() => LinearLayers.Aggregate(Fraction.One, (p, l) => p * EntrywiseL1(l.W));

    public static Fraction EntrywiseL1(ExactMatrix w)
    {
        var s = Fraction.Zero;
        for (var i = 0; i < w.RowCount; i++)
            for (var j = 0; j < w.ColumnCount; j++) s += w[i, j] < Fraction.Zero ? -w[i, j] : w[i, j];
        return s;
    }

    /// <summary>
    /// Upper bounds on |output| entries and the number of rounded operations along the longest chain, for a floating-point
    /// evaluation at x: linear layers map magnitudes through |W|, piecewise-linear layers do not enlarge them (leaky ReLU by
    /// at most |slope|), a sigmoid bounds them by 1.
    /// </summary>
    public (double Magnitude, int Chain) RoundingScale(double[] x)
    {
        var magnitude = x.Select(Math.Abs).ToArray();
        var chain = 0;
        foreach (var layer in Layers)
        {
            switch (layer)
            {
                case Linear l:
                    magnitude = Enumerable.Range(0, l.W.RowCount)
                        .Select(i => Enumerable.Range(0, l.W.ColumnCount).Sum(j => Math.Abs(l.W[i, j].ToDoubleAnyScale()) * magnitude[j])).ToArray();
                    chain += l.W.ColumnCount + 2;
                    break;
                case LeakyRelu leaky:
                    magnitude = magnitude.Select(e => e * Math.Max(1, Math.Abs(leaky.Slope.ToDoubleAnyScale()))).ToArray();
                    chain += 2;
                    break;
                case Sigmoid:
                    magnitude = magnitude.Select(_ => 1.0).ToArray();
                    chain += 8;
                    break;
                default:
                    magnitude = layer.Apply(magnitude);
                    break;
            }
        }
        return (magnitude.DefaultIfEmpty(0).Max(), chain);
    }

    /// <summary>The layers, e.g. "linear 3×2 → relu → linear 1×3".</summary>
    public string Describe() => string.Join(" → ", Layers.Select(l => l.Describe()));
}

/// <summary>Φ(x) = Σ_i φ(W_i)(x): parallel subnetworks with the same input and output sizes, summed.</summary>
public sealed record ParallelNetwork(IReadOnlyList<Network> Subnetworks)
{
    public static ParallelNetwork Create(IReadOnlyList<Network> subnetworks)
    {
        if (subnetworks.Count == 0) throw new ArgumentException("a parallel network needs at least one subnetwork");
        for (var i = 1; i < subnetworks.Count; i++)
        {
            if (subnetworks[i].InputSize != subnetworks[0].InputSize)
                throw new ArgumentException($"the subnetworks do not compose: subnetwork {i + 1} takes inputs of size {subnetworks[i].InputSize} but subnetwork 1 of size {subnetworks[0].InputSize}");
            if (subnetworks[i].OutputSize != subnetworks[0].OutputSize)
                throw new ArgumentException($"the subnetworks do not compose: subnetwork {i + 1} has outputs of size {subnetworks[i].OutputSize} but subnetwork 1 of size {subnetworks[0].OutputSize}");
        }
        return new ParallelNetwork(subnetworks.ToArray());
    }

    public int InputSize => Subnetworks[0].InputSize;
    public int OutputSize => Subnetworks[0].OutputSize;

    /// <summary>Φ with one more subnetwork (which must fit).</summary>
    public ParallelNetwork Append(Network subnetwork) => Create([.. Subnetworks, subnetwork]);

    public Fraction[] Evaluate(Fraction[] x) =>
        Subnetworks.Select(s => s.Evaluate(x)).Aggregate((a, b) => a.Zip(b, (p, q) => p + q).ToArray());

    public double[] Evaluate(double[] x) =>
        Subnetworks.Select(s => s.Evaluate(x)).Aggregate((a, b) => a.Zip(b, (p, q) => p + q).ToArray());

    /// <summary>Θ = Σ_i Π_k ‖W_i^k‖_F in floating point, summed in subnetwork order.</summary>
    public double Regularizer() => Subnetworks.Aggregate(0.0, (s, n) => s + n.Regularizer());

    /// <summary>Σ_i Π_k ‖W_i^k‖_1, exactly.</summary>
    public Fraction RegularizerL1() => Subnetworks.Aggregate(Fraction.Zero, (s, n) => s + n.RegularizerL1());

    public string Describe() => string.Join(" + ", Subnetworks.Select(s => $"[{s.Describe()}]"));
}
