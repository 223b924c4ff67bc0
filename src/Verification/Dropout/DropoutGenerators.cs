using FsCheck;
using FsCheck.Fluent;
using Verification.Claims;
using Verification.Generators;

namespace Verification.Dropout;

/// <summary>Generators and shrinkers of dropout instances: m ≠ n, r below/at/above min(m, n), r = 1, zero columns, θ = 1, small θ.</summary>
public static class DropoutGenerators
{
    /// <summary>Widths up to <paramref name="maxWidth"/>; dimensions grow with the FsCheck size from 1 to 5.</summary>
    public static Gen<DropoutCase> Cases(int maxWidth) => Gen.Sized(size =>
    {
        var maxDim = 1 + Math.Min(size, 100) / 25;
        return from m in Shapes.Dimension(maxDim)
               from n in Shapes.Dimension(maxDim)
               from r in Shapes.Width(m, n).Select(w => Math.Min(w, maxWidth))
               from y in Matrices.Any(m, n)
               from u in Matrices.Any(m, r)
               from v in Matrices.Any(n, r)
               from theta in Scalars.RetainRate
               select new DropoutCase(y, u, v, theta);
    });

    /// <summary>Cases whose width is beyond exact enumeration in a claim's budget (Monte Carlo regime).</summary>
    public static Gen<DropoutCase> WideCases(int minWidth, int maxWidth) =>
        from m in Shapes.Dimension(3)
        from n in Shapes.Dimension(3)
        from r in Gen.Choose(minWidth, maxWidth)
        from y in Matrices.Dyadic(m, n)
        from u in Matrices.Gaussian(m, r)
        from v in Matrices.Gaussian(n, r)
        from theta in Gen.Elements(0.5, 0.75, 0.9, 1.0)
        select new DropoutCase(y, u, v, theta);

    /// <summary>Fewer units, rows and columns first; then θ ∈ {1/2, 1}; then simpler entries.</summary>
    public static IEnumerable<DropoutCase> Shrink(DropoutCase c)
    {
        for (var k = 0; k < c.Width && c.Width > 1; k++)
            yield return c with { U = c.U.RemoveColumn(k), V = c.V.RemoveColumn(k) };
        for (var i = 0; i < c.Y.RowCount && c.Y.RowCount > 1; i++)
            yield return c with { Y = c.Y.RemoveRow(i), U = c.U.RemoveRow(i) };
        for (var j = 0; j < c.Y.ColumnCount && c.Y.ColumnCount > 1; j++)
            yield return c with { Y = c.Y.RemoveColumn(j), V = c.V.RemoveRow(j) };
        foreach (var t in Scalars.ShrinkRetainRate(c.Theta)) yield return c with { Theta = t };
        foreach (var y in Generators.Shrink.Entries(c.Y)) yield return c with { Y = y };
        foreach (var u in Generators.Shrink.Entries(c.U)) yield return c with { U = u };
        foreach (var v in Generators.Shrink.Entries(c.V)) yield return c with { V = v };
    }

    public static IReadOnlyList<NamedValue> Describe(DropoutCase c) =>
    [
        new("Y", Value.Of(c.Y)),
        new("U", Value.Of(c.U)),
        new("V", Value.Of(c.V)),
        new("theta", Value.Of(c.Theta)),
    ];
}

/// <summary>Exact rational dropout instances: small p/q entries and θ = p/q, for the exact identity checks.</summary>
public static class ExactDropoutGenerators
{
    public static Gen<ExactDropoutCase> Cases(int maxWidth) =>
        from m in Shapes.Dimension(3)
        from n in Shapes.Dimension(3)
        from r in Gen.Choose(1, maxWidth)
        from y in Rationals.Matrix(m, n)
        from u in Rationals.Matrix(m, r)
        from v in Rationals.Matrix(n, r)
        from theta in Rationals.RetainRate
        select new ExactDropoutCase(y, u, v, theta);
}
