using Fractions;
using ScottPlot;
using Verification.Dropout;

namespace Verification.Cli;

/// <summary>`plot`: pictures of a claim. Today: the three landscapes of the tied 1-2-1 autoencoder (dropout.autoencoder-landscape).</summary>
public static class Plotting
{
    /// <summary>The slide's three pictures: no dropout, small and large dropout weight λ.</summary>
    public static readonly (string Label, Fraction Lambda)[] Landscapes =
    [
        ("no dropout (λ = 0)", Fraction.Zero),
        ("small dropout (λ = 1/2)", new Fraction(1, 2)),
        ("large dropout (λ = 4)", new Fraction(4)),
    ];

    public static int Run(string id, string? output)
    {
        if (id != DropoutClaims.AutoencoderLandscape.Id)
            return Verification.Claims.Catalog.Contains(id)
                ? Cli.Fail($"claim '{id}' has no plot (plots exist for {DropoutClaims.AutoencoderLandscape.Id})")
                : Cli.Fail($"unknown claim id '{id}' (run `list` to see the catalog)");
        if (string.IsNullOrWhiteSpace(output)) return Cli.Fail("--out FILE.png is required");
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null && !Directory.Exists(directory)) return Cli.Fail($"output folder not found: {directory}");
        AutoencoderLandscapes().SavePng(output, 1500, 520);
        Console.Out.WriteLine($"wrote {output}");
        return Cli.ExitOk;
    }

    public static Multiplot AutoencoderLandscapes()
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(Landscapes.Length);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (var k = 0; k < Landscapes.Length; k++) Landscape(multiplot.GetPlot(k), Landscapes[k].Label, Landscapes[k].Lambda);
        return multiplot;
    }

    private static void Landscape(Plot plot, string label, Fraction lambda)
    {
        const int cells = 241;
        const double extent = 1.3;
        var l = lambda.ToDouble();
        var values = new double[cells, cells];
        for (var row = 0; row < cells; row++)
            for (var column = 0; column < cells; column++)
            {
                var w1 = -extent + 2 * extent * column / (cells - 1);
                var w2 = extent - 2 * extent * row / (cells - 1); // row 0 is the top of the picture
                values[row, column] = Math.Log10(1e-3 + Autoencoder.Value(w1, w2, l));
            }
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Extent = new CoordinateRect(-extent, extent, -extent, extent);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap).Label = "log10(0.001 + f)";

        if (lambda.IsZero)
        {
            // At λ = 0 every point of the unit circle is a global minimum.
            var circle = plot.Add.Circle(0, 0, 1);
            circle.LineColor = Colors.White;
            circle.LineWidth = 2;
            circle.LinePattern = LinePattern.Dashed;
        }
        foreach (var p in Autoencoder.CriticalPoints(lambda))
        {
            var (w1, w2) = p.Coordinates;
            var (shape, color) = p.Kind.StartsWith("balanced") ? (MarkerShape.FilledCircle, Colors.Red)
                : p.Kind.StartsWith("unbalanced") ? (MarkerShape.FilledTriangleUp, Colors.Orange)
                : (MarkerShape.FilledSquare, Colors.White);
            foreach (var (x, y) in new[] { (w1, w2), (-w1, -w2) }.Distinct())
                plot.Add.Marker(x, y, shape, 11, color);
        }
        plot.Title($"{label}: min f = {Exact.Format(Autoencoder.MinimumValue(lambda))}");
        plot.XLabel("w₁");
        plot.YLabel("w₂");
        plot.Axes.SetLimits(-extent, extent, -extent, extent);
        plot.Axes.SquareUnits();
    }
}
