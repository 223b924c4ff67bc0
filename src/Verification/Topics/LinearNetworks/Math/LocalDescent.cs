using BigInteger = System.Numerics.BigInteger;
using Fractions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>The lowest risk local descent reached, where, and the bound on the rounding error of that evaluation.</summary>
/// <remarks>
/// Values are in units of 2^<see cref="Exponent"/> (the descent ran on the moments divided by it): compare them with
/// <see cref="InUnits(Fraction)"/> or <see cref="InUnits(double)"/> of the value they are checked against.
/// </remarks>
public sealed record DescentResult(double Lowest, double LowestError, int Starts, int Evaluations, IReadOnlyList<double> Finals, int Exponent = 0)
{
    /// <summary>An exact value in the descent's units, v / 2^Exponent, rounded once.</summary>
    public double InUnits(Fraction v) =>
        Exact.ToDouble(Exponent > 0 ? v / new Fraction(BigInteger.One << Exponent, BigInteger.One) : v * new Fraction(BigInteger.One << -Exponent, BigInteger.One));

    /// <summary>A floating value in the descent's units (exact: a power of two).</summary>
    public double InUnits(double v) => Math.ScaleB(v, -Exponent);

    /// <summary>The lowest value in the moments' own units (may overflow or underflow: for display).</summary>
    public double LowestValue => Math.ScaleB(Lowest, Exponent);
}

/// <summary>
/// L-BFGS on the risk of a network of the given widths (n₀, …, n_L), from Gaussian starts of scale 1/√width. The risk is
/// linear in the moments, so the descent runs on the moments divided by a power of two 2^k near their largest entry (exactly,
/// with the same minimizers); its values stay in units of 2^k (<see cref="DescentResult.Exponent"/>), so moments of any
/// magnitude neither overflow nor underflow inside it or in the comparison.
/// </summary>
public static class LocalDescent
{
    public static DescentResult Run(SecondMoments s, IReadOnlyList<int> widths, int starts, ulong seed, int maxIterations = 400)
    {
        var scaled = Normalized(s, out var k);
        var r = RunNormalized(scaled, widths, starts, seed, maxIterations);
        return r with { Exponent = k };
    }

    /// <summary>The moments divided by 2^k, k near the log₂ of their largest entry (exactly): the risk, its gradient and Hessian scale by 2^−k.</summary>
    public static SecondMoments Normalized(SecondMoments s, out int k)
    {
        k = ScaleExponent(s);
        if (k == 0) return s;
        var factor = k > 0 ? new Fraction(BigInteger.One, BigInteger.One << k) : new Fraction(BigInteger.One << -k, BigInteger.One);
        return new SecondMoments(s.Sxx.Scale(factor), s.Syx.Scale(factor), s.Syy.Scale(factor));
    }

    /// <summary>k with 2^k within a factor 2 of the largest |entry| of the moments (0 when they are all 0).</summary>
    private static int ScaleExponent(SecondMoments s)
    {
        var best = long.MinValue;
        foreach (var m in new[] { s.Sxx, s.Syx, s.Syy })
            for (var i = 0; i < m.RowCount; i++)
                for (var j = 0; j < m.ColumnCount; j++)
                    if (!m[i, j].IsZero)
                        best = Math.Max(best, BigInteger.Abs(m[i, j].Numerator).GetBitLength() - m[i, j].Denominator.GetBitLength());
        return best == long.MinValue ? 0 : (int)Math.Clamp(best, -100_000, 100_000);
    }

    private static DescentResult RunNormalized(SecondMoments s, IReadOnlyList<int> widths, int starts, ulong seed, int maxIterations)
    {
        var kernel = new DeepRiskKernel(s, widths);
        var shapes = Enumerable.Range(0, widths.Count - 1).Select(k => (widths[k + 1], widths[k])).ToArray();
        var count = shapes.Sum(t => t.Item1 * t.Item2);
        var rng = new SplitMix64(seed);
        var lowest = double.PositiveInfinity;
        double[]? lowestPoint = null;
        var evaluations = 0;
        var finals = new List<double>();
        var objective = ObjectiveFunction.Gradient(x =>
        {
            var theta = x.ToArray();
            var gradient = new double[theta.Length];
            var value = kernel.Evaluate(theta, gradient);
            evaluations++;
            if (value < lowest)
            {
                lowest = value;
                lowestPoint = theta;
            }
            return (value, Vector<double>.Build.Dense(gradient));
        });
        var scale = 1 / Math.Sqrt(Math.Max(1, widths.Max()));
        for (var k = 0; k < starts; k++)
        {
            var start = Vector<double>.Build.Dense(count, _ => scale * rng.NextGaussian());
            try
            {
                var result = new LimitedMemoryBfgsMinimizer(1e-10, 1e-14, 1e-14, 10, maxIterations).FindMinimum(objective, start);
                finals.Add(result.FunctionInfoAtMinimum.Value);
            }
            catch (Exception e) when (e is MaximumIterationsException or OptimizationException or ArithmeticException)
            {
                // A stalled line search or the iteration cap: the lowest point evaluated so far still counts.
                finals.Add(double.NaN);
            }
        }
        var lowestError = lowestPoint is null ? 0 : FloatingBounds.RiskFormation(s, DeepLinearRisk.Unflatten(Fields.Double, shapes, lowestPoint));
        return new DescentResult(lowest, lowestError, starts, evaluations, finals);
    }
}
