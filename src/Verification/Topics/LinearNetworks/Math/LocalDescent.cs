using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>The lowest risk local descent reached, where, and the bound on the rounding error of that evaluation.</summary>
public sealed record DescentResult(double Lowest, double LowestError, int Starts, int Evaluations, IReadOnlyList<double> Finals);

/// <summary>L-BFGS on the risk of a network of the given widths (n₀, …, n_L), from Gaussian starts of scale 1/√width.</summary>
public static class LocalDescent
{
    public static DescentResult Run(SecondMoments s, IReadOnlyList<int> widths, int starts, ulong seed, int maxIterations = 400)
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
