using Fractions;
using Verification.Numerics;

namespace Verification.Topics.Homogeneous;

/// <summary>
/// A layer of a bias-free network: a map of vectors, evaluated exactly (in rationals, where the layer is piecewise linear
/// with rational data) and in floating point. Every layer but <see cref="Sigmoid"/> is positively homogeneous of degree 1 in
/// its input: layer(αz) = α·layer(z) for α ≥ 0.
/// </summary>
public abstract record Layer
{
    /// <summary>The name `eval` reads: linear, relu, leaky-relu, max-pool, sigmoid.</summary>
    public abstract string Name { get; }

    /// <summary>The output size for an input of the given size; <see cref="ArgumentException"/> when the input does not fit.</summary>
    public abstract int OutputSize(int inputSize);

    public abstract Fraction[] Apply(Fraction[] z);

    public abstract double[] Apply(double[] z);

    /// <summary>True for the layers that are piecewise linear with rational data (all but the sigmoid).</summary>
    public virtual bool IsPiecewiseLinear => true;

    /// <summary>A description for reports, e.g. "linear 2×3" or "leaky-relu 1/10".</summary>
    public virtual string Describe() => Name;
}

/// <summary>z ↦ Wz (no bias): W is (output size)×(input size).</summary>
public sealed record Linear(ExactMatrix W) : Layer
{
    public override string Name => "linear";

    public override int OutputSize(int inputSize) => W.ColumnCount == inputSize ? W.RowCount
        : throw new ArgumentException($"a linear layer with {W.ColumnCount} columns expects an input of size {W.ColumnCount} but receives {inputSize}");

    public override Fraction[] Apply(Fraction[] z)
    {
        var output = new Fraction[W.RowCount];
        for (var i = 0; i < W.RowCount; i++)
        {
            var s = Fraction.Zero;
            for (var j = 0; j < W.ColumnCount; j++) s += W[i, j] * z[j];
            output[i] = s;
        }
        return output;
    }

    public override double[] Apply(double[] z)
    {
        var output = new double[W.RowCount];
        for (var i = 0; i < W.RowCount; i++)
        {
            var s = 0.0;
            for (var j = 0; j < W.ColumnCount; j++) s += W[i, j].ToDoubleAnyScale() * z[j];
            output[i] = s;
        }
        return output;
    }

    /// <summary>The same layer with weights αW.</summary>
    public Linear Scaled(Fraction alpha) => new(ExactMatrix.Create(W.RowCount, W.ColumnCount, (i, j) => alpha * W[i, j]));

    public override string Describe() => $"linear {W.RowCount}×{W.ColumnCount}";
}

/// <summary>z ↦ max(z, 0) entrywise.</summary>
public sealed record Relu : Layer
{
    public override string Name => "relu";
    public override int OutputSize(int inputSize) => inputSize;
    public override Fraction[] Apply(Fraction[] z) => z.Select(e => e > Fraction.Zero ? e : Fraction.Zero).ToArray();
    public override double[] Apply(double[] z) => z.Select(e => e > 0 ? e : 0).ToArray();
}

/// <summary>z ↦ z for z ≥ 0 and slope·z for z &lt; 0, entrywise (any rational slope keeps positive homogeneity).</summary>
public sealed record LeakyRelu(Fraction Slope) : Layer
{
    public override string Name => "leaky-relu";
    public override int OutputSize(int inputSize) => inputSize;
    public override Fraction[] Apply(Fraction[] z) => z.Select(e => e >= Fraction.Zero ? e : Slope * e).ToArray();
    public override double[] Apply(double[] z) => z.Select(e => e >= 0 ? e : Slope.ToDoubleAnyScale() * e).ToArray();
    public override string Describe() => $"leaky-relu {Exact.Format(Slope)}";
}

/// <summary>1-D max-pooling: output j is the maximum of z over the window [j·stride, j·stride + window).</summary>
public sealed record MaxPool(int Window, int Stride) : Layer
{
    public override string Name => "max-pool";

    public override int OutputSize(int inputSize)
    {
        if (Window < 1 || Stride < 1) throw new ArgumentException($"max-pool needs window ≥ 1 and stride ≥ 1, got window {Window}, stride {Stride}");
        if (Window > inputSize) throw new ArgumentException($"a max-pool window of {Window} does not fit an input of size {inputSize}");
        return (inputSize - Window) / Stride + 1;
    }

    public override Fraction[] Apply(Fraction[] z) =>
        Enumerable.Range(0, OutputSize(z.Length)).Select(j => z.Skip(j * Stride).Take(Window).Max()!).ToArray();

    public override double[] Apply(double[] z) =>
        Enumerable.Range(0, OutputSize(z.Length)).Select(j => z.Skip(j * Stride).Take(Window).Max()).ToArray();

    public override string Describe() => $"max-pool {Window}/{Stride}";
}

/// <summary>z ↦ 1/(1 + e^{−z}) entrywise: not positively homogeneous (σ(0) = 1/2), and not rational.</summary>
public sealed record Sigmoid : Layer
{
    public override string Name => "sigmoid";
    public override int OutputSize(int inputSize) => inputSize;
    public override bool IsPiecewiseLinear => false;

    public override Fraction[] Apply(Fraction[] z) =>
        throw new ArgumentException("a sigmoid network has no exact (rational) evaluation; evaluate it in floating point");

    public override double[] Apply(double[] z) => z.Select(e => e >= 0 ? 1 / (1 + Math.Exp(-e)) : Math.Exp(e) / (1 + Math.Exp(e))).ToArray();
}
