using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Claims;
using Verification.Factorization;
using Verification.Generators;
using Verification.LinearAlgebra;

namespace Verification.Dropout;

/// <summary>A dropout instance with data: Y (m×N), U (m×r), V (n×r), X (n×N), retain probability θ.</summary>
public sealed record InputCase(Matrix<double> Y, Matrix<double> U, Matrix<double> V, Matrix<double> X, double Theta)
{
    public int Width => U.ColumnCount;

    /// <summary>The same loss written without X: U diag(z) VᵀX = U diag(z) (XᵀV)ᵀ.</summary>
    public DropoutCase Reduced => new(Y, U, X.TransposeThisAndMultiply(V), Theta);

    public static InputCase Create(Matrix<double> y, Matrix<double> u, Matrix<double> v, Matrix<double> x, double theta)
    {
        if (x.RowCount != v.RowCount) throw new InputException($"mismatched shapes: X has {x.RowCount} rows but V has {v.RowCount}");
        if (x.ColumnCount != y.ColumnCount) throw new InputException($"mismatched shapes: X has {x.ColumnCount} columns but Y has {y.ColumnCount}");
        if (u.RowCount != y.RowCount) throw new InputException($"mismatched shapes: U has {u.RowCount} rows but Y has {y.RowCount}");
        if (u.ColumnCount != v.ColumnCount) throw new InputException($"mismatched shapes: U has {u.ColumnCount} columns but V has {v.ColumnCount}");
        if (!(theta > 0 && theta <= 1)) throw new InputException($"theta must lie in (0,1], got {theta}");
        return new InputCase(y, u, v, x, theta);
    }
}

/// <summary>A target Y, a regularization weight λ ≥ 0 (λ = (1 − θ)/θ) and a width r (0 where the claim has none); Seed drives local descent.</summary>
public sealed record ShrinkageCase(Matrix<double> Y, double Lambda, int Width, ulong Seed);

/// <summary>For the variable-rate claims: a matrix X, θ₁, a width r, an invertible r×r mixing A, a chord partner B and weight t.</summary>
public sealed record VariableRateCase(Matrix<double> X, double Theta1, int Width, Matrix<double> Mixing, Matrix<double> Partner, double T)
{
    public double Lambda1 => DropoutObjective.Lambda(Theta1);
}

/// <summary>A candidate pair (U, V) for the dropout objective with target Y, weight λ and width r = columns of U.</summary>
public sealed record OptimumCase(Matrix<double> Y, double Lambda, Matrix<double> U, Matrix<double> V)
{
    public int Width => U.ColumnCount;
}

/// <summary>Generators and shrinkers for the minimizer and balancing claims.</summary>
public static class MinimizerGenerators
{
    private static readonly MatrixBuilder<double> Build = Matrix<double>.Build;

    /// <summary>λ = (1 − θ)/θ over the retain rates (θ = 1 gives λ = 0), plus the simple weights 1/2, 1, 2.</summary>
    public static Gen<double> Lambda { get; } = Gen.Frequency(
        (4, Scalars.RetainRate.Select(DropoutObjective.Lambda)),
        (1, Gen.Elements(0.5, 1.0, 2.0)));

    /// <summary>Strictly simpler values of λ ≥ 0 in the order 0 &lt; 1 &lt; other integers &lt; the rest, so shrinking cannot cycle.</summary>
    public static IEnumerable<double> ShrinkLambda(double lambda)
    {
        static int Rank(double x) => x == 0 ? 0 : x == 1 ? 1 : x == Math.Round(x) ? 2 : 3;
        foreach (var c in new[] { 0.0, 1.0, Math.Round(lambda) })
            if (c >= 0 && Rank(c) < Rank(lambda)) yield return c;
    }

    /// <summary>Targets of every style of <see cref="Matrices.Any"/>, plus flat spectra (all singular values equal: ties at every cap).</summary>
    public static Gen<Matrix<double>> Target(int m, int n) => Gen.Frequency(
        (6, Matrices.Any(m, n)),
        (1, Gen.Choose(1, 3).SelectMany(s => Matrices.WithSingularValues(m, n, Enumerable.Repeat((double)s, Math.Min(m, n)).ToArray()))));

    /// <summary>Y (m, n ≤ 4), λ and a width r below, at and above min(m, n) (hence below, at and above rank Y).</summary>
    public static Gen<ShrinkageCase> Shrinkage(bool withWidth) => Gen.Sized(size =>
    {
        var maxDim = 1 + Math.Min(size, 100) / 34;
        return from m in Shapes.Dimension(maxDim)
               from n in Shapes.Dimension(maxDim)
               from r in withWidth ? Shapes.Width(m, n) : Gen.Constant(0)
               from y in Target(m, n)
               from lambda in Lambda
               from seed in Gen.Choose(0, int.MaxValue)
               select new ShrinkageCase(y, lambda, r, (ulong)seed);
    });

    public static IEnumerable<ShrinkageCase> ShrinkShrinkage(ShrinkageCase c)
    {
        if (c.Width > 1) yield return c with { Width = c.Width - 1 };
        for (var i = 0; i < c.Y.RowCount && c.Y.RowCount > 1; i++) yield return c with { Y = c.Y.RemoveRow(i) };
        for (var j = 0; j < c.Y.ColumnCount && c.Y.ColumnCount > 1; j++) yield return c with { Y = c.Y.RemoveColumn(j) };
        foreach (var l in ShrinkLambda(c.Lambda)) yield return c with { Lambda = l };
        foreach (var y in Generators.Shrink.Entries(c.Y)) yield return c with { Y = y };
    }

    public static IReadOnlyList<NamedValue> DescribeShrinkage(ShrinkageCase c) => c.Width > 0
        ? [new("Y", Value.Of(c.Y)), new("lambda", Value.Of(c.Lambda)), new("r", Value.Of(c.Width))]
        : [new("Y", Value.Of(c.Y)), new("lambda1", Value.Of(c.Lambda))];

    /// <summary>Data instances: N data columns, X of every style (low rank, zero columns, …), widths up to <paramref name="maxWidth"/>.</summary>
    public static Gen<InputCase> Inputs(int maxWidth) => Gen.Sized(size =>
    {
        var maxDim = 1 + Math.Min(size, 100) / 34;
        return from m in Shapes.Dimension(maxDim)
               from n in Shapes.Dimension(maxDim)
               from count in Shapes.Dimension(maxDim + 1)
               from r in Shapes.Width(m, n).Select(w => Math.Min(w, maxWidth))
               from y in Matrices.Any(m, count)
               from u in Matrices.Any(m, r)
               from v in Matrices.Any(n, r)
               from x in Matrices.Any(n, count)
               from theta in Scalars.RetainRate
               select new InputCase(y, u, v, x, theta);
    });

    public static IEnumerable<InputCase> ShrinkInput(InputCase c)
    {
        for (var k = 0; k < c.Width && c.Width > 1; k++) yield return c with { U = c.U.RemoveColumn(k), V = c.V.RemoveColumn(k) };
        for (var i = 0; i < c.Y.RowCount && c.Y.RowCount > 1; i++) yield return c with { Y = c.Y.RemoveRow(i), U = c.U.RemoveRow(i) };
        for (var j = 0; j < c.V.RowCount && c.V.RowCount > 1; j++) yield return c with { V = c.V.RemoveRow(j), X = c.X.RemoveRow(j) };
        for (var t = 0; t < c.Y.ColumnCount && c.Y.ColumnCount > 1; t++) yield return c with { Y = c.Y.RemoveColumn(t), X = c.X.RemoveColumn(t) };
        foreach (var theta in Scalars.ShrinkRetainRate(c.Theta)) yield return c with { Theta = theta };
        foreach (var y in Generators.Shrink.Entries(c.Y)) yield return c with { Y = y };
        foreach (var u in Generators.Shrink.Entries(c.U)) yield return c with { U = u };
        foreach (var v in Generators.Shrink.Entries(c.V)) yield return c with { V = v };
        foreach (var x in Generators.Shrink.Entries(c.X)) yield return c with { X = x };
    }

    public static IReadOnlyList<NamedValue> DescribeInput(InputCase c) =>
        [new("Y", Value.Of(c.Y)), new("U", Value.Of(c.U)), new("V", Value.Of(c.V)), new("X", Value.Of(c.X)), new("theta", Value.Of(c.Theta))];

    /// <summary>An r×r matrix Q₁ diag(e^{g}) Q₂ with g ∈ [−1, 1]: invertible with condition number at most e².</summary>
    public static Gen<Matrix<double>> Mixing(int r) =>
        from q1 in Matrices.Orthogonal(r)
        from q2 in Matrices.Orthogonal(r)
        from g in Gen.ArrayOf(Scalars.Unit, r)
        select q1 * Build.Diagonal(r, r, i => Math.Exp(2 * g[i] - 1)) * q2;

    /// <summary>X of rank k ≤ r: integer factors, a controlled spectrum (repeated or not), or 0.</summary>
    public static Gen<VariableRateCase> VariableRate { get; } = Gen.Sized(size =>
    {
        var maxDim = 1 + Math.Min(size, 100) / 34;
        return from m in Shapes.Dimension(maxDim)
               from n in Shapes.Dimension(maxDim)
               from k in Gen.Choose(0, Math.Min(m, n))
               from r in Gen.Choose(Math.Max(k, 1), k + 3)
               from x in Gen.Frequency(
                   (2, Gen.Zip(Matrices.SmallIntegers(m, k, 2), Matrices.SmallIntegers(n, k, 2)).Select(t => t.Item1 * t.Item2.Transpose())),
                   (2, Gen.Zip(Gen.Elements(1.0, 10.0, 100.0), Gen.Elements(false, true)).SelectMany(t => Matrices.WithSpectrum(m, n, k, t.Item1, t.Item2, 2))),
                   (1, Gen.Constant(Build.Dense(m, n))))
               from theta in Scalars.RetainRate
               from mixing in Mixing(r)
               from partner in Matrices.Any(m, n)
               from t in Scalars.Unit
               select new VariableRateCase(x, theta, r, mixing, partner, t);
    });

    public static IEnumerable<VariableRateCase> ShrinkVariableRate(VariableRateCase c)
    {
        foreach (var theta in Scalars.ShrinkRetainRate(c.Theta1)) yield return c with { Theta1 = theta };
        if (c.T != 0.5) yield return c with { T = 0.5 };
        foreach (var x in Generators.Shrink.Entries(c.X)) yield return c with { X = x };
        foreach (var b in Generators.Shrink.Entries(c.Partner)) yield return c with { Partner = b };
    }

    public static IReadOnlyList<NamedValue> DescribeVariableRate(VariableRateCase c) =>
    [
        new("X", Value.Of(c.X)), new("theta1", Value.Of(c.Theta1)), new("r", Value.Of(c.Width)),
        new("A", Value.Of(c.Mixing)), new("B", Value.Of(c.Partner)), new("t", Value.Of(c.T)),
    ];

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

    /// <summary>Candidates of every style for targets Y (m, n ≤ 3) and widths around rank Y.</summary>
    public static Gen<OptimumCase> Candidates(params CandidateStyle[] styles) => Gen.Sized(size =>
    {
        var maxDim = 1 + Math.Min(size, 100) / 50;
        return from m in Shapes.Dimension(maxDim + 1)
               from n in Shapes.Dimension(maxDim + 1)
               from r in Shapes.Width(m, n)
               from y in Target(m, n)
               from lambda in Lambda
               from style in Gen.Elements(styles)
               from d in Gen.ArrayOf(Scalars.Unit, r)
               from signs in Gen.ArrayOf(Gen.Elements(-1.0, 1.0), r)
               from rotation in Matrices.Orthogonal(r)
               from mixing in Mixing(r)
               from gu in Matrices.Gaussian(m, r)
               from gv in Matrices.Gaussian(n, r)
               from seed in Gen.Choose(1, int.MaxValue)
               select Candidate(y, lambda, r, style, d, signs, rotation, mixing, gu, gv, (ulong)seed);
    });

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

    public static IEnumerable<OptimumCase> ShrinkCandidate(OptimumCase c)
    {
        for (var k = 0; k < c.Width && c.Width > 1; k++) yield return c with { U = c.U.RemoveColumn(k), V = c.V.RemoveColumn(k) };
        for (var i = 0; i < c.Y.RowCount && c.Y.RowCount > 1; i++) yield return c with { Y = c.Y.RemoveRow(i), U = c.U.RemoveRow(i) };
        for (var j = 0; j < c.Y.ColumnCount && c.Y.ColumnCount > 1; j++) yield return c with { Y = c.Y.RemoveColumn(j), V = c.V.RemoveRow(j) };
        foreach (var l in ShrinkLambda(c.Lambda)) yield return c with { Lambda = l };
        foreach (var y in Generators.Shrink.Entries(c.Y)) yield return c with { Y = y };
        foreach (var u in Generators.Shrink.Entries(c.U)) yield return c with { U = u };
        foreach (var v in Generators.Shrink.Entries(c.V)) yield return c with { V = v };
    }

    public static IReadOnlyList<NamedValue> DescribeCandidate(OptimumCase c) =>
        [new("Y", Value.Of(c.Y)), new("lambda", Value.Of(c.Lambda)), new("r", Value.Of(c.Width)), new("U", Value.Of(c.U)), new("V", Value.Of(c.V))];

    /// <summary>
    /// Pairs (U, V) for the balancing and regularizer claims: arbitrary (every matrix style, zero columns), equalized by rescaling
    /// columns, and Gram-balanced (balanced SVD factors of any X, rotated by a random orthogonal matrix).
    /// </summary>
    public static Gen<FactorizationCase> Pairs { get; } = Gen.Frequency(
        (3, FactorizationGenerators.Cases),
        (1, FactorizationGenerators.Cases.Select(Equalize)),
        (2, GramBalancedPairs));

    /// <summary>Gram-balanced pairs UᵀU = VᵀV: balanced SVD factors of X (every style, r below/at/above min(m, n)) times a random rotation.</summary>
    public static Gen<FactorizationCase> GramBalancedPairs => Gen.Sized(size =>
    {
        var maxDim = 1 + Math.Min(size, 100) / 20;
        return from m in Shapes.Dimension(maxDim)
               from n in Shapes.Dimension(maxDim)
               from r in Shapes.Width(m, n)
               from x in Target(m, n)
               from rotation in Gen.Frequency((3, Matrices.Orthogonal(r)), (1, Gen.Constant(Build.DenseIdentity(r))))
               let f = Factorizations.BalancedSvd(x, r)
               select new FactorizationCase(f.U * rotation, f.V * rotation);
    });

    /// <summary>Rescales each nonzero column pair so that every product ‖u_i‖‖v_i‖ equals the mean product (product UVᵀ changes).</summary>
    public static FactorizationCase Equalize(FactorizationCase c)
    {
        var p = Balancing.Products(c.U, c.V);
        if (p.Any(x => x == 0)) return c;
        var target = p.Average();
        var u = c.U.Clone();
        for (var i = 0; i < p.Length; i++) u.SetColumn(i, u.Column(i) * (target / p[i]));
        return new FactorizationCase(u, c.V);
    }
}
