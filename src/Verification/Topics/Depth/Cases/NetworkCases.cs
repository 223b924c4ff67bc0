using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Depth;

/// <summary>
/// A ReLU network ℝ → ℝ, the family it was drawn from, and for a construction the number of pieces it reaches on a domain
/// (null for random networks).
/// </summary>
public sealed record NetworkCase(ReluNetwork Network, string Family, Reach? Reaches = null);

/// <summary>A construction's exact piece count on [Start, End] (null ends are infinite).</summary>
public sealed record Reach(Rational? Start, Rational? End, BigInteger Pieces, string Why);

/// <summary>
/// Instance types of ReLU networks ℝ → ℝ: random networks of depth L = 1..6 and widths 1..8 with small rational weights (a
/// fifth of them zero), and the constructions that reach their counts: the generic shallow network (n + 1 pieces), the
/// sawtooth (2^L on [0, 1]) and the folding network (n^{L−1}(n + 1) on [0, 1]).
/// </summary>
public static class NetworkCases
{
    public const int MaxDepth = 6;
    public const int MaxWidth = 8;

    /// <summary>The largest network `eval` reads: hidden layers and units per layer.</summary>
    public const int MaxEvalDepth = 64;
    public const int MaxEvalWidth = 256;

    /// <summary>p/q with |p| ≤ 4, q ≤ 3; zero a fifth of the time.</summary>
    public static Gen<Rational> Weight { get; } = Gen.Frequency(
        (1, Gen.Constant(Rational.Zero)),
        (4, Gen.Zip(Gen.Choose(-4, 4), Gen.Choose(1, 3)).Select(t => Rational.Of(t.Item1, t.Item2))));

    /// <summary>A random network with the given hidden widths, weights and biases from <see cref="Weight"/>.</summary>
    public static Gen<ReluNetwork> Random(int[] widths)
    {
        var shapes = widths.Append(1).ToArray();
        var count = 0;
        for (var l = 0; l < shapes.Length; l++) count += shapes[l] * ((l == 0 ? 1 : shapes[l - 1]) + 1);
        return Gen.ArrayOf(Weight, count).Select(entries =>
        {
            var k = 0;
            var layers = new (Rational[,], Rational[])[shapes.Length];
            for (var l = 0; l < shapes.Length; l++)
            {
                var columns = l == 0 ? 1 : shapes[l - 1];
                var w = new Rational[shapes[l], columns];
                for (var i = 0; i < shapes[l]; i++)
                    for (var j = 0; j < columns; j++) w[i, j] = entries[k++];
                var b = new Rational[shapes[l]];
                for (var i = 0; i < shapes[l]; i++) b[i] = entries[k++];
                layers[l] = (w, b);
            }
            return ReluNetwork.FromLayers(layers);
        });
    }

    private static Gen<NetworkCase> RandomCase(int size) =>
        from depth in Shapes.Dimension(size, MaxDepth)
        from widths in Gen.ArrayOf(Shapes.Dimension(size, MaxWidth), depth)
        from network in Random(widths)
        select new NetworkCase(network, "random");

    public static NetworkCase ShallowGeneric(int n) =>
        new(Shallow.Generic(n), $"generic shallow network, n = {n}", new Reach(null, null, PieceBounds.Shallow(n), "n + 1"));

    public static NetworkCase SawtoothCase(int depth) =>
        new(Sawtooth.Network(depth), $"sawtooth m_{depth}", new Reach(Rational.Zero, Rational.One, BigInteger.Pow(2, depth), "2^L on [0, 1]"));

    public static NetworkCase FoldingCase(int n, int depth) =>
        new(Folding.Network(n, depth), $"folding network, n = {n}, L = {depth}", new Reach(Rational.Zero, Rational.One, PieceBounds.Montufar(n, depth), "n^(L-1)(n + 1) on [0, 1]"));

    private static Gen<NetworkCase> Generator { get; } = Gen.Sized(size => Gen.Frequency(
        (3, RandomCase(size)),
        (1, Shapes.Dimension(size, MaxWidth).Select(ShallowGeneric)),
        (1, Shapes.Dimension(size, MaxDepth).Select(SawtoothCase)),
        (1, Gen.Zip(Shapes.Dimension(size, 4), Shapes.Dimension(size, 3)).Select(t => FoldingCase(t.Item1, t.Item2)))));

    /// <summary>One unit fewer, one hidden layer fewer (merged linearly into the next), then simpler weights; a shrunk case is "random".</summary>
    public static IEnumerable<NetworkCase> Shrink(NetworkCase c)
    {
        var net = c.Network;
        for (var l = 0; l < net.Depth; l++)
            if (net.Widths[l] > 1)
                for (var i = 0; i < net.Widths[l]; i++) yield return new NetworkCase(WithoutUnit(net, l, i), "random (shrunk)");
        for (var l = 0; l < net.Depth; l++) yield return new NetworkCase(WithoutLayer(net, l), "random (shrunk)");
        for (var l = 0; l < net.LayerCount; l++)
        {
            var w = net.Weights(l);
            for (var i = 0; i < w.GetLength(0); i++)
                for (var j = 0; j < w.GetLength(1); j++)
                    foreach (var x in Simpler(w[i, j]))
                    {
                        var copy = (Rational[,])w.Clone();
                        copy[i, j] = x;
                        yield return new NetworkCase(Replace(net, l, copy, net.Bias(l).ToArray()), "random (shrunk)");
                    }
            var b = net.Bias(l);
            for (var i = 0; i < b.Count; i++)
                foreach (var x in Simpler(b[i]))
                {
                    var copy = b.ToArray();
                    copy[i] = x;
                    yield return new NetworkCase(Replace(net, l, net.Weights(l), copy), "random (shrunk)");
                }
        }
    }

    /// <summary>Simpler rationals: 0, then the sign, then the nearest integer toward 0, then halves.</summary>
    public static IEnumerable<Rational> Simpler(Rational x)
    {
        if (x.IsZero) yield break;
        yield return Rational.Zero;
        if (Rational.Abs(x) != Rational.One) yield return x.Sign;
        if (!x.IsInteger)
        {
            var truncated = Rational.Create(System.Numerics.BigInteger.Divide(x.Numerator, x.Denominator), 1);
            if (!truncated.IsZero && Rational.Abs(truncated) != Rational.One) yield return truncated;
        }
        else if (BigInteger.Abs(x.Numerator) > 2) yield return x - x.Sign;
    }

    private static ReluNetwork Layers(ReluNetwork net, Func<int, (Rational[,] W, Rational[] B)?> layer) =>
        ReluNetwork.FromLayers(Enumerable.Range(0, net.LayerCount).Select(layer).Where(x => x is not null).Select(x => x!.Value).ToArray());

    private static ReluNetwork Replace(ReluNetwork net, int at, Rational[,] w, Rational[] b) =>
        Layers(net, l => l == at ? (w, b) : (net.Weights(l), net.Bias(l).ToArray()));

    private static ReluNetwork WithoutUnit(ReluNetwork net, int layer, int unit) => Layers(net, l =>
    {
        var w = net.Weights(l);
        var b = net.Bias(l).ToArray();
        if (l == layer) return (Remove(w, unit, rows: true), b.Where((_, i) => i != unit).ToArray());
        if (l == layer + 1) return (Remove(w, unit, rows: false), b);
        return (w, b);
    });

    /// <summary>Hidden layer ℓ removed: the next layer reads the previous one through W_{ℓ+1}W_ℓ and b_{ℓ+1} + W_{ℓ+1}b_ℓ (ReLU dropped).</summary>
    private static ReluNetwork WithoutLayer(ReluNetwork net, int layer) => Layers(net, l =>
    {
        if (l == layer) return null;
        if (l != layer + 1) return (net.Weights(l), net.Bias(l).ToArray());
        var (outer, inner) = (net.Weights(l), net.Weights(layer));
        var (bo, bi) = (net.Bias(l), net.Bias(layer));
        var w = new Rational[outer.GetLength(0), inner.GetLength(1)];
        var b = new Rational[outer.GetLength(0)];
        for (var i = 0; i < w.GetLength(0); i++)
        {
            b[i] = bo[i];
            for (var k = 0; k < inner.GetLength(0); k++)
            {
                b[i] += outer[i, k] * bi[k];
                for (var j = 0; j < w.GetLength(1); j++) w[i, j] += outer[i, k] * inner[k, j];
            }
        }
        return (w, b);
    });

    private static Rational[,] Remove(Rational[,] w, int index, bool rows)
    {
        var (r, c) = (w.GetLength(0), w.GetLength(1));
        var result = rows ? new Rational[r - 1, c] : new Rational[r, c - 1];
        for (int i = 0, ii = 0; i < r; i++)
        {
            if (rows && i == index) continue;
            for (int j = 0, jj = 0; j < c; j++)
            {
                if (!rows && j == index) continue;
                result[ii, jj++] = w[i, j];
            }
            ii++;
        }
        return result;
    }

    public static IReadOnlyList<NamedValue> Describe(NetworkCase c)
    {
        var values = new List<NamedValue>
        {
            new("family", Value.Of(c.Family)),
            new("L", Value.Of((long)c.Network.Depth)),
            new("widths", Value.Of("[" + string.Join(", ", c.Network.Widths) + "]")),
        };
        for (var l = 0; l < c.Network.LayerCount; l++)
        {
            values.Add(new($"W{l + 1}", RationalValues.Matrix(c.Network.Weights(l))));
            values.Add(new($"b{l + 1}", RationalValues.Row(c.Network.Bias(l))));
        }
        return values;
    }

    /// <summary>
    /// Reads "layers": [{"W": [[…]], "b": […]}, …] (W_1 has one column, the last W one row; entries exact: integers, decimals
    /// or "p/q"). At most <see cref="MaxEvalDepth"/> hidden layers of at most <see cref="MaxEvalWidth"/> units.
    /// </summary>
    public static ReluNetwork ReadNetwork(InputReader input, string key = "layers")
    {
        var layers = input.Objects(key);
        if (layers.Count > MaxEvalDepth + 1)
            throw new InputException($"the network has {layers.Count - 1} hidden layers, above the limit of {MaxEvalDepth}");
        var weights = new List<Rational[,]>();
        var biases = new List<IReadOnlyList<Rational>>();
        for (var l = 0; l < layers.Count; l++)
        {
            try
            {
                var w = RationalValues.ExactMatrix(layers[l], "W");
                if (w.GetLength(0) > MaxEvalWidth) throw new InputException($"{w.GetLength(0)} units, above the limit of {MaxEvalWidth}");
                weights.Add(w);
                biases.Add(RationalValues.ExactVector(layers[l], "b"));
            }
            catch (InputException e)
            {
                throw new InputException($"{key}[{l}] (layer {l + 1}): {e.Message}");
            }
        }
        return Validated.Create(() => new ReluNetwork(weights, biases));
    }

    public static readonly InputField LayersInput = new("layers", "the network: [{\"W\": rows, \"b\": entries}, …] from input to output; W1 has one column (scalar input), the last W one row (scalar output); exact entries (integers, decimals, \"p/q\")");

    public static InstanceType<NetworkCase> Any { get; } = InstanceType.Create("ReLU network ℝ → ℝ (random or construction)", Generator, Shrink, Describe) with
    {
        Reader = input => new NetworkCase(ReadNetwork(input), "user network"),
        Inputs = [LayersInput],
        SampleInput = """{ "layers": [ { "W": [[1], [1], [1]], "b": [0, "-1/2", -1] }, { "W": [[2, -4, 2]], "b": [0] } ] }""",
        Measure = c => new Dictionary<string, int> { ["L"] = c.Network.Depth, ["w"] = c.Network.MaxWidth },
        Sizes = [new("L", 1, MaxDepth), new("w", 1, MaxWidth)],
    };
}
