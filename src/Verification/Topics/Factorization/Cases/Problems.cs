using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.Input;
using Verification.LinearAlgebra;
using Verification.Reporting;

namespace Verification.Topics.Factorization;

/// <summary>
/// Generators, shrinkers, descriptions and the `eval` reader of <see cref="ConvexProblem"/>s, shared by the instance types of
/// Part II: Y of m×n ≤ 4×4 (every matrix style of <see cref="Matrices.Target"/> for the squared and Huber losses, ±1 sign
/// patterns for the logistic loss), λ &gt; 0 relative to the spectrum of ∇ℓ(Y, 0) (from 0.1·λ_c through λ_c = ‖∇ℓ(Y, 0)‖₂
/// itself, where X* = 0 with a tie, to 1.25·λ_c, and below the k-th singular value for minimizers of rank about k), and for
/// the squared loss also λ equal to a singular value of Y above the rounding level (a tie at the rank boundary).
/// </summary>
public static class Problems
{
    public const int MaxDimension = 4;

    /// <summary>The largest dimension of Y that `eval` accepts (the solver benchmark's size).</summary>
    public const int MaxEvalDimension = 200;

    /// <summary>The squared loss twice as often as each of the others.</summary>
    public static Gen<ConvexLoss> Loss { get; } = Gen.Frequency((2, Gen.Constant(ConvexLoss.Squared)), (1, Gen.Constant(ConvexLoss.Logistic)), (1, Gen.Constant(ConvexLoss.Huber)));

    /// <summary>
    /// (m, n) growing with the size: 1×1 at size 1, the largest shape at size 100 (the last case of every run); between, each
    /// dimension is 1 one time in seven and otherwise uniform from 2 to a cap that reaches the maximum at size 30 (rank ≥ 2
    /// needs both dimensions ≥ 2, and Part II's claims are about what happens beyond rank 1).
    /// </summary>
    public static Gen<(int M, int N)> Dimensions(int size, int max = MaxDimension)
    {
        if (size >= 100) return Gen.Constant((max, max));
        if (size <= 1) return Gen.Constant((1, 1));
        var cap = 1 + (max - 1) * Math.Min(size, 30) / 30;
        var dimension = cap == 1 ? Gen.Constant(1) : Gen.Frequency((1, Gen.Constant(1)), (6, Gen.Choose(2, cap)));
        return Gen.Zip(dimension, dimension);
    }

    /// <summary>Logistic targets: random signs, signs of rank-1 and rank-2 matrices, all ones.</summary>
    public static Gen<Matrix<double>> Signs(int m, int n) => Gen.Frequency(
        (3, Matrices.Of(m, n, Gen.Elements(-1.0, 1.0))),
        (2, Matrices.WithRank(m, n, 1).Select(Sign)),
        (2, Matrices.WithRank(m, n, Math.Min(2, Math.Min(m, n))).Select(Sign)),
        (1, Gen.Constant(Matrix<double>.Build.Dense(m, n, 1.0))));

    private static Matrix<double> Sign(Matrix<double> x) => x.Map(e => e >= 0 ? 1.0 : -1.0);

    public static Gen<Matrix<double>> Target(ConvexLoss loss, int m, int n) => loss is LogisticLoss ? Signs(m, n) : Matrices.Target(m, n);

    /// <summary>
    /// λ &gt; 0 relative to the singular values g₁ ≥ g₂ ≥ … of ∇ℓ(Y, 0) (g₁ = λ_c; λ_c = 0 only for Y = 0, then λ ∈ {1/2, 1}):
    /// c·g₁ with c from 0.1 to 1.25, or c·g_k with c from 0.3 to 0.95 and k ≥ 2 (a minimizer of rank about k or more, so that
    /// the meta-algorithm has columns to add); and σ_k(Y) itself for the squared loss.
    /// </summary>
    public static Gen<double> Lambda(ConvexLoss loss, Matrix<double> y)
    {
        var g = ThinSvd.Of(loss.Gradient(y, Matrix<double>.Build.Dense(y.RowCount, y.ColumnCount)), vectors: false).S;
        var critical = g.Length == 0 ? 0 : g[0];
        if (critical == 0) return Gen.Elements(0.5, 1.0);
        // Singular values at least 10⁻⁴·g₁: a weight far below the problem's scale is beyond what descent resolves (the checks call
        // λ &lt; 10⁻⁶·λ_c inconclusive), and a rounding-level one is a zero.
        var resolved = g.Where(v => v >= 1e-4 * critical).ToArray();
        var relative = Gen.Frequency(
            (3, Gen.Elements(0.1, 0.25, 0.5, 0.75, 1.0, 1.25)),
            (4, Scalars.Unit.Select(u => 0.1 + 1.15 * u)));
        var scaled = relative.Select(c => c * critical);
        var deeper = resolved.Length < 2 ? scaled
            : Gen.Zip(Gen.Choose(2, resolved.Length), Scalars.Unit).Select(t => (0.3 + 0.65 * t.Item2) * resolved[t.Item1 - 1]);
        var mixed = Gen.Frequency((1, scaled), (2, deeper));
        if (loss is not SquaredLoss) return mixed;
        // Only singular values above the rounding level of the SVD: a rounding-level σ_k is a zero, not a weight.
        var all = ThinSvd.Of(y, vectors: false).S;
        var sigma = all.Take(Thresholding.Rank(all, y.RowCount, y.ColumnCount)).ToArray();
        if (sigma.Length == 0) return mixed;
        return Gen.Frequency((5, mixed), (1, Gen.Elements(sigma)));
    }

    public static Gen<ConvexProblem> OfShape(ConvexLoss loss, int m, int n) =>
        from y in Target(loss, m, n)
        from lambda in Lambda(loss, y)
        select new ConvexProblem(y, lambda, loss);

    public static Gen<ConvexProblem> OfShape(int m, int n) => Loss.SelectMany(loss => OfShape(loss, m, n));

    /// <summary>The squared loss instead of another, smaller problems (a row or a column fewer), simpler weights (1, 1/2, 2), simpler entries (integers, zeros; for the logistic loss, +1).</summary>
    public static IEnumerable<ConvexProblem> Shrink(ConvexProblem p)
    {
        if (p.Loss is not SquaredLoss) yield return p with { Loss = ConvexLoss.Squared };
        for (var i = 0; i < p.Rows && p.Rows > 1; i++) yield return p with { Y = p.Y.RemoveRow(i) };
        for (var j = 0; j < p.Columns && p.Columns > 1; j++) yield return p with { Y = p.Y.RemoveColumn(j) };
        foreach (var l in SimplerLambdas(p.Lambda)) yield return p with { Lambda = l };
        if (p.Loss is LogisticLoss)
        {
            for (var i = 0; i < p.Rows; i++)
                for (var j = 0; j < p.Columns; j++)
                    if (p.Y[i, j] < 0)
                    {
                        var y = p.Y.Clone();
                        y[i, j] = 1;
                        yield return p with { Y = y };
                    }
        }
        else
            foreach (var y in Generators.Shrink.Entries(p.Y)) yield return p with { Y = y };
    }

    /// <summary>1, then 1/2, then 2: strictly simpler weights &gt; 0 in that order, so shrinking cannot cycle.</summary>
    public static IEnumerable<double> SimplerLambdas(double lambda)
    {
        static int Rank(double x) => x == 1 ? 0 : x == 0.5 ? 1 : x == 2 ? 2 : 3;
        foreach (var c in new[] { 1.0, 0.5, 2.0 })
            if (Rank(c) < Rank(lambda)) yield return c;
    }

    public static IReadOnlyList<NamedValue> Describe(ConvexProblem p) =>
        [new("Y", Value.Of(p.Y)), new("lambda", Value.Of(p.Lambda)), new("loss", Value.Of(p.Loss.Name))];

    /// <summary>The `eval` inputs of a problem.</summary>
    public static IReadOnlyList<InputField> Inputs { get; } =
    [
        new("Y", "m×n target (±1 entries for the logistic loss)"),
        new("lambda", "weight λ > 0"),
        new("loss", "optional: \"squared\" (default, ½‖Y − X‖_F²), \"logistic\" or \"huber\""),
    ];

    /// <summary>How the problems of Part II scale, for the message that refuses extreme magnitudes.</summary>
    public const string Homogeneity = "for the squared loss the claims are homogeneous under Y → cY, λ → cλ, (U, V) → √c·(U, V) (f and F scale by c²)";

    /// <summary>Y, λ &gt; 0 and the loss (default squared); bad values are one-line input errors.</summary>
    public static ConvexProblem Read(InputReader input)
    {
        var y = Readers.Moderate(input, "Y", Homogeneity);
        if (Math.Max(y.RowCount, y.ColumnCount) > MaxEvalDimension)
            throw new InputException($"Y is {y.RowCount}×{y.ColumnCount}, above {MaxEvalDimension} in a dimension: eval runs the convex solver (an SVD per iteration) and local descent on it");
        var lambda = input.Scalar("lambda");
        if (lambda > 0 && !(lambda >= Readers.ModerateMin && lambda <= Readers.ModerateMax))
            throw new InputException($"lambda = {lambda:G3} is outside 1e-150 ≤ λ ≤ 1e150, where the floating-point solver would overflow or lose all precision; {Homogeneity}, so rescale the input");
        var loss = input.Has("loss") ? input.Text("loss") : "squared";
        return Validated.Create(() => ConvexProblem.Create(y, lambda, ConvexLoss.Named(loss)));
    }

    /// <summary>U (m×r) and V (n×r) that fit Y.</summary>
    public static Factors ReadPair(InputReader input, ConvexProblem p)
    {
        var (u, v) = Readers.Pair(input);
        if (u.RowCount != p.Rows) throw new InputException($"mismatched shapes: U has {u.RowCount} rows but Y has {p.Rows}");
        if (v.RowCount != p.Columns) throw new InputException($"mismatched shapes: V has {v.RowCount} rows but Y has {p.Columns} columns");
        return new Factors(u, v);
    }

    public static Dictionary<string, int> Measure(ConvexProblem p) => new() { ["m"] = p.Rows, ["n"] = p.Columns };
}
