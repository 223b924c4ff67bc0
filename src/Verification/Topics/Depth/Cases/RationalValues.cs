using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Depth;

/// <summary>Exact rationals, lists and matrices of them as report values (strings "p/q"), and exact rationals read from `eval` JSON.</summary>
public static class RationalValues
{
    public static Value Of(Rational x) => new ExactValue(x.ToString());

    public static Value Of(System.Numerics.BigInteger x) => new ExactValue(x.ToString());

    /// <summary>A list as one row.</summary>
    public static Value Row(IEnumerable<Rational> xs) => new ExactMatrixValue([xs.Select(x => x.ToString()).ToArray()]);

    public static Value Matrix(Rational[,] m) => new ExactMatrixValue(
        Enumerable.Range(0, m.GetLength(0)).Select(i => (IReadOnlyList<string>)Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j].ToString()).ToArray()).ToArray());

    /// <summary>The pieces of a function as report values: breakpoints, slopes, intercepts and the values at the breakpoints.</summary>
    public static IEnumerable<NamedValue> Pieces(PiecewiseLinear f, string prefix = "")
    {
        string Name(string s) => prefix.Length == 0 ? s : prefix + char.ToUpperInvariant(s[0]) + s[1..];
        yield return new(Name("breakpoints"), Row(f.Breakpoints));
        yield return new(Name("slopes"), Row(f.Slopes));
        yield return new(Name("intercepts"), Row(f.Intercepts));
        yield return new(Name("values"), Row(Enumerable.Range(0, f.PieceCount - 1).Select(f.ValueAtBreakpoint)));
    }

    public static Rational ExactScalar(InputReader input, string name) => Rational.FromFraction(input.ExactScalar(name));

    public static Rational[] ExactVector(InputReader input, string name) => input.ExactVector(name).Select(Rational.FromFraction).ToArray();

    public static Rational[,] ExactMatrix(InputReader input, string name)
    {
        var m = input.ExactMatrix(name);
        var r = new Rational[m.RowCount, m.ColumnCount];
        for (var i = 0; i < m.RowCount; i++)
            for (var j = 0; j < m.ColumnCount; j++) r[i, j] = Rational.FromFraction(m[i, j]);
        return r;
    }
}
