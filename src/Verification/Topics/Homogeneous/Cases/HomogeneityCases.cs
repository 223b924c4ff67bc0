using FsCheck;
using FsCheck.Fluent;
using Fractions;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Homogeneous;

/// <summary>A network φ, an input x and a scale α: φ(αW¹, …, αW^K)(x) against α^K·φ(W¹, …, W^K)(x).</summary>
public sealed record HomogeneityCase(Network Net, Fraction[] X, Fraction Alpha);

/// <summary>
/// Instances of the homogeneity claims: inputs of size n0 from 1 to 4, K from 1 to 4 linear layers (size 1 gives n0 = K = 1,
/// size 100 gives n0 = K = 4) with the nonlinear layers of <see cref="Architectures"/>, rational x and α ≥ 0. The positively
/// homogeneous family has no sigmoid; the sigmoid family has at least one.
/// </summary>
public static class HomogeneityCases
{
    private static Gen<HomogeneityCase> Generator(bool sigmoid) => Gen.Sized(size =>
        from n0 in size >= 100 ? Gen.Constant(Architectures.MaxSize) : size <= 1 ? Gen.Constant(1) : Shapes.Dimension(size, Architectures.MaxSize)
        from degree in size >= 100 ? Gen.Constant(Architectures.MaxDegree) : size <= 1 ? Gen.Constant(1) : Gen.Choose(1, Shapes.Cap(size, Architectures.MaxDegree))
        from net in Architectures.Network(n0, degree, null, sigmoid, forceSigmoid: sigmoid)
        from x in Architectures.Vector(n0)
        from alpha in Architectures.Alpha
        select new HomogeneityCase(net, x, alpha));

    /// <summary>A layer fewer or simpler weights, α toward 0 and 1, simpler input entries.</summary>
    public static IEnumerable<HomogeneityCase> Shrink(HomogeneityCase c)
    {
        foreach (var a in new[] { Fraction.Zero, Fraction.One }.Where(a => a != c.Alpha && (a.IsZero || !c.Alpha.IsZero))) yield return c with { Alpha = a };
        foreach (var net in Architectures.Shrink(c.Net)) yield return c with { Net = net };
        for (var i = 0; i < c.X.Length; i++)
            foreach (var v in Architectures.SimplerFractions(c.X[i]))
            {
                var x = (Fraction[])c.X.Clone();
                x[i] = v;
                yield return c with { X = x };
            }
    }

    public static IReadOnlyList<NamedValue> Describe(HomogeneityCase c) =>
    [
        new("layers", Value.Of(c.Net.Describe())),
        .. c.Net.LinearLayers.Select((l, k) => new NamedValue($"W{k + 1}", Value.Of(l.W))),
        new("x", Value.Of(Column(c.X))),
        new("alpha", Value.Of(c.Alpha)),
    ];

    /// <summary>A vector as a 1×n exact matrix, for reports.</summary>
    public static ExactMatrix Column(Fraction[] x) => ExactMatrix.Create(1, x.Length, (_, j) => x[j]);

    public static HomogeneityCase Read(InputReader input)
    {
        var x = input.ExactVector("x").ToArray();
        var net = Architectures.ReadNetwork(input, x.Length);
        var alpha = input.Has("alpha") ? input.ExactScalar("alpha") : new Fraction(2);
        if (alpha < Fraction.Zero) throw new InputException($"alpha must be ≥ 0 (positive homogeneity is claimed for α ≥ 0), got {Exact.Format(alpha)}");
        return new HomogeneityCase(net, x, alpha);
    }

    private static InstanceType<HomogeneityCase> Create(string name, bool sigmoid, string sample) =>
        InstanceType.Create(name, Generator(sigmoid), Shrink, Describe) with
        {
            Reader = Read,
            Inputs = [new("layers", Architectures.LayersHelp), new("x", "input vector (exact: integers, decimals or \"p/q\")"), new("alpha", "optional scale α ≥ 0 (default 2)")],
            SampleInput = sample,
            Measure = c => new Dictionary<string, int> { ["n0"] = c.Net.InputSize, ["K"] = c.Net.Degree },
            Sizes = [new("n0", 1, Architectures.MaxSize), new("K", 1, Architectures.MaxDegree)],
        };

    /// <summary>Networks of linear, ReLU, leaky ReLU and max-pooling layers.</summary>
    public static InstanceType<HomogeneityCase> PositivelyHomogeneous { get; } = Create("bias-free ReLU / leaky ReLU / max-pool network, input x and α ≥ 0", false,
        """{ "layers": [ { "type": "linear", "W": [[1, -2], [3, "1/2"], [0, 1]] }, { "type": "relu" }, { "type": "max-pool", "window": 2, "stride": 1 }, { "type": "linear", "W": [["-1/3", 2]] }, { "type": "leaky-relu", "slope": "1/10" } ], "x": [1, "-2/3"], "alpha": "3/2" }""");

    /// <summary>Networks with at least one sigmoid layer.</summary>
    public static InstanceType<HomogeneityCase> WithSigmoid { get; } = Create("bias-free network with a sigmoid layer, input x and α ≥ 0", true,
        """{ "layers": [ { "type": "linear", "W": [[0]] }, { "type": "sigmoid" } ], "x": [0], "alpha": 0 }""");
}
