using Fractions;
using Verification.Engine;
using Verification.Numerics;

namespace Verification.Topics.Dropout;

/// <summary>Part III-a: dropout (Cavazza et al. 2018; Mianjy, Arora, Vidal 2018).</summary>
public sealed class DropoutTopic : ITopic
{
    public static DropoutTopic Instance { get; } = new();

    public string Name => "dropout";

    public IReadOnlyList<IClaim> Claims { get; } =
    [
        DropoutClaims.Expectation,
        DropoutClaims.ExpectationControl,
        DropoutClaims.ExpectationControlL1,
        DropoutClaims.ExpectationWithInput,
        DropoutClaims.SgdUnbiased,
        DropoutClaims.RegularizerBound,
        DropoutClaims.Doubling,
        DropoutClaims.VariableRate,
        DropoutClaims.VariableRateAsStated,
        DropoutClaims.VariableRateMinimizer,
        DropoutClaims.VariableRateMinimizerControl,
        DropoutClaims.FixedWidthMinimizer,
        DropoutClaims.FixedWidthMinimizerAsStated,
        DropoutClaims.BalanceRotation,
        DropoutClaims.BalanceGram,
        DropoutClaims.OptimumCharacterization,
        DropoutClaims.OptimumCharacterizationAsStated,
        DropoutClaims.OptimumConstruction,
        DropoutClaims.OptimumConstructionAsStated,
        DropoutClaims.AutoencoderLandscape,
    ];

    public IReadOnlyList<Source> Sources { get; } = [Bibliography.Cavazza2018, Bibliography.Mianjy2018];

    public IReadOnlyList<Figure> Figures { get; } =
    [
        new(DropoutClaims.AutoencoderLandscape.Id,
            "the slide's three landscapes of the tied 1-2-1 autoencoder: no dropout (λ = 0), small (λ = 1/2) and large (λ = 4) dropout",
            1500, 520, AutoencoderLandscapes),
    ];

    /// <summary>The slide's three pictures: no dropout, small and large dropout weight λ.</summary>
    public static readonly (string Label, Fraction Lambda)[] Landscapes =
    [
        ("no dropout (λ = 0)", Fraction.Zero),
        ("small dropout (λ = 1/2)", new Fraction(1, 2)),
        ("large dropout (λ = 4)", new Fraction(4)),
    ];

    /// <summary>Heatmaps of log₁₀(10⁻³ + f) over (w₁, w₂), with the global minima, the unbalanced critical points and the origin marked.</summary>
    public static IReadOnlyList<Panel> AutoencoderLandscapes() => Landscapes.Select(l => Landscape(l.Label, l.Lambda)).ToArray();

    private static Panel Landscape(string label, Fraction lambda)
    {
        const int cells = 241;
        const double extent = 1.3;
        var l = lambda.ToDoubleAnyScale();
        var values = new double[cells, cells];
        for (var row = 0; row < cells; row++)
            for (var column = 0; column < cells; column++)
            {
                var w1 = -extent + 2 * extent * column / (cells - 1);
                var w2 = extent - 2 * extent * row / (cells - 1); // row 0 is the top of the picture
                values[row, column] = Math.Log10(1e-3 + Autoencoder.Value(w1, w2, l));
            }
        var points = Autoencoder.CriticalPoints(lambda);
        MarkerSet Markers(string kind, string name, MarkerShape shape, string color) => new(name,
            points.Where(p => p.Kind.StartsWith(kind)).SelectMany(p => { var (a, b) = p.Coordinates; return new[] { (a, b), (-a, -b) }; }).Distinct().ToArray(),
            shape, color);
        return new Panel($"{label}: min f = {Exact.Format(Autoencoder.MinimumValue(lambda))}", "w₁", "w₂", -extent, extent, -extent, extent)
        {
            Heatmap = new Heatmap(values, "log10(0.001 + f)"),
            Markers =
            [
                Markers("balanced", "global minima", MarkerShape.Circle, "red"),
                Markers("unbalanced", "unbalanced critical points", MarkerShape.Triangle, "orange"),
                Markers("origin", "origin", MarkerShape.Square, "white"),
            ],
            // At λ = 0 every point of the unit circle is a global minimum.
            Circles = lambda.IsZero ? [new Circle(0, 0, 1, "white", Dashed: true)] : [],
        };
    }
}
