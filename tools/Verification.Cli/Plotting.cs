using ScottPlot;
using Verification.Engine;

namespace Verification.Cli;

/// <summary>`plot`: draws a claim's figure (panels of heatmaps, line series and markers) to a PNG file.</summary>
public static class Plotting
{
    public static int Run(string id, string? output)
    {
        var figure = Catalog.Figures.FirstOrDefault(f => f.ClaimId == id);
        var available = string.Join(", ", Catalog.Figures.Select(f => f.ClaimId));
        if (figure is null)
            return Catalog.Contains(id)
                ? Cli.Fail($"claim '{id}' has no plot (plots exist for {available})")
                : Cli.Fail($"unknown claim id '{id}' (run `list` to see the catalog)");
        if (string.IsNullOrWhiteSpace(output)) return Cli.Fail("--out FILE.png is required");
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null && !Directory.Exists(directory)) return Cli.Fail($"output folder not found: {directory}");
        Render(figure).SavePng(output, figure.Width, figure.Height);
        Console.Out.WriteLine($"wrote {output}");
        return Cli.ExitOk;
    }

    public static Multiplot Render(Figure figure)
    {
        var panels = figure.Draw();
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (var k = 0; k < panels.Count; k++) Draw(multiplot.GetPlot(k), panels[k]);
        return multiplot;
    }

    private static void Draw(Plot plot, Panel panel)
    {
        if (panel.Heatmap is { } h)
        {
            var heatmap = plot.Add.Heatmap(h.Values);
            heatmap.Extent = new CoordinateRect(panel.XMin, panel.XMax, panel.YMin, panel.YMax);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            plot.Add.ColorBar(heatmap).Label = h.Label;
        }
        foreach (var c in panel.Circles)
        {
            var circle = plot.Add.Circle(c.X, c.Y, c.Radius);
            circle.LineColor = Color.FromHex(Hex(c.Color));
            circle.LineWidth = 2;
            if (c.Dashed) circle.LinePattern = LinePattern.Dashed;
        }
        foreach (var line in panel.Lines)
        {
            var scatter = plot.Add.Scatter(line.Points.Select(p => p.X).ToArray(), line.Points.Select(p => p.Y).ToArray(), Color.FromHex(Hex(line.Color)));
            scatter.LineWidth = 2;
            scatter.MarkerSize = (float)line.MarkerSize;
            if (line.Dashed) scatter.LinePattern = LinePattern.Dashed;
            if (line.Steps) scatter.ConnectStyle = ConnectStyle.StepHorizontal;
            if (line.Label.Length > 0) scatter.LegendText = line.Label;
        }
        foreach (var set in panel.Markers)
        {
            var shape = set.Shape switch
            {
                Engine.MarkerShape.Circle => ScottPlot.MarkerShape.FilledCircle,
                Engine.MarkerShape.Triangle => ScottPlot.MarkerShape.FilledTriangleUp,
                _ => ScottPlot.MarkerShape.FilledSquare,
            };
            foreach (var (x, y) in set.Points) plot.Add.Marker(x, y, shape, 11, Color.FromHex(Hex(set.Color)));
        }
        plot.Title(panel.Title);
        plot.XLabel(panel.XLabel);
        plot.YLabel(panel.YLabel);
        plot.Axes.SetLimits(panel.XMin, panel.XMax, panel.YMin, panel.YMax);
        if (panel.SquareUnits) plot.Axes.SquareUnits();
        if (panel.Lines.Any(l => l.Label.Length > 0)) plot.ShowLegend();
    }

    /// <summary>The few colour names figures use, as hex; #rrggbb passes through.</summary>
    private static string Hex(string color) => color switch
    {
        "red" => "#FF0000",
        "orange" => "#FFA500",
        "white" => "#FFFFFF",
        "black" => "#000000",
        "blue" => "#1F77B4",
        "green" => "#2CA02C",
        "purple" => "#9467BD",
        "gray" => "#7F7F7F",
        _ when color.StartsWith('#') => color,
        _ => throw new ArgumentException($"unknown colour '{color}'"),
    };
}
