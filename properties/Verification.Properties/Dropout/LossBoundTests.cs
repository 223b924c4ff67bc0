using MathNet.Numerics.LinearAlgebra;
using Verification.Topics.Dropout;
using Xunit;

namespace Verification.Properties.Dropout;

/// <summary>
/// <see cref="DropoutObjective.LossBound"/> is the magnitude behind the dropout tolerances and the range of its Monte Carlo
/// intervals: it must bound the loss of every mask, and it is attained when every term has the sign that adds up.
/// </summary>
public class LossBoundTests
{
    private static double MaskLoss(DropoutCase c, int mask)
    {
        var kept = Matrix<double>.Build.DenseDiagonal(c.Width, c.Width, k => (mask >> k & 1) == 1 ? 1.0 : 0.0);
        var r = c.Y - c.U * kept * c.V.Transpose() / c.Theta;
        return r.FrobeniusNorm() * r.FrobeniusNorm();
    }

    [Fact]
    public void It_is_attained_when_the_signs_add_up()
    {
        // Y = [−1], U = V = [1], θ = ½, the unit kept: (−1 − 2)² = 9 = (|−1| + 1/½)².
        var c = new DropoutCase(Matrix<double>.Build.Dense(1, 1, -1), Matrix<double>.Build.Dense(1, 1, 1), Matrix<double>.Build.Dense(1, 1, 1), 0.5);
        Assert.Equal(9.0, MaskLoss(c, 1), 12);
        Assert.Equal(9.0, DropoutObjective.LossBound(c), 12);
    }

    [Fact]
    public void It_bounds_the_loss_of_every_mask()
    {
        var random = new Random(7);
        for (var t = 0; t < 50; t++)
        {
            int m = random.Next(1, 4), n = random.Next(1, 4), r = random.Next(1, 5);
            Matrix<double> Draw(int rows, int columns) => Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() * 4 - 2);
            var c = new DropoutCase(Draw(m, n), Draw(m, r), Draw(n, r), 0.1 + 0.9 * random.NextDouble());
            var bound = DropoutObjective.LossBound(c);
            for (var mask = 0; mask < 1 << r; mask++)
                Assert.True(MaskLoss(c, mask) <= bound * (1 + 1e-12), $"mask {mask}: {MaskLoss(c, mask)} > {bound}");
        }
    }
}
