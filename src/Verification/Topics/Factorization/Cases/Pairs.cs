using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.LinearAlgebra;
using Verification.Reporting;

namespace Verification.Topics.Factorization;

/// <summary>
/// Instance types of factor pairs (U, V), X = UVᵀ: m, n ≤ 5 and r = 1, below, at and above min(m, n) up to 8; entries of
/// every matrix style (low rank, zero columns, controlled spectrum, small integers, …).
/// </summary>
public static class Pairs
{
    public const int MaxDimension = 5;
    public const int MaxWidth = 8;

    private static Gen<Factors> AnyGenerator { get; } = Gen.Sized(size =>
        from shape in Shapes.Factors(size, MaxDimension, MaxWidth)
        from u in Matrices.Any(shape.M, shape.R)
        from v in Matrices.Any(shape.N, shape.R)
        select new Factors(u, v));

    /// <summary>Fewer columns, rows of U, rows of V; then simpler entries.</summary>
    public static IEnumerable<Factors> Shrink(Factors c)
    {
        for (var k = 0; k < c.Width && c.Width > 1; k++) yield return new Factors(c.U.RemoveColumn(k), c.V.RemoveColumn(k));
        for (var i = 0; i < c.U.RowCount && c.U.RowCount > 1; i++) yield return c with { U = c.U.RemoveRow(i) };
        for (var j = 0; j < c.V.RowCount && c.V.RowCount > 1; j++) yield return c with { V = c.V.RemoveRow(j) };
        foreach (var u in Generators.Shrink.Entries(c.U)) yield return c with { U = u };
        foreach (var v in Generators.Shrink.Entries(c.V)) yield return c with { V = v };
    }

    public static IReadOnlyList<NamedValue> Describe(Factors c) =>
        [new("U", Value.Of(c.U)), new("V", Value.Of(c.V)), new("X", Value.Of(c.Product))];

    /// <summary>Pairs of every matrix style.</summary>
    public static InstanceType<Factors> Any { get; } = InstanceType.Create("factor pair (U, V)", AnyGenerator, Shrink, Describe) with
    {
        Reader = input =>
        {
            var (u, v) = Readers.Pair(input);
            return new Factors(u, v);
        },
        Inputs = [new("U", "m×r matrix"), new("V", "n×r matrix (same r)")],
        SampleInput = """{ "U": [[1, 2], [0, 1], [1, -1]], "V": [[2, 0], [1, 1]] }""",
        Measure = c => new Dictionary<string, int> { ["m"] = c.U.RowCount, ["n"] = c.V.RowCount, ["r"] = c.Width, ["rank"] = Matrices.Rank(c.Product) },
        Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("r", 1, MaxWidth), new("rank", 0, MaxDimension)],
    };

    /// <summary>Gram-balanced pairs UᵀU = VᵀV: balanced SVD factors of X (every style, r below/at/above min(m, n)) times a random rotation.</summary>
    public static InstanceType<Factors> GramBalanced { get; } = Any.WithGenerator("Gram-balanced factor pair (UᵀU = VᵀV)", Gen.Sized(size =>
        from shape in Shapes.Factors(size, MaxDimension, MaxWidth)
        from x in Matrices.Target(shape.M, shape.N)
        from rotation in Gen.Frequency((3, Matrices.Orthogonal(shape.R)), (1, Gen.Constant(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(shape.R))))
        let f = Factorizations.BalancedSvd(x, shape.R)
        select new Factors(f.U * rotation, f.V * rotation))) with
    {
        SampleInput = """{ "U": [[2, 0], [0, 1], [0, 0]], "V": [[2, 0], [0, 1]] }""",
    };

    /// <summary>Arbitrary pairs, pairs equalized by rescaling columns, and Gram-balanced pairs.</summary>
    public static InstanceType<Factors> Mixed { get; } = Any.WithGenerator("factor pair (U, V): arbitrary, equalized or Gram-balanced", Gen.Frequency(
        (3, AnyGenerator),
        (1, AnyGenerator.Select(Equalize)),
        (2, GramBalanced.Generator)));

    /// <summary>Rescales each nonzero column pair so that every product ‖u_i‖‖v_i‖ equals the mean product (product UVᵀ changes).</summary>
    public static Factors Equalize(Factors c)
    {
        var p = Balancing.Products(c.U, c.V);
        if (p.Any(x => x == 0)) return c;
        var target = p.Average();
        var u = c.U.Clone();
        for (var i = 0; i < p.Length; i++) u.SetColumn(i, u.Column(i) * (target / p[i]));
        return new Factors(u, c.V);
    }
}
