using FsCheck;
using FsCheck.Fluent;
using Fractions;
using Verification.Generators;
using Verification.Input;
using Verification.Numerics;

namespace Verification.Topics.Homogeneous;

/// <summary>
/// Generators, shrinkers and the `eval` reader of network architectures: K linear layers (weights p/q with |p| ≤ 5, q ≤ 7)
/// of output sizes 1 to 4, each preceded half the time by a nonlinear layer (ReLU, leaky ReLU with slope 1/10, 1/2, 2 or −1/3,
/// max-pooling with window ≤ the size and stride ≤ the window, or, where allowed, a sigmoid), and an optional nonlinear
/// layer at the end.
/// </summary>
public static class Architectures
{
    public const int MaxSize = 4;
    public const int MaxDegree = 4;

    /// <summary>The most layers `eval` reads in one network (exact arithmetic: numbers grow with depth).</summary>
    public const int MaxEvalLayers = 64;

    public static Gen<Fraction> Weight { get; } = Rationals.Small();

    public static Gen<Fraction[]> Vector(int size) => Gen.ArrayOf(Rationals.Small(), size);

    /// <summary>α ≥ 0: 0, 1, simple values and small fractions p/q.</summary>
    public static Gen<Fraction> Alpha { get; } = Gen.Frequency(
        (1, Gen.Elements(Fraction.Zero, Fraction.One, new Fraction(2), new Fraction(1, 2))),
        (3, Gen.Zip(Gen.Choose(0, 9), Gen.Choose(1, 7)).Select(t => new Fraction(t.Item1, t.Item2))));

    private static Gen<Layer> Nonlinear(int size, bool sigmoid)
    {
        var choices = new List<(int, Gen<Layer>)>
        {
            (3, Gen.Constant<Layer>(new Relu())),
            (2, Gen.Elements(new Fraction(1, 10), new Fraction(1, 2), new Fraction(2), new Fraction(-1, 3)).Select(s => (Layer)new LeakyRelu(s))),
            (2, Gen.Choose(1, size).SelectMany(w => Gen.Choose(1, w).Select(s => (Layer)new MaxPool(w, s)))),
        };
        if (sigmoid) choices.Add((3, Gen.Constant<Layer>(new Sigmoid())));
        return Gen.Frequency(choices.ToArray());
    }

    private static Gen<Layer> LinearLayer(int input, int output) =>
        Gen.ArrayOf(Weight, input * output).Select(a => (Layer)new Linear(ExactMatrix.Create(output, input, (i, j) => a[i * input + j])));

    /// <summary>
    /// A network on inputs of size n0 with <paramref name="degree"/> linear layers; with <paramref name="output"/>, the last linear
    /// layer maps to that size and a final nonlinear layer keeps it. <paramref name="sigmoid"/>: sigmoids may occur;
    /// <paramref name="forceSigmoid"/>: at least one occurs (right after a linear layer when none was drawn).
    /// </summary>
    public static Gen<Network> Network(int n0, int degree, int? output, bool sigmoid, bool forceSigmoid) =>
        Build(n0, degree, output, sigmoid, 0, []).Select(layers =>
        {
            if (forceSigmoid && !layers.Any(l => l is Sigmoid))
            {
                var at = layers.FindIndex(l => l is Linear);
                layers.Insert(at + 1, new Sigmoid());
            }
            return Homogeneous.Network.Create(n0, layers);
        });

    private static Gen<List<Layer>> Build(int size, int remaining, int? output, bool sigmoid, int built, List<Layer> layers)
    {
        if (remaining == 0)
            return Gen.Frequency(
                (1, Gen.Constant(layers)),
                (1, (output is null ? Nonlinear(size, sigmoid) : Nonlinear(size, sigmoid).Where(l => l is not MaxPool)).Select(l => Append(layers, l))));
        var next = remaining == 1 && output is { } o ? Gen.Constant(o) : Gen.Choose(1, MaxSize);
        return from before in Gen.Elements(true, false)
               from pre in before ? Nonlinear(size, sigmoid).Select(l => (Layer?)l) : Gen.Constant<Layer?>(null)
               let afterPre = pre is null ? size : pre.OutputSize(size)
               from width in next
               from linear in LinearLayer(afterPre, width)
               from rest in Build(width, remaining - 1, output, sigmoid, built + 1, Append(pre is null ? layers : Append(layers, pre), linear))
               select rest;
    }

    private static List<Layer> Append(List<Layer> layers, Layer layer) => [.. layers, layer];

    /// <summary>Networks with a layer fewer (when the rest still composes), then simpler weights (0, ±1, integers) one at a time.</summary>
    public static IEnumerable<Network> Shrink(Network net)
    {
        for (var k = 0; k < net.Layers.Count && net.Layers.Count > 1; k++)
        {
            var layers = net.Layers.Where((_, i) => i != k).ToList();
            if (TryCreate(net.InputSize, layers) is { } smaller) yield return smaller;
        }
        for (var k = 0; k < net.Layers.Count; k++)
            if (net.Layers[k] is Linear { W.RowCount: > 1 } unit)
                for (var i = 0; i < unit.W.RowCount; i++)
                    if (WithoutUnit(net, k, i) is { } narrower) yield return narrower;
        for (var k = 0; k < net.Layers.Count; k++)
        {
            if (net.Layers[k] is not Linear linear) continue;
            for (var i = 0; i < linear.W.RowCount; i++)
                for (var j = 0; j < linear.W.ColumnCount; j++)
                    foreach (var w in SimplerFractions(linear.W[i, j]))
                    {
                        var (row, column, value) = (i, j, w);
                        var changed = new Linear(ExactMatrix.Create(linear.W.RowCount, linear.W.ColumnCount, (a, b) => a == row && b == column ? value : linear.W[a, b]));
                        yield return net with { Layers = net.Layers.Select((l, index) => index == k ? changed : l).ToArray() };
                    }
        }
    }

    /// <summary>
    /// The network without output unit i of linear layer k: row i of W^k goes, and so does column i of the next linear layer
    /// when only entrywise layers (ReLU, leaky ReLU, sigmoid) stand between; null when a max-pooling layer is in the way.
    /// </summary>
    public static Network? WithoutUnit(Network net, int k, int i)
    {
        var layers = net.Layers.ToList();
        var w = ((Linear)layers[k]).W;
        layers[k] = new Linear(ExactMatrix.Create(w.RowCount - 1, w.ColumnCount, (a, b) => w[a < i ? a : a + 1, b]));
        for (var j = k + 1; j < layers.Count; j++)
        {
            if (layers[j] is MaxPool) return null;
            if (layers[j] is not Linear next) continue;
            layers[j] = new Linear(ExactMatrix.Create(next.W.RowCount, next.W.ColumnCount - 1, (a, b) => next.W[a, b < i ? b : b + 1]));
            break;
        }
        return TryCreate(net.InputSize, layers);
    }

    private static Network? TryCreate(int inputSize, IReadOnlyList<Layer> layers)
    {
        try
        {
            return Homogeneous.Network.Create(inputSize, layers);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>0, then ±1, then the integer part: strictly simpler values.</summary>
    public static IEnumerable<Fraction> SimplerFractions(Fraction x)
    {
        if (x.IsZero) yield break;
        yield return Fraction.Zero;
        var sign = x < Fraction.Zero ? Fraction.MinusOne : Fraction.One;
        if (x != sign) yield return sign;
        var integer = new Fraction(x.Numerator / x.Denominator);
        if (integer != x && !integer.IsZero && integer != sign) yield return integer;
    }

    /// <summary>
    /// Layers from `eval` JSON: an array of objects {"type": "linear", "W": [[…]]}, {"type": "relu"},
    /// {"type": "leaky-relu", "slope": "1/10"}, {"type": "max-pool", "window": 2, "stride": 2}, {"type": "sigmoid"}; entries
    /// are exact (integers, decimals or "p/q").
    /// </summary>
    public static IReadOnlyList<Layer> ReadLayers(InputReader input, string key = "layers")
    {
        var layers = new List<Layer>();
        var items = input.Objects(key);
        if (items.Count > MaxEvalLayers)
            throw new InputException($"{key} has {items.Count} layers, above {MaxEvalLayers}: eval evaluates the network in exact rational arithmetic, whose numbers grow with depth");
        foreach (var (item, k) in items.Select((r, k) => (r, k)))
        {
            try
            {
                layers.Add(ReadLayer(item));
            }
            catch (InputException e)
            {
                throw new InputException($"{key}[{k}]: {e.Message}");
            }
        }
        return layers;
    }

    private static Layer ReadLayer(InputReader item) => item.Text("type") switch
    {
        "linear" => new Linear(item.ExactMatrix("W")),
        "relu" => new Relu(),
        "leaky-relu" => new LeakyRelu(item.Has("slope") ? item.ExactScalar("slope") : new Fraction(1, 100)),
        "max-pool" => new MaxPool(item.Integer("window"), item.Has("stride") ? item.Integer("stride") : item.Integer("window")),
        "sigmoid" => new Sigmoid(),
        var other => throw new InputException($"unknown layer type \"{other}\" (known: linear, relu, leaky-relu, max-pool, sigmoid)"),
    };

    /// <summary>A network read from "layers" on the input "x": shapes that do not compose are one-line input errors.</summary>
    public static Network ReadNetwork(InputReader input, int inputSize, string key = "layers")
    {
        var layers = ReadLayers(input, key);
        return Validated.Create(() => Homogeneous.Network.Create(inputSize, layers));
    }

    public static string LayersHelp =>
        "array of layers: {\"type\": \"linear\", \"W\": [[…]]}, {\"type\": \"relu\"}, {\"type\": \"leaky-relu\", \"slope\": \"1/10\"}, {\"type\": \"max-pool\", \"window\": 2, \"stride\": 2}, {\"type\": \"sigmoid\"}";
}
