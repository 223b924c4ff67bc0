using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;
using M = Verification.Symbolic.SymbolicMatrix;
using R = Verification.Symbolic.RationalFunction;

namespace Verification.ClaimsFiles;

/// <summary>How an instance of a file claim is evaluated.</summary>
public enum InstanceMode
{
    /// <summary>Every entry of every deterministic symbol is a symbol: both sides are derived and their difference expanded.</summary>
    Symbolic,
    /// <summary>Exact rational values: both sides are evaluated in rational arithmetic.</summary>
    Exact,
    /// <summary>Double values: both sides are evaluated in floating point, each with a rigorous error bound.</summary>
    Floating,
}

/// <summary>The value of one deterministic symbol: exact rationals or doubles (a scalar is 1×1).</summary>
public sealed record SymbolValue(string Name, ExactMatrix? Exact, Matrix<double>? Floating)
{
    public int Rows => Exact?.RowCount ?? Floating!.RowCount;
    public int Columns => Exact?.ColumnCount ?? Floating!.ColumnCount;
}

/// <summary>
/// An instance of a file claim: an assignment of the dimensions and, unless it is symbolic, of every deterministic symbol
/// (random symbols are averaged over by the expectations, never assigned).
/// </summary>
public sealed record FileInstance(InstanceMode Mode, IReadOnlyList<KeyValuePair<string, int>> Dimensions, IReadOnlyList<SymbolValue> Values)
{
    /// <summary>How expectations are computed in floating point (eval's --monte-carlo, samples, seed).</summary>
    public ExpectationSettings Settings { get; init; } = ExpectationSettings.Default;

    public IReadOnlyDictionary<string, int> DimensionMap => Dimensions.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);

    public string SizeText => Dimensions.Count == 0 ? "no dimensions" : string.Join(", ", Dimensions.Select(d => $"{d.Key}={d.Value}"));

    /// <summary>The values as exact constants of the symbolic engine (doubles are the dyadic rationals they are).</summary>
    public IReadOnlyDictionary<string, M> ExactValues() => Values.ToDictionary(v => v.Name, v =>
    {
        var e = v.Exact ?? ExactMatrix.FromDoubles(v.Floating!);
        return M.Create(e.RowCount, e.ColumnCount, (i, j) => R.Constant(e[i, j]));
    }, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Matrix<double>> FloatingValues() =>
        Values.ToDictionary(v => v.Name, v => v.Floating ?? Matrix<double>.Build.Dense(v.Exact!.RowCount, v.Exact.ColumnCount, (i, j) => Doubles.Of(v.Exact[i, j])), StringComparer.Ordinal);

    /// <summary>The same assignment read as exact rationals (for the exact path of a floating instance).</summary>
    public FileInstance AsExact() => this with
    {
        Mode = InstanceMode.Exact,
        Values = Values.Select(v => v.Exact is not null ? v : v with { Exact = ExactMatrix.FromDoubles(v.Floating!), Floating = null }).ToList(),
    };

    public static Fraction Entry(SymbolValue v, int i, int j) => v.Exact is { } e ? e[i, j] : Numerics.Exact.FromDouble(v.Floating![i, j]);
}
