using Fractions;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.LinearNetworks;

/// <summary>Small builders for hand-computed exact instances, and an exact matrix assertion that prints both sides.</summary>
internal static class Hand
{
    public static Fraction F(long p, long q = 1) => new(p, q);

    /// <summary>A matrix from rows of integers.</summary>
    public static ExactMatrix M(params long[][] rows) =>
        ExactMatrix.FromRows(rows.Select(r => (IReadOnlyList<Fraction>)r.Select(e => F(e)).ToArray()).ToArray());

    /// <summary>A matrix from rows of fractions.</summary>
    public static ExactMatrix Q(params Fraction[][] rows) =>
        ExactMatrix.FromRows(rows.Select(r => (IReadOnlyList<Fraction>)r).ToArray());

    public static FieldMatrix<Fraction> W(params long[][] rows) => FieldMatrices.Of(M(rows));

    public static FieldMatrix<double> D(params double[][] rows) =>
        FieldMatrix<double>.Create(Fields.Double, rows.Length, rows[0].Length, (i, j) => rows[i][j]);

    /// <summary>The rotation [[3/5, −4/5], [4/5, 3/5]] = Cayley([[0, ½], [−½, 0]]).</summary>
    public static ExactMatrix Rotation => Q([F(3, 5), F(-4, 5)], [F(4, 5), F(3, 5)]);

    public static string Show(ExactMatrix m) =>
        "[" + string.Join("; ", Enumerable.Range(0, m.RowCount).Select(i => string.Join(", ", Enumerable.Range(0, m.ColumnCount).Select(j => Exact.Format(m[i, j]))))) + "]";

    public static void Equal(ExactMatrix expected, ExactMatrix actual)
    {
        Assert.Equal((expected.RowCount, expected.ColumnCount), (actual.RowCount, actual.ColumnCount));
        Assert.True(expected.EqualTo(actual), $"expected {Show(expected)}, got {Show(actual)}");
    }

    public static void Equal(ExactMatrix expected, FieldMatrix<Fraction> actual) => Equal(expected, actual.ToExact());
}
