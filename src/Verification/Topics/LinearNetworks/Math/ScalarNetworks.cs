namespace Verification.Topics.LinearNetworks;

/// <summary>
/// The scalar linear networks of the lecture's pictures, with one sample x = y = 1: f(w₁, w₂) = (1 − w₂w₁)², whose origin is a
/// strict saddle (Hessian eigenvalues ±2), and f(w₁, w₂, w₃) = (1 − w₃w₂w₁)², whose origin has zero gradient and zero Hessian
/// but is not a minimum (f(t, t, t) = (1 − t³)² &lt; 1 for small t &gt; 0).
/// </summary>
public static class ScalarNetworks
{
    public static double Depth2(double w1, double w2) => Square(1 - w2 * w1);

    public static double Depth3(double w1, double w2, double w3) => Square(1 - w3 * w2 * w1);

    /// <summary>Points of the curve of global minima w₂ = 1/w₁^{power} (power 1 for depth 2, 2 on the slice w₂ = w₃ of depth 3) inside the square [−extent, extent]².</summary>
    public static IReadOnlyList<(double X, double Y)> Minima(double extent, int power, int count)
    {
        var points = new List<(double, double)>();
        for (var k = 0; k < count; k++)
        {
            var y = -extent + 2 * extent * (k + 0.5) / count;
            if (y == 0) continue;
            var x = 1 / Math.Pow(y, power);
            if (Math.Abs(x) <= extent) points.Add((x, y));
        }
        return points;
    }

    private static double Square(double x) => x * x;
}
