using Verification.Properties.Cli;
using Xunit;

namespace Verification.Properties.Depth;

/// <summary>The depth and approximation figures (line series, exact vertices, log–log rates) are drawn as PNG files by `plot`.</summary>
[Collection("Console")]
public class DepthPlotTests
{
    [Theory]
    [InlineData("depth.sawtooth")]
    [InlineData("depth.shallow-pieces")]
    [InlineData("depth.montufar-regions")]
    [InlineData("approx.relu-interpolation")]
    [InlineData("approx.sigmoid-staircase")]
    public void The_figure_is_drawn_as_a_PNG(string id)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{id}-{Guid.NewGuid():N}.png");
        Assert.Equal(0, CliRun.Capture("plot", id, "--out", path).Code);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        File.Delete(path);
    }
}
