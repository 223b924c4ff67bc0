using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.Dropout;

/// <summary>How an expectation over masks is computed.</summary>
public enum ExpectationMethod
{
    /// <summary>Exact rational and floating-point enumeration for narrow instances, Monte Carlo for wide ones (random cases).</summary>
    Auto,
    /// <summary>Exact rational enumeration of every mask.</summary>
    Exact,
    /// <summary>Floating-point enumeration of every mask.</summary>
    Floating,
    /// <summary>Monte Carlo with a rigorous interval.</summary>
    MonteCarlo,
}

/// <summary>An instance of the dropout objective: target Y (m×n), factors U (m×r), V (n×r), retain probability θ.</summary>
public sealed record DropoutCase(Matrix<double> Y, Matrix<double> U, Matrix<double> V, double Theta)
{
    public int Width => U.ColumnCount;
    public double Lambda => DropoutObjective.Lambda(Theta);

    /// <summary>The instance's exact rational twin, when it was given exactly (an `eval` with "exact": true); else null.</summary>
    public ExactDropoutCase? ExactTwin { get; init; }

    /// <summary>How expectations over masks are computed for this instance (random cases: <see cref="ExpectationMethod.Auto"/>).</summary>
    public ExpectationMethod Method { get; init; }

    /// <summary>The Monte Carlo budget and seed when <see cref="Method"/> samples.</summary>
    public MaskSampling Sampling { get; init; } = MaskSampling.Default;

    /// <summary>The exact rationals of the instance: the twin when given, else the exact values of the doubles.</summary>
    public ExactDropoutCase ToExact() => ExactTwin ?? ExactDropoutCase.FromDoubles(this);

    /// <summary>
    /// A reproducible random instance: Y uniform in [−1, 1] (m×n), U and V uniform scaled by 1/√r so that UVᵀ stays of
    /// order one as r grows. The benchmarks and the accuracy properties use the same instances.
    /// </summary>
    public static DropoutCase Random(int m, int n, int r, double theta, int seed) => new(
        Matrix<double>.Build.Random(m, n, new MathNet.Numerics.Distributions.ContinuousUniform(-1, 1, new System.Random(seed))),
        Matrix<double>.Build.Random(m, r, new MathNet.Numerics.Distributions.ContinuousUniform(-1, 1, new System.Random(seed + 1))) / Math.Sqrt(Math.Max(1, r)),
        Matrix<double>.Build.Random(n, r, new MathNet.Numerics.Distributions.ContinuousUniform(-1, 1, new System.Random(seed + 2))) / Math.Sqrt(Math.Max(1, r)),
        theta);

    /// <summary>Validates shapes (U m×r, V n×r for Y m×n) and θ ∈ (0, 1]; throws <see cref="ArgumentException"/>.</summary>
    public static DropoutCase Create(Matrix<double> y, Matrix<double> u, Matrix<double> v, double theta)
    {
        CheckShapes(y.RowCount, y.ColumnCount, u.RowCount, u.ColumnCount, v.RowCount, v.ColumnCount);
        if (!(theta > 0 && theta <= 1)) throw new ArgumentException($"theta must lie in (0,1], got {theta}");
        return new DropoutCase(y, u, v, theta);
    }

    public static void CheckShapes(int ym, int yn, int um, int ur, int vn, int vr)
    {
        if (um != ym) throw new ArgumentException($"mismatched shapes: U has {um} rows but Y has {ym}");
        if (vn != yn) throw new ArgumentException($"mismatched shapes: V has {vn} rows but Y has {yn} columns");
        if (ur != vr) throw new ArgumentException($"mismatched shapes: U has {ur} columns but V has {vr}");
    }
}

/// <summary>
/// A Monte Carlo budget: at most <see cref="Samples"/> masks, drawn from <see cref="Seed"/>; the estimate is refused before
/// it starts when its work (samples·r² multiply-adds for the batched Z·G products) exceeds <see cref="MaxWork"/>.
/// </summary>
public sealed record MaskSampling(long Samples, ulong Seed)
{
    /// <summary>The default work budget: 10¹¹ multiply-adds, about a minute on this project's 2-core machine.</summary>
    public const double DefaultMaxWork = 1e11;

    public double MaxWork { get; init; } = DefaultMaxWork;

    public static MaskSampling Default { get; } = new(1 << 20, 1);

    /// <summary>Refuses an estimate whose work exceeds the budget, saying how to lower or raise it.</summary>
    public void CheckWork(int width)
    {
        var work = (double)Samples * width * width;
        if (work > MaxWork)
            throw new EnumerationLimitException(
                $"Monte Carlo at r = {width} with {Samples} samples needs about {work:G2} multiply-adds, above the budget of {MaxWork:G2}; lower --samples or raise --max-work");
    }
}

/// <summary>The same instance in exact rational arithmetic.</summary>
public sealed record ExactDropoutCase(ExactMatrix Y, ExactMatrix U, ExactMatrix V, Fraction Theta)
{
    public int Width => U.ColumnCount;

    public static ExactDropoutCase Create(ExactMatrix y, ExactMatrix u, ExactMatrix v, Fraction theta)
    {
        DropoutCase.CheckShapes(y.RowCount, y.ColumnCount, u.RowCount, u.ColumnCount, v.RowCount, v.ColumnCount);
        if (theta <= Fraction.Zero || theta > Fraction.One) throw new ArgumentException($"theta must lie in (0,1], got {Exact.Format(theta)}");
        return new ExactDropoutCase(y, u, v, theta);
    }

    public static ExactDropoutCase FromDoubles(DropoutCase c) => new(
        ExactMatrix.FromDoubles(c.Y), ExactMatrix.FromDoubles(c.U), ExactMatrix.FromDoubles(c.V), Exact.FromDouble(c.Theta));

    /// <summary>The nearest doubles, carrying this instance as their exact twin.</summary>
    public DropoutCase ToDoubles() =>
        new DropoutCase(Y.ToDouble(), U.ToDouble(), V.ToDouble(), Theta.ToDoubleAnyScale()) { ExactTwin = this };
}

/// <summary>A dropout instance with data: Y (m×N), U (m×r), V (n×r), X (n×N), retain probability θ.</summary>
public sealed record InputCase(Matrix<double> Y, Matrix<double> U, Matrix<double> V, Matrix<double> X, double Theta)
{
    public int Width => U.ColumnCount;

    /// <summary>How the expectation is computed (random cases: exact and floating enumeration).</summary>
    public ExpectationMethod Method { get; init; }

    public MaskSampling Sampling { get; init; } = MaskSampling.Default;

    /// <summary>The same loss written without X: U diag(z) VᵀX = U diag(z) (XᵀV)ᵀ.</summary>
    public DropoutCase Reduced => new(Y, U, X.TransposeThisAndMultiply(V), Theta);

    /// <summary>Validates shapes and θ ∈ (0, 1]; throws <see cref="ArgumentException"/>.</summary>
    public static InputCase Create(Matrix<double> y, Matrix<double> u, Matrix<double> v, Matrix<double> x, double theta)
    {
        if (x.RowCount != v.RowCount) throw new ArgumentException($"mismatched shapes: X has {x.RowCount} rows but V has {v.RowCount}");
        if (x.ColumnCount != y.ColumnCount) throw new ArgumentException($"mismatched shapes: X has {x.ColumnCount} columns but Y has {y.ColumnCount}");
        if (u.RowCount != y.RowCount) throw new ArgumentException($"mismatched shapes: U has {u.RowCount} rows but Y has {y.RowCount}");
        if (u.ColumnCount != v.ColumnCount) throw new ArgumentException($"mismatched shapes: U has {u.ColumnCount} columns but V has {v.ColumnCount}");
        if (!(theta > 0 && theta <= 1)) throw new ArgumentException($"theta must lie in (0,1], got {theta}");
        return new InputCase(y, u, v, x, theta);
    }
}
