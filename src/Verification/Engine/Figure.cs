namespace Verification.Engine;

/// <summary>
/// A claim's picture as data, drawn by the CLI's `plot` (the library does not depend on a plotting package): panels side by
/// side, each a heatmap with lines, markers and circles over it. <see cref="Draw"/> computes the panels when asked.
/// </summary>
public sealed record Figure(string ClaimId, string Description, int Width, int Height, Func<IReadOnlyList<Panel>> Draw);

public sealed record Panel(string Title, string XLabel, string YLabel, double XMin, double XMax, double YMin, double YMax)
{
    public Heatmap? Heatmap { get; init; }
    public IReadOnlyList<MarkerSet> Markers { get; init; } = [];
    public IReadOnlyList<Circle> Circles { get; init; } = [];

    /// <summary>Polylines (curves, paths, contours), drawn over the heatmap and labelled in a legend.</summary>
    public IReadOnlyList<Line> Lines { get; init; } = [];

    /// <summary>True when both axes share one unit (pictures of shapes); false for graphs of a value against a parameter.</summary>
    public bool SquareUnits { get; init; } = true;
}

/// <summary>A polyline through the points; colours are CSS names or #rrggbb. An empty label keeps the line out of the legend.</summary>
public sealed record Line(string Label, IReadOnlyList<(double X, double Y)> Points, string Color, bool Dashed);

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
