using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;

namespace Verification.Topics.DropBlock;

/// <summary>Part III-b: DropBlock and k-support norms (Pal, Lane, Vidal, Haeffele 2020; Argyriou et al. 2012; McDonald et al. 2016).</summary>
public sealed class DropBlockTopic : ITopic
{
    public static DropBlockTopic Instance { get; } = new();

    public string Name => "dropblock";

    public IReadOnlyList<IClaim> Claims { get; } =
    [
        DropBlockClaims.Expectation,
        DropBlockClaims.ExpectationAsStated,
        DropBlockClaims.KSupportClosedForm,
        DropBlockClaims.RSupportFormulaAsStated,
        DropBlockClaims.KSupportProx,
        DropBlockClaims.RegularizerBound,
        DropBlockClaims.RegularizerEquality,
        DropBlockClaims.VariableRate,
        DropBlockClaims.Minimizer,
        DropBlockClaims.MinimizerEvenSplit,
        DropBlockClaims.BalancedBlocks,
    ];

    public IReadOnlyList<Source> Sources { get; } = [Bibliography.Pal2020, Bibliography.Argyriou2012, Bibliography.McDonald2016];

    public IReadOnlyList<Figure> Figures { get; } =
    [
        new(DropBlockClaims.KSupportClosedForm.Id,
            "slices of the unit balls in ℝ³: the 2-support norm (heatmap and its unit sphere, red) between ℓ1 (the 1-support norm, blue) and ℓ2 (the 3-support norm, dashed orange)",
            1500, 520, UnitBallSlices),
        new(DropBlockClaims.Minimizer.Id,
            "shrinkage paths: the singular values of argmin ‖Y − M‖² + λΩ(M) as λ grows, σ(Y) = (5, 4, 3, 2, 1), for the nuclear norm, dropout (‖M‖_*²) and DropBlock (‖M‖_(b)², b = 2, 3): the recipe's minimizer",
            1800, 480, ShrinkagePaths),
    ];

    // ---------------------------------------------------------------- unit balls

    /// <summary>A plane slice {o + x·e₁ + y·e₂} of ℝ³ with a title.</summary>
    private sealed record Slice(string Title, double[] Origin, double[] E1, double[] E2);

    private static readonly Slice[] Slices =
    [
        new("the plane w₃ = 0", [0, 0, 0], [1, 0, 0], [0, 1, 0]),
        new("the plane w₃ = 1/2", [0, 0, 0.5], [1, 0, 0], [0, 1, 0]),
        new("the diagonal plane w₁ = w₂", [0, 0, 0], [Math.Sqrt(0.5), Math.Sqrt(0.5), 0], [0, 0, 1]),
    ];

    private static double[] Point(Slice s, double x, double y) => Enumerable.Range(0, 3).Select(i => s.Origin[i] + x * s.E1[i] + y * s.E2[i]).ToArray();

    /// <summary>The unit sphere of ‖·‖_(k) in the slice, by bisection along rays from the slice's origin (inside the ball).</summary>
    public static IReadOnlyList<(double X, double Y)> UnitSphere(int k, double[] origin, double[] e1, double[] e2)
    {
        var points = new List<(double, double)>();
        for (var a = 0; a <= 360; a++)
        {
            var angle = 2 * Math.PI * a / 360;
            var (cx, cy) = (Math.Cos(angle), Math.Sin(angle));
            double Norm(double t) => KSupport.Norm(Enumerable.Range(0, 3).Select(i => origin[i] + t * (cx * e1[i] + cy * e2[i])).ToArray(), k).Value;
            double lo = 0, hi = 4;
            for (var it = 0; it < 60; it++)
            {
                var mid = (lo + hi) / 2;
                if (Norm(mid) < 1) lo = mid; else hi = mid;
            }
            points.Add((lo * cx, lo * cy));
        }
        return points;
    }

    public static IReadOnlyList<Panel> UnitBallSlices() => Slices.Select(slice =>
    {
        const int cells = 201;
        const double extent = 1.2;
        var values = new double[cells, cells];
        for (var row = 0; row < cells; row++)
            for (var column = 0; column < cells; column++)
            {
                var x = -extent + 2 * extent * column / (cells - 1);
                var y = extent - 2 * extent * row / (cells - 1);
                values[row, column] = KSupport.Norm(Point(slice, x, y), 2).Value;
            }
        return new Panel($"unit balls in {slice.Title}", "x", "y", -extent, extent, -extent, extent)
        {
            Heatmap = new Heatmap(values, "2-support norm"),
            Lines =
            [
                new LineSeries("l1 = 1-support", UnitSphere(1, slice.Origin, slice.E1, slice.E2), "#1f77b4", Dashed: false),
                new LineSeries("2-support", UnitSphere(2, slice.Origin, slice.E1, slice.E2), "#FF0000", Dashed: false),
                new LineSeries("l2 = 3-support", UnitSphere(3, slice.Origin, slice.E1, slice.E2), "#ff7f0e", Dashed: true),
            ],
        };
    }).ToArray();

    // ---------------------------------------------------------------- shrinkage paths

    public static readonly double[] PathSpectrum = [5, 4, 3, 2, 1];

    /// <summary>The singular values of the minimizer of ‖Y − M‖² + λΩ(M) for Y = diag(5, 4, 3, 2, 1).</summary>
    public static double[] Shrunk(string regularizer, double lambda)
    {
        var y = Matrix<double>.Build.DenseOfDiagonalArray(PathSpectrum);
        return regularizer switch
        {
            "nuclear" => PathSpectrum.Select(s => Math.Max(0, s - lambda / 2)).ToArray(),
            "dropout" => Thresholding.SingularValues(Thresholding.VariableRate(y, lambda).Minimizer),
            "b=2" => BlockShrinkages.Solve(y, lambda, 2, PathSpectrum.Length).X,
            "b=3" => BlockShrinkages.Solve(y, lambda, 3, PathSpectrum.Length).X,
            _ => throw new ArgumentException($"unknown regularizer '{regularizer}'"),
        };
    }

    private static readonly string[] PathColors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];

    public static IReadOnlyList<Panel> ShrinkagePaths()
    {
        (string Key, string Title, double MaxLambda)[] panels =
        [
            ("nuclear", "nuclear norm λ‖M‖_*", 10),
            ("dropout", "dropout λ‖M‖_*² (b = 1)", 2),
            ("b=2", "DropBlock λ‖M‖_(2)²", 2),
            ("b=3", "DropBlock λ‖M‖_(3)²", 2),
        ];
        return panels.Select(p =>
        {
            const int steps = 200;
            var paths = new List<(double, double)>[PathSpectrum.Length];
            for (var i = 0; i < paths.Length; i++) paths[i] = [];
            for (var step = 0; step <= steps; step++)
            {
                var lambda = p.MaxLambda * step / steps;
                var sigma = Shrunk(p.Key, lambda);
                for (var i = 0; i < paths.Length; i++) paths[i].Add((lambda, i < sigma.Length ? sigma[i] : 0));
            }
            return new Panel(p.Title, "λ", "singular values of the minimizer", 0, p.MaxLambda, 0, 5.5)
            {
                SquareUnits = false,
                Lines = [.. paths.Select((path, i) => new LineSeries($"σ{i + 1}(Y) = {PathSpectrum[i]}", path, PathColors[i], Dashed: false))],
            };
        }).ToArray();
    }
}
