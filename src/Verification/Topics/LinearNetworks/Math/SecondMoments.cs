using Fractions;
using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>
/// Empirical second moments of samples X ∈ ℝ^{n₀×N}, Y ∈ ℝ^{n_L×N}: Σ_xx = XXᵀ/N, Σ_yx = YXᵀ/N, Σ_yy = YYᵀ/N, exactly (a double
/// converts to a rational exactly, so moments of floating-point data are exact too). The risk of a product P is
/// R(P) = tr Σ_yy − 2 tr(P Σ_xy) + tr(P Σ_xx Pᵀ).
/// </summary>
public sealed class SecondMoments
{
    public SecondMoments(ExactMatrix sxx, ExactMatrix syx, ExactMatrix syy)
    {
        if (sxx.RowCount != sxx.ColumnCount || !sxx.IsSymmetric()) throw new ArgumentException($"Σ_xx must be square and symmetric, got a {sxx.RowCount}×{sxx.ColumnCount} matrix{(sxx.RowCount == sxx.ColumnCount ? " that is not symmetric" : "")}");
        if (syy.RowCount != syy.ColumnCount || !syy.IsSymmetric()) throw new ArgumentException($"Σ_yy must be square and symmetric, got a {syy.RowCount}×{syy.ColumnCount} matrix{(syy.RowCount == syy.ColumnCount ? " that is not symmetric" : "")}");
        if (syx.ColumnCount != sxx.RowCount) throw new ArgumentException($"mismatched shapes: Σ_yx has {syx.ColumnCount} columns but Σ_xx is {sxx.RowCount}×{sxx.RowCount}");
        if (syx.RowCount != syy.RowCount) throw new ArgumentException($"mismatched shapes: Σ_yx has {syx.RowCount} rows but Σ_yy is {syy.RowCount}×{syy.RowCount}");
        Sxx = sxx;
        Syx = syx;
        Syy = syy;
    }

    public ExactMatrix Sxx { get; }
    public ExactMatrix Syx { get; }
    public ExactMatrix Syy { get; }
    public ExactMatrix Sxy => Syx.Transpose();

    /// <summary>n₀, the input dimension.</summary>
    public int InputDimension => Sxx.RowCount;

    /// <summary>n_L, the output dimension.</summary>
    public int OutputDimension => Syx.RowCount;

    /// <summary>The moments of samples with weight 1/N (the risk R = (1/N)‖Y − PX‖²).</summary>
    public static SecondMoments FromSamples(ExactMatrix x, ExactMatrix y) => FromSamples(x, y, new Fraction(1, x.ColumnCount));

    /// <summary>The moments with another weight w: ½ gives f = ½‖Y − PX‖², the objective of linear.shallow-origin-strict.</summary>
    public static SecondMoments FromSamples(ExactMatrix x, ExactMatrix y, Fraction weight)
    {
        if (x.ColumnCount != y.ColumnCount) throw new ArgumentException($"mismatched shapes: X has {x.ColumnCount} samples (columns) but Y has {y.ColumnCount}");
        var xt = x.Transpose();
        return new SecondMoments(x.Multiply(xt).Scale(weight), y.Multiply(xt).Scale(weight), y.Multiply(y.Transpose()).Scale(weight));
    }

    /// <summary>R(P) exactly.</summary>
    public Fraction Risk(ExactMatrix product) => Syy.Trace() - 2 * product.Multiply(Sxy).Trace() + product.Multiply(Sxx).Multiply(product.Transpose()).Trace();

    /// <summary>The moments as matrices over a field (exact or rounded once to double).</summary>
    public Moments<T> In<T>(Field<T> field, Func<ExactMatrix, FieldMatrix<T>> convert) => new(convert(Sxx), convert(Syx), convert(Syy));

    public Moments<Fraction> Exact() => exact ??= In(Fields.Rational, FieldMatrices.Of);

    /// <summary>The moments rounded once to double (computed once).</summary>
    public Moments<double> Floating() => floating ??= In(Fields.Double, m => FieldMatrices.Of(m.ToDouble()));

    private Moments<Fraction>? exact;
    private Moments<double>? floating;
}

/// <summary>Second moments over a field, for the formulas written once (<see cref="DeepLinearRisk"/>).</summary>
public sealed record Moments<T>(FieldMatrix<T> Sxx, FieldMatrix<T> Syx, FieldMatrix<T> Syy)
{
    public FieldMatrix<T> Sxy => Syx.Transpose();
    public Field<T> Field => Sxx.Field;
}
