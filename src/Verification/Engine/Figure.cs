namespace Verification.Engine;

/// <summary>
/// A claim's picture as data, drawn by the CLI's `plot` (the library does not depend on a plotting package): panels side by
/// side, each a heatmap and/or line series with markers and circles over it. <see cref="Draw"/> computes the panels when asked.
/// </summary>
public sealed record Figure(string ClaimId, string Description, int Width, int Height, Func<IReadOnlyList<Panel>> Draw);

public sealed record Panel(string Title, string XLabel, string YLabel, double XMin, double XMax, double YMin, double YMax)
{
    public Heatmap? Heatmap { get; init; }
    public IReadOnlyList<MarkerSet> Markers { get; init; } = [];
    public IReadOnlyList<Circle> Circles { get; init; } = [];

    /// <summary>Curves through points, drawn in order (with a legend when any has a label).</summary>
    public IReadOnlyList<LineSeries> Lines { get; init; } = [];

    /// <summary>Equal scales on both axes (heatmaps of a plane); false for graphs of functions and log–log plots.</summary>
    public bool SquareUnits { get; init; } = true;
}

/// <summary>A polyline through its points; colours are CSS names or #rrggbb; markers of the given size at the points (0: none).</summary>
/// <see cref="Steps"/> holds each value until the next point (e.g. a width that changes in rounds).
public sealed record LineSeries(string Label, IReadOnlyList<(double X, double Y)> Points, string Color, bool Dashed = false, double MarkerSize = 0)
{
    public bool Steps { get; init; }
}

/// <summary>Values on a regular grid over the panel's extent; row 0 is the top of the picture.</summary>
public sealed record Heatmap(double[,] Values, string Label);

public enum MarkerShape
{
    Circle,
    Triangle,
    Square,
}

/// <summary>Points drawn with one marker; colours are CSS names or #rrggbb.</summary>
public sealed record MarkerSet(string Label, IReadOnlyList<(double X, double Y)> Points, MarkerShape Shape, string Color);

public sealed record Circle(double X, double Y, double Radius, string Color, bool Dashed);
