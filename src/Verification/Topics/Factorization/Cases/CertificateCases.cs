using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Factorization;

/// <summary>A candidate pair (U, V) for f(U, V) = ½‖Y − UVᵀ‖_F² + λΣ‖u_i‖‖v_i‖, with how it was built (for reports).</summary>
public sealed record CertificateCase(ConvexProblem Problem, Factors Candidate, string Style);

/// <summary>
/// Instances of factorization.certificate (squared loss, m, n ≤ 4): candidates built from X* = S_λ(Y) that are global minima
/// (the balanced SVD factors zero-padded to r ≤ rank + 3, rotated by a random orthogonal matrix, columns rescaled, a column
/// split into two parallel ones) and candidates that are not (perturbed by 10⁻³ to 10⁻¹ relative, a column dropped, rescaled
/// then rotated (same product, larger Σ‖u_i‖‖v_i‖), the factors of S_{λ/2}(Y) or S_{2λ}(Y), the zero pair). Whether a
/// candidate is global is decided by the check, not assumed from its style.
/// </summary>
public static class CertificateCases
{
    public static readonly string[] GlobalStyles = ["balanced", "rotated", "rescaled", "split"];
    public static readonly string[] OtherStyles = ["perturbed", "truncated", "unbalanced", "wrong-threshold", "zero"];

    public static InstanceType<CertificateCase> All { get; } = InstanceType.Create("squared-loss problem (Y, λ) and candidate pair (U, V)",
        Gen.Sized(size =>
            from d in Problems.Dimensions(size)
            from problem in Problems.OfShape(ConvexLoss.Squared, d.M, d.N)
            from style in Gen.Frequency((4, Gen.Elements(GlobalStyles)), (5, Gen.Elements(OtherStyles)))
            from extra in Gen.Choose(0, 3)
            from rotation in Matrices.Orthogonal(Math.Min(d.M, d.N) + 4)
            from scales in Gen.ArrayOf(Scalars.Unit, Math.Min(d.M, d.N) + 4)
            from noiseU in Matrices.Gaussian(d.M, Math.Min(d.M, d.N) + 4)
            from noiseV in Matrices.Gaussian(d.N, Math.Min(d.M, d.N) + 4)
            from epsilon in Gen.Elements(1e-3, 1e-2, 1e-1)
            from alpha in Gen.Elements(0.25, 0.5, 0.8)
            select Build(problem, style, extra, rotation, scales, noiseU, noiseV, epsilon, alpha)),
        Shrink,
        c => [.. Problems.Describe(c.Problem), new("U", Value.Of(c.Candidate.U)), new("V", Value.Of(c.Candidate.V)), new("style", Value.Of(c.Style))]) with
    {
        Reader = input =>
        {
            var problem = Problems.Read(input);
            if (problem.Loss is not SquaredLoss) throw new Input.InputException("factorization.certificate is stated for the squared loss: leave out \"loss\" or give \"squared\"");
            return new CertificateCase(problem, Problems.ReadPair(input, problem), "given");
        },
        Inputs = [new("Y", "m×n target"), new("lambda", "weight λ > 0"), new("U", "m×r factor"), new("V", "n×r factor")],
        SampleInput = """{ "Y": [[3, 0], [0, 1]], "lambda": 0.5, "U": [[1.5811388300841898, 0], [0, 0.7071067811865476]], "V": [[1.5811388300841898, 0], [0, 0.7071067811865476]] }""",
        Measure = c => Problems.Measure(c.Problem),
        Sizes = [new("m", 1, Problems.MaxDimension), new("n", 1, Problems.MaxDimension)],
    };

    private static CertificateCase Build(ConvexProblem p, string style, int extra, Matrix<double> rotation, double[] scales,
        Matrix<double> noiseU, Matrix<double> noiseV, double epsilon, double alpha)
    {
        var prox = Thresholding.Prox(p.Y, p.Lambda);
        var rank = prox.Rank;
        var r = Math.Max(rank, 1) + extra;
        var balanced = Factorizations.BalancedSvd(prox.X, r, rank);
        var q = Normal.OrthogonalFrom(rotation.SubMatrix(0, r, 0, r));
        var d = Matrix<double>.Build.Diagonal(r, r, i => Math.Exp(2 * scales[i] - 1));
        var dInverse = Matrix<double>.Build.Diagonal(r, r, i => 1 / d[i, i]);
        Factors candidate = style switch
        {
            "balanced" => balanced,
            "rotated" => new Factors(balanced.U * q, balanced.V * q),
            "rescaled" => new Factors(balanced.U * d, balanced.V * dInverse),
            "split" => Split(balanced, alpha),
            "perturbed" => new Factors(
                balanced.U * q + epsilon * (1 + balanced.U.FrobeniusNorm()) / Math.Sqrt(p.Rows * r) * noiseU.SubMatrix(0, p.Rows, 0, r),
                balanced.V * q + epsilon * (1 + balanced.V.FrobeniusNorm()) / Math.Sqrt(p.Columns * r) * noiseV.SubMatrix(0, p.Columns, 0, r)),
            "truncated" => rank == 0 ? Factorizations.BalancedSvd(p.Y, 1)
                : r == 1 ? Zero(p, 1)
                : new Factors(balanced.U.RemoveColumn(rank - 1), balanced.V.RemoveColumn(rank - 1)),
            "unbalanced" => new Factors(balanced.U * d * q, balanced.V * dInverse * q),
            "wrong-threshold" => Factorizations.BalancedSvd(Thresholding.Prox(p.Y, scales[0] < 0.5 ? p.Lambda / 2 : 2 * p.Lambda).X, r),
            "zero" => Zero(p, r),
            _ => throw new ArgumentOutOfRangeException(nameof(style)),
        };
        return new CertificateCase(p, candidate, style);
    }

    private static Factors Zero(ConvexProblem p, int r) => new(Matrix<double>.Build.Dense(p.Rows, r), Matrix<double>.Build.Dense(p.Columns, r));

    /// <summary>The first column (u, v) replaced by (√α u, √α v) and (√(1 − α) u, √(1 − α) v): same product, same Σ‖u_i‖‖v_i‖.</summary>
    private static Factors Split(Factors f, double alpha)
    {
        var u = f.U.InsertColumn(f.Width, f.U.Column(0) * Math.Sqrt(1 - alpha));
        var v = f.V.InsertColumn(f.Width, f.V.Column(0) * Math.Sqrt(1 - alpha));
        u.SetColumn(0, f.U.Column(0) * Math.Sqrt(alpha));
        v.SetColumn(0, f.V.Column(0) * Math.Sqrt(alpha));
        return new Factors(u, v);
    }

    /// <summary>Fewer columns, a row or column fewer, simpler problems and entries; the style then says the candidate was shrunk.</summary>
    public static IEnumerable<CertificateCase> Shrink(CertificateCase c) =>
        Candidates(c).Select(x => x with { Style = c.Style.EndsWith(", shrunk") ? c.Style : c.Style + ", shrunk" });

    private static IEnumerable<CertificateCase> Candidates(CertificateCase c)
    {
        var f = c.Candidate;
        var p = c.Problem;
        for (var k = 0; k < f.Width && f.Width > 1; k++) yield return c with { Candidate = new Factors(f.U.RemoveColumn(k), f.V.RemoveColumn(k)) };
        for (var i = 0; i < p.Rows && p.Rows > 1; i++)
            yield return c with { Problem = p with { Y = p.Y.RemoveRow(i) }, Candidate = f with { U = f.U.RemoveRow(i) } };
        for (var j = 0; j < p.Columns && p.Columns > 1; j++)
            yield return c with { Problem = p with { Y = p.Y.RemoveColumn(j) }, Candidate = f with { V = f.V.RemoveRow(j) } };
        foreach (var q in Problems.Shrink(p).Where(q => q.Rows == p.Rows && q.Columns == p.Columns)) yield return c with { Problem = q };
        foreach (var u in Generators.Shrink.Entries(f.U)) yield return c with { Candidate = f with { U = u } };
        foreach (var v in Generators.Shrink.Entries(f.V)) yield return c with { Candidate = f with { V = v } };
    }
}
