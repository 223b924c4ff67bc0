using MathNet.Numerics.LinearAlgebra;
using Verification.Topics.Depth;

namespace Verification.Reference;

/// <summary>
/// What a numpy user writes to count the pieces of a ReLU network: a batched forward pass in floating point over a grid
/// (vectorised MathNet products, one column per sample), then the number of slope changes between consecutive samples.
/// It is only as good as its grid (a kink between two samples, or two kinks in one cell, is missed or miscounted) and its
/// tolerance; it certifies nothing.
/// </summary>
public static class SampledPieces
{
    public static int Count(ReluNetwork network, double start, double end, int samples, double relativeTolerance = 1e-9)
    {
        var x = Matrix<double>.Build.Dense(1, samples, (_, j) => start + (end - start) * j / (samples - 1));
        var a = x;
        for (var l = 0; l < network.LayerCount; l++)
        {
            var w = network.Weights(l);
            var weights = Matrix<double>.Build.Dense(w.GetLength(0), w.GetLength(1), (i, j) => w[i, j].ToDouble());
            var bias = network.Bias(l).Select(b => b.ToDouble()).ToArray();
            var z = weights * a;
            z.MapIndexedInplace((i, _, v) => v + bias[i]);
            if (l < network.LayerCount - 1) z.MapInplace(v => Math.Max(0, v));
            a = z;
        }
        var y = a.Row(0);
        var pieces = 1;
        var h = (end - start) / (samples - 1);
        var previous = (y[1] - y[0]) / h;
        for (var j = 2; j < samples; j++)
        {
            var slope = (y[j] - y[j - 1]) / h;
            if (Math.Abs(slope - previous) > relativeTolerance * Math.Max(1, Math.Max(Math.Abs(slope), Math.Abs(previous))))
            {
                pieces++;
                previous = slope;
            }
        }
        return pieces;
    }
}
