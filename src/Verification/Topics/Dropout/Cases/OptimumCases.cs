using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.LinearAlgebra;
using Verification.Reporting;

namespace Verification.Topics.Dropout;

/// <summary>A candidate pair (U, V) for the dropout objective with target Y, weight λ and width r = columns of U.</summary>
public sealed record OptimumCase(Matrix<double> Y, double Lambda, Matrix<double> U, Matrix<double> V)
{
    public int Width => U.ColumnCount;
}

/// <summary>
/// Candidate pairs built from the optimal pair (U*, V*) of the instance in several styles (optimal, rescaled, rotated,
/// Gram-balanced, equalized but not optimal, a wrong product, random, any factorization of S_τ(Y)); m, n ≤ 3, r around rank Y.
/// </summary>
public static class OptimumCases
{
    public const int MaxDimension = 3;
    private static readonly MatrixBuilder<double> Build = Matrix<double>.Build;

    /// <summary>How a candidate pair is built from the optimal pair (U*, V*) of the instance.</summary>
    public enum CandidateStyle
    {
        /// <summary>(U*, V*) itself.</summary>
        Optimal,
        /// <summary>(U*D, V*D⁻¹), D diagonal with random signs and scales: same product, same column products.</summary>
        Rescaled,
        /// <summary>(U*R, V*R), R random orthogonal: same product, column products generally unequal.</summary>
        Rotated,
        /// <summary>The balanced SVD factors of X* without the Gram rotation: Gram-balanced, not equalized.</summary>
        GramBalanced,
        /// <summary>(U*D, V*D⁻¹)R equalized again by the rotation search: equalized, Σ p_i &gt; ‖X*‖_*, so not optimal when λ &gt; 0.</summary>
        EqualizedNotOptimal,
        /// <summary>The balanced and equalized factors of a wrong product (threshold τ/2).</summary>
        WrongProduct,
        /// <summary>Gaussian factors.</summary>
        Random,
        /// <summary>(U*A, V*A^{-T}) with two columns replaced by a cancelling pair (a, a), (b, −b) when X* leaves room: any factorization of X*.</summary>
        AnyFactorization,
    }

    /// <summary>Candidates of the given styles with weights λ from <paramref name="lambdas"/>.</summary>
    public static InstanceType<OptimumCase> Candidates(string name, Gen<double> lambdas, params CandidateStyle[] styles) => InstanceType.Create(name,
        Gen.Sized(size =>
            from shape in Shapes.Factors(size, MaxDimension, MaxDimension + 3)
            from y in Matrices.Target(shape.M, shape.N)
            from lambda in lambdas
            from style in Gen.Elements(styles)
            from d in Gen.ArrayOf(Scalars.Unit, shape.R)
            from signs in Gen.ArrayOf(Gen.Elements(-1.0, 1.0), shape.R)
            from rotation in Matrices.Orthogonal(shape.R)
            from mixing in Matrices.Invertible(shape.R)
            from gu in Matrices.Gaussian(shape.M, shape.R)
            from gv in Matrices.Gaussian(shape.N, shape.R)
            from seed in Gen.Choose(1, int.MaxValue)
            select Candidate(y, lambda, shape.R, style, d, signs, rotation, mixing, gu, gv, (ulong)seed)),
        Shrink, Describe) with
    {
        Reader = input =>
        {
            const string homogeneity = "the characterization is homogeneous under Y → c²Y, U → cU, V → cV";
            var y = Readers.Moderate(input, "Y", homogeneity);
            var (u, v) = Readers.Pair(input);
            if (u.RowCount != y.RowCount) throw new InputException($"mismatched shapes: U has {u.RowCount} rows but Y has {y.RowCount}");
            if (v.RowCount != y.ColumnCount) throw new InputException($"mismatched shapes: V has {v.RowCount} rows but Y has {y.ColumnCount} columns");
            return new OptimumCase(y, Readers.Lambda(input), u, v);
        },
        Inputs = [new("Y", "m×n target"), new("U", "m×r factor"), new("V", "n×r factor"), new("lambda", "weight λ ≥ 0 (or theta: retain probability)")],
        SampleInput = """{ "Y": [[0]], "U": [[1, 1]], "V": [[1, -1]], "lambda": 1 }""",
        Measure = c => new Dictionary<string, int> { ["m"] = c.Y.RowCount, ["n"] = c.Y.ColumnCount, ["r"] = c.Width, ["rank"] = Matrices.Rank(c.Y) },
        Sizes = [new("m", 1, MaxDimension), new("n", 1, MaxDimension), new("r", 1, MaxDimension + 3), new("rank", 0, MaxDimension)],
    };

    private static OptimumCase Candidate(Matrix<double> y, double lambda, int r, CandidateStyle style, double[] d, double[] signs,
        Matrix<double> rotation, Matrix<double> mixing, Matrix<double> gu, Matrix<double> gv, ulong seed)
    {
        var optimal = Minimizers.OptimalFactors(y, lambda, r);
        var scale = Build.Diagonal(r, r, i => signs[i] * Math.Exp(2 * d[i] - 1));
        var inverse = Build.Diagonal(r, r, i => 1 / scale[i, i]);
        switch (style)
        {
            case CandidateStyle.Optimal: return new(y, lambda, optimal.U, optimal.V);
            case CandidateStyle.Rescaled: return new(y, lambda, optimal.U * scale, optimal.V * inverse);
            case CandidateStyle.Rotated: return new(y, lambda, optimal.U * rotation, optimal.V * rotation);
            case CandidateStyle.GramBalanced:
                var fixedWidth = Thresholding.FixedWidth(y, lambda, r);
                var svd = Factorizations.BalancedSvd(fixedWidth.Minimizer, r, fixedWidth.Rho);
                return new(y, lambda, svd.U, svd.V);
            case CandidateStyle.EqualizedNotOptimal:
                var u = optimal.U * scale * rotation;
                var v = optimal.V * inverse * rotation;
                var equalizing = Balancing.EqualizingRotation(u, v, seed);
                return new(y, lambda, u * equalizing.R, v * equalizing.R);
            case CandidateStyle.WrongProduct:
                var shrinkage = Thresholding.FixedWidth(y, lambda, r);
                var wrong = Minimizers.BalancedFactors(Thresholding.Svt(y, shrinkage.Tau / 2, Math.Max(shrinkage.Rho, 1)), r);
                return new(y, lambda, wrong.U, wrong.V);
            case CandidateStyle.Random: return new(y, lambda, gu, gv);
            case CandidateStyle.AnyFactorization:
                var a = optimal.U * mixing;
                var b = optimal.V * mixing.Inverse().Transpose();
                var rank = Thresholding.FixedWidth(y, lambda, r).Rho;
                if (r - rank >= 2)
                {
                    // Keep the first `rank` columns of the balanced SVD factors, then a cancelling pair: (a, a)(b, −b)ᵀ = 0.
                    var basis = Factorizations.BalancedSvd(Thresholding.FixedWidth(y, lambda, r).Minimizer, r, rank);
                    a = basis.U.Clone();
                    b = basis.V.Clone();
                    a.SetColumn(r - 2, gu.Column(0)); a.SetColumn(r - 1, gu.Column(0));
                    b.SetColumn(r - 2, gv.Column(0)); b.SetColumn(r - 1, -gv.Column(0));
                    a *= mixing;
                    b *= mixing.Inverse().Transpose();
                }
                return new(y, lambda, a, b);
            default: throw new ArgumentOutOfRangeException(nameof(style));
        }
    }

    public static IEnumerable<OptimumCase> Shrink(OptimumCase c)
    {
        foreach (var (y, u, v) in Generators.Shrink.Smaller(c.Y, c.U, c.V)) yield return c with { Y = y, U = u, V = v };
        foreach (var l in ShrinkageCases.ShrinkLambda(c.Lambda)) yield return c with { Lambda = l };
        foreach (var (y, u, v) in Generators.Shrink.SimplerEntries(c.Y, c.U, c.V)) yield return c with { Y = y, U = u, V = v };
    }

    public static IReadOnlyList<NamedValue> Describe(OptimumCase c) =>
        [new("Y", Value.Of(c.Y)), new("lambda", Value.Of(c.Lambda)), new("r", Value.Of(c.Width)), new("U", Value.Of(c.U)), new("V", Value.Of(c.V))];
}
