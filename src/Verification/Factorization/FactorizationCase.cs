using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Claims;
using Verification.Generators;

namespace Verification.Factorization;

/// <summary>A factorization X = U·Vᵀ with U (m×r) and V (n×r).</summary>
public sealed record FactorizationCase(Matrix<double> U, Matrix<double> V)
{
    public Matrix<double> X => U * V.Transpose();
    public int Width => U.ColumnCount;
}

public static class FactorizationGenerators
{
    /// <summary>r = 1, below, at and above min(m, n); factors of every matrix style (low rank, zero columns, controlled spectrum, …).</summary>
    public static Gen<FactorizationCase> Cases { get; } = Gen.Sized(size =>
    {
        var maxDim = 1 + Math.Min(size, 100) / 20;
        return from m in Shapes.Dimension(maxDim)
               from n in Shapes.Dimension(maxDim)
               from r in Shapes.Width(m, n)
               from u in Matrices.Any(m, r)
               from v in Matrices.Any(n, r)
               select new FactorizationCase(u, v);
    });

    public static IEnumerable<FactorizationCase> Shrink(FactorizationCase c)
    {
        for (var k = 0; k < c.Width && c.Width > 1; k++)
            yield return new FactorizationCase(c.U.RemoveColumn(k), c.V.RemoveColumn(k));
        for (var i = 0; i < c.U.RowCount && c.U.RowCount > 1; i++)
            yield return c with { U = c.U.RemoveRow(i) };
        for (var j = 0; j < c.V.RowCount && c.V.RowCount > 1; j++)
            yield return c with { V = c.V.RemoveRow(j) };
        foreach (var u in Generators.Shrink.Entries(c.U)) yield return c with { U = u };
        foreach (var v in Generators.Shrink.Entries(c.V)) yield return c with { V = v };
    }

    public static IReadOnlyList<NamedValue> Describe(FactorizationCase c) =>
        [new("U", Value.Of(c.U)), new("V", Value.Of(c.V)), new("X", Value.Of(c.X))];
}
