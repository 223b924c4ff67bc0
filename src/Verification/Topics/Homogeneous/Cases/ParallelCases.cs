using FsCheck;
using FsCheck.Fluent;
using Fractions;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.Reporting;

namespace Verification.Topics.Homogeneous;

/// <summary>A parallel network Φ = Σ_i φ(W_i), the architecture of the subnetwork to append with zero weights, and an input x.</summary>
public sealed record ParallelCase(ParallelNetwork Net, Network Appended, Fraction[] X);

/// <summary>
/// Instances of homogeneous.parallel-zero-subnetwork: 1 to 3 positively homogeneous subnetworks (1 to 3 linear layers each,
/// ReLU, leaky ReLU, max-pooling) from inputs of size n0 ≤ 4 to outputs of size ≤ 3, and the architecture of one more
/// (1 to 3 linear layers, not necessarily like the others). Size 1 gives one subnetwork on n0 = 1, size 100 three on n0 = 4.
/// </summary>
public static class ParallelCases
{
    public const int MaxSubnetworks = 3;

    public static InstanceType<ParallelCase> All { get; } = InstanceType.Create("parallel network Σ φ(W_i), appended architecture and input x",
        Gen.Sized(size =>
            from n0 in size >= 100 ? Gen.Constant(Architectures.MaxSize) : size <= 1 ? Gen.Constant(1) : Shapes.Dimension(size, Architectures.MaxSize)
            from count in size >= 100 ? Gen.Constant(MaxSubnetworks) : size <= 1 ? Gen.Constant(1) : Gen.Choose(1, MaxSubnetworks)
            from output in Gen.Choose(1, 3)
            from subnetworks in Gen.ListOf(Gen.Choose(1, 3).SelectMany(k => Architectures.Network(n0, k, output, false, false)), count)
            from appendedDegree in Gen.Choose(1, 3)
            from appended in Architectures.Network(n0, appendedDegree, output, false, false)
            from x in Architectures.Vector(n0)
            select new ParallelCase(ParallelNetwork.Create(subnetworks.ToArray()), appended, x)),
        Shrink,
        c => [new("subnetworks", Value.Of(c.Net.Describe())), new("appended", Value.Of(c.Appended.Describe())), new("x", Value.Of(HomogeneityCases.Column(c.X)))]) with
    {
        Reader = Read,
        Inputs =
        [
            new("subnetworks", "array of {\"layers\": […]} (the layer objects of homogeneous.positive-homogeneity), with the same input and output sizes"),
            new("x", "input vector (exact)"),
            new("zero", "optional {\"layers\": […]}: the architecture of the appended subnetwork, whose weights are set to 0 (default: that of the first subnetwork)"),
        ],
        SampleInput = """{ "subnetworks": [ { "layers": [ { "type": "linear", "W": [[1, 2], [-1, 1]] }, { "type": "relu" }, { "type": "linear", "W": [[1, "1/2"]] } ] }, { "layers": [ { "type": "linear", "W": [["2/3", -1]] } ] } ], "x": [1, -1] }""",
        Measure = c => new Dictionary<string, int> { ["n0"] = c.Net.InputSize, ["subnetworks"] = c.Net.Subnetworks.Count },
        Sizes = [new("n0", 1, Architectures.MaxSize), new("subnetworks", 1, MaxSubnetworks)],
    };

    public static IEnumerable<ParallelCase> Shrink(ParallelCase c)
    {
        var subnetworks = c.Net.Subnetworks;
        for (var i = 0; i < subnetworks.Count && subnetworks.Count > 1; i++)
            yield return c with { Net = ParallelNetwork.Create(subnetworks.Where((_, k) => k != i).ToArray()) };
        foreach (var appended in Architectures.Shrink(c.Appended).Where(a => a.OutputSize == c.Net.OutputSize && a.Degree >= 1))
            yield return c with { Appended = appended };
        for (var i = 0; i < subnetworks.Count; i++)
            foreach (var net in Architectures.Shrink(subnetworks[i]).Where(a => a.OutputSize == c.Net.OutputSize))
                yield return c with { Net = ParallelNetwork.Create(subnetworks.Select((s, k) => k == i ? net : s).ToArray()) };
        for (var i = 0; i < c.X.Length; i++)
            foreach (var v in Architectures.SimplerFractions(c.X[i]))
            {
                var x = (Fraction[])c.X.Clone();
                x[i] = v;
                yield return c with { X = x };
            }
    }

    private static ParallelCase Read(InputReader input)
    {
        var x = input.ExactVector("x").ToArray();
        var subnetworks = input.Objects("subnetworks").Select((s, i) =>
        {
            try
            {
                return Architectures.ReadNetwork(s, x.Length);
            }
            catch (InputException e)
            {
                throw new InputException($"subnetworks[{i}]: {e.Message}");
            }
        }).ToArray();
        var net = Validated.Create(() => ParallelNetwork.Create(subnetworks));
        var appended = input.Has("zero") ? Architectures.ReadNetwork(input.Object("zero"), x.Length) : subnetworks[0];
        if (appended.Degree == 0) throw new InputException("the appended subnetwork needs at least one linear layer (its weights are what is set to 0)");
        if (appended.OutputSize != net.OutputSize)
            throw new InputException($"the appended subnetwork has outputs of size {appended.OutputSize} but the others of size {net.OutputSize}");
        return new ParallelCase(net, appended, x);
    }
}
