using MathNet.Numerics.LinearAlgebra;

namespace Verification.Generators;

/// <summary>
/// Shrinking toward small, readable instances: fewer rows and columns, then integer entries, then zeros and
/// entries of smaller magnitude. Instance shrinkers compose these so that tied dimensions shrink together.
/// </summary>
public static class Shrink
{
    /// <summary>Simpler versions of one matrix of fixed shape: all entries rounded, then one entry simplified at a time.</summary>
    public static IEnumerable<Matrix<double>> Entries(Matrix<double> m)
    {
        var rounded = m.Map(x => Math.Round(x) + 0.0); // + 0.0 turns −0 into 0
        if (!rounded.Equals(m)) yield return rounded;
        for (var i = 0; i < m.RowCount; i++)
            for (var j = 0; j < m.ColumnCount; j++)
                foreach (var x in Scalar(m[i, j]))
                {
                    var c = m.Clone();
                    c[i, j] = x;
                    yield return c;
                }
    }

    /// <summary>Simpler values: 0, the nearest integer, ±1, the absolute value, one step toward 0, a multiple of 1/4.</summary>
    public static IEnumerable<double> Scalar(double x)
    {
        if (x == 0) yield break;
        var candidates = new List<double> { 0, Math.Round(x) + 0.0, Math.Sign(x), Math.Abs(x) };
        if (Math.Abs(x) > 1 && Math.Round(x) == x) candidates.Add(x - Math.Sign(x));
        candidates.Add(Math.Round(4 * x) / 4 + 0.0);
        foreach (var c in candidates.Distinct())
            if (c != x) yield return c;
    }

    /// <summary>A smaller target and factors (Y m×n, U m×r, V n×r): one unit fewer, then one row fewer, then one column fewer.</summary>
    public static IEnumerable<(Matrix<double> Y, Matrix<double> U, Matrix<double> V)> Smaller(Matrix<double> y, Matrix<double> u, Matrix<double> v)
    {
        for (var k = 0; k < u.ColumnCount && u.ColumnCount > 1; k++) yield return (y, u.RemoveColumn(k), v.RemoveColumn(k));
        for (var i = 0; i < y.RowCount && y.RowCount > 1; i++) yield return (y.RemoveRow(i), u.RemoveRow(i), v);
        for (var j = 0; j < y.ColumnCount && y.ColumnCount > 1; j++) yield return (y.RemoveColumn(j), u, v.RemoveRow(j));
    }

    /// <summary>Simpler entries of the target, then of each factor (<see cref="Entries"/>), one matrix at a time.</summary>
    public static IEnumerable<(Matrix<double> Y, Matrix<double> U, Matrix<double> V)> SimplerEntries(Matrix<double> y, Matrix<double> u, Matrix<double> v)
    {
        foreach (var e in Entries(y)) yield return (e, u, v);
        foreach (var e in Entries(u)) yield return (y, e, v);
        foreach (var e in Entries(v)) yield return (y, u, e);
    }
}
