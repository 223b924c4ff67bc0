using Fractions;
using Verification.Engine;
using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>Part I: linear networks (Baldi and Hornik 1989; Kawaguchi 2016), with landscapes decided exactly where the instance allows.</summary>
public sealed class LinearNetworksTopic : ITopic
{
    public static LinearNetworksTopic Instance { get; } = new();

    public string Name => "linear";

    public IReadOnlyList<IClaim> Claims { get; } =
    [
        LinearClaims.RiskTrace,
        LinearClaims.RiskTraceControl,
        LinearClaims.OptimalProduct,
        LinearClaims.BaldiHornikMinimum,
        LinearClaims.BaldiHornikAsStated,
        LinearClaims.CriticalPoints,
        LinearClaims.ShallowOriginStrict,
        LinearClaims.ShallowOriginControl,
        LinearClaims.DeepNonstrictSaddle,
        LinearClaims.DeepOptimalProduct,
        LinearClaims.DeepOptimalProductControl,
        LinearClaims.KawaguchiStrictSaddles,
        LinearClaims.KawaguchiControl,
    ];

    public IReadOnlyList<Source> Sources { get; } = [Bibliography.BaldiHornik1989, Bibliography.Kawaguchi2016];

    public IReadOnlyList<Figure> Figures { get; } =
    [
        new(LinearClaims.ShallowOriginStrict.Id, "the scalar network f(w₁, w₂) = (1 − w₂w₁)²: the origin is a strict saddle", 700, 600, () => [Depth2Panel()]),
        new(LinearClaims.DeepNonstrictSaddle.Id,
            "the scalar networks f(w₁, w₂) = (1 − w₂w₁)² (strict saddle at 0) and f(w₁, w₂, w₃) = (1 − w₃w₂w₁)² on the slice w₂ = w₃ (flat saddle at 0)",
            1400, 600, () => [Depth2Panel(), Depth3Panel()]),
        new(LinearClaims.CriticalPoints.Id, "the critical values R = tr Σ_yy − Σ_{i∈I} λ_i of one Baldi–Hornik instance (Σ = diag(4, 9/4, 1, 1/4), n₁ = 2), by index set",
            1000, 800, () => [CriticalValuesPanel()]),
    ];

    private const double Extent = 2;
    private const int Cells = 241;

    private static Panel Landscape(string title, string yLabel, Func<double, double, double> f, int power, string originLabel)
    {
        var values = new double[Cells, Cells];
        for (var row = 0; row < Cells; row++)
            for (var column = 0; column < Cells; column++)
            {
                var x = -Extent + 2 * Extent * column / (Cells - 1);
                var y = Extent - 2 * Extent * row / (Cells - 1); // row 0 is the top of the picture
                values[row, column] = Math.Log10(1e-3 + f(x, y));
            }
        return new Panel(title, "w₁", yLabel, -Extent, Extent, -Extent, Extent)
        {
            Heatmap = new Heatmap(values, "log10(0.001 + f)"),
            Markers =
            [
                new MarkerSet("global minima", ScalarNetworks.Minima(Extent, power, 40), MarkerShape.Circle, "red"),
                new MarkerSet(originLabel, [(0, 0)], MarkerShape.Square, "white"),
            ],
        };
    }

    public static Panel Depth2Panel() =>
        Landscape("depth 2: (1 − w₂w₁)², strict saddle at 0 (Hessian eigenvalues ±2)", "w₂", ScalarNetworks.Depth2, 1, "strict saddle");

    public static Panel Depth3Panel() =>
        Landscape("depth 3 on w₂ = w₃: (1 − w₂²w₁)², flat saddle at 0 (zero Hessian)", "w₂ = w₃", (a, b) => ScalarNetworks.Depth3(a, b, b), 2, "flat saddle");

    /// <summary>The Baldi–Hornik instance of the figure: X = 2I₄ (N = 4, Σ_xx = I), Y = MX with M = diag(2, 3/2, 1, 1/2), so Σ = M².</summary>
    public static LinearProblem FigureInstance { get; } = LinearProblem.FromSamples(
        ExactLinearAlgebra.Identity(4).Scale(2),
        ExactLinearAlgebra.Diagonal([new Fraction(2), new Fraction(3, 2), Fraction.One, new Fraction(1, 2)]).Multiply(ExactLinearAlgebra.Identity(4).Scale(2)),
        [2], true, 1);

    public static Panel CriticalValuesPanel()
    {
        var c = FigureInstance;
        var spectrum = BaldiHornik.TryExactSpectrum(c.Moments) ?? throw new InvalidOperationException("the figure's instance has a rational spectrum");
        var sets = BaldiHornik.IndexSets(spectrum.Dimension, 2).ToArray();
        var points = sets.Select((set, k) =>
        {
            var point = BaldiHornik.CriticalPoint(c.Moments, spectrum, set);
            var inertia = ExactLdlt.InertiaOf(DeepLinearRisk.Hessian(c.Moments.Exact(), point.Layers).ToExact());
            return (X: k + 1.0, Y: point.Value.ToDoubleAnyScale(), inertia.Negative);
        }).ToArray();
        MarkerSet Set(string label, Func<int, bool> negatives, MarkerShape shape, string color) =>
            new(label, points.Where(p => negatives(p.Negative)).Select(p => (p.X, p.Y)).ToArray(), shape, color);
        var labels = string.Join("  ", sets.Select((s, k) => $"{k + 1} = {ShallowCriticalPoint.IndexSetLabel(s)}"));
        return new Panel("critical values R by index set I (red: minimum; orange, black: 1, ≥ 2 negative Hessian eigenvalues)",
            $"index set: {labels}", "R = tr Σ_yy − Σ_{i∈I} λ_i", 0, sets.Length + 1, 0, Math.Ceiling(points.Max(p => p.Y)) + 1)
        {
            Markers =
            [
                Set("global minimum", n => n == 0, MarkerShape.Circle, "red"),
                Set("strict saddle, 1 negative eigenvalue", n => n == 1, MarkerShape.Triangle, "orange"),
                Set("strict saddle, 2 or more negative eigenvalues", n => n >= 2, MarkerShape.Square, "black"),
            ],
        };
    }
}
