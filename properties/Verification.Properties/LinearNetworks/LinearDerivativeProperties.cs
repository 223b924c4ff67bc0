using FsCheck;
using FsCheck.Fluent;
using Fractions;
using Verification.Generators;
using Verification.Numerics;
using Verification.Symbolic;
using Verification.Topics.LinearNetworks;
using Xunit;

namespace Verification.Properties.LinearNetworks;

/// <summary>
/// The gradient and Hessian of the risk of a depth-L linear network, derived once (<see cref="DeepLinearRisk"/>), against the
/// symbolic engine (exact, small sizes), finite differences (floating point) and the double-precision kernel.
/// </summary>
public class LinearDerivativeProperties
{
    /// <summary>A network: widths n₀..n_L (each 1 or 2, depth 1 to 3), samples X, Y (N = 2) and a point, all small rationals.</summary>
    public sealed record Network(int[] Widths, ExactMatrix X, ExactMatrix Y, IReadOnlyList<ExactMatrix> Layers);

    private static Gen<Network> Networks(int maxDepth, int maxWidth) =>
        from depth in Gen.Choose(1, maxDepth)
        from widths in Gen.ArrayOf(Gen.Choose(1, maxWidth), depth + 1)
        from x in SampleGenerators.SmallRationals(widths[0], 2)
        from y in SampleGenerators.SmallRationals(widths[^1], 2)
        from layers in Gen.CollectToArray(Enumerable.Range(0, depth).Select(k => SampleGenerators.SmallRationals(widths[k + 1], widths[k])))
        select new Network(widths, x, y, layers.ToArray());

    private static string Name(int layer, int a, int b) => SymbolicMatrix.EntryName($"W{layer + 1}", a, b);

    /// <summary>R = (1/N)‖Y − W_L⋯W₁X‖² expanded symbolically in the weights (X and Y are numbers).</summary>
    private static RationalFunction SymbolicRisk(Network n)
    {
        SymbolicMatrix Constant(ExactMatrix m) => SymbolicMatrix.Create(m.RowCount, m.ColumnCount, (i, j) => RationalFunction.Constant(m[i, j]));
        var product = SymbolicMatrix.Create(n.Widths[1], n.Widths[0], (a, b) => RationalFunction.Symbol(Name(0, a, b)));
        for (var k = 1; k < n.Layers.Count; k++)
        {
            var kk = k;
            product = SymbolicMatrix.Create(n.Widths[k + 1], n.Widths[k], (a, b) => RationalFunction.Symbol(Name(kk, a, b))) * product;
        }
        var residual = Constant(n.Y) - product * Constant(n.X);
        return residual.FrobeniusNormSquared() * RationalFunction.Constant(new Fraction(1, n.X.ColumnCount));
    }

    [SeededProperty(5)]
    public Property Gradient_and_Hessian_equal_the_symbolic_derivatives_exactly() =>
        Prop.ForAll(Networks(3, 2).ToArbitrary(), n =>
        {
            var s = SecondMoments.FromSamples(n.X, n.Y);
            var w = n.Layers.Select(FieldMatrices.Of).ToArray();
            var names = new List<string>();
            for (var k = 0; k < n.Layers.Count; k++)
                for (var a = 0; a < n.Widths[k + 1]; a++)
                    for (var b = 0; b < n.Widths[k]; b++) names.Add(Name(k, a, b));
            var point = new Dictionary<string, Fraction>(StringComparer.Ordinal);
            var values = DeepLinearRisk.Flatten(w);
            for (var i = 0; i < names.Count; i++) point[names[i]] = values[i];
            var risk = SymbolicRisk(n);
            var gradient = DeepLinearRisk.Flatten(DeepLinearRisk.Gradient(s.Exact(), w));
            var hessian = DeepLinearRisk.Hessian(s.Exact(), w);
            var firsts = names.Select(risk.Derivative).ToArray();
            var ok = risk.Evaluate(point) == DeepLinearRisk.Risk(s.Exact(), w);
            for (var i = 0; i < names.Count && ok; i++)
            {
                ok &= firsts[i].Evaluate(point) == gradient[i];
                for (var j = 0; j < names.Count && ok; j++) ok &= firsts[i].Derivative(names[j]).Evaluate(point) == hessian[i, j];
            }
            return ok.Label($"widths {string.Join(",", n.Widths)}");
        });

    /// <summary>
    /// R restricted to one coordinate is a quadratic (P is linear in each weight) and ∇R restricted to one coordinate is linear,
    /// so central differences are exact but for rounding: about u·|terms|/h, far below the 1e-6 relative bound used here.
    /// </summary>
    [SeededProperty(4)]
    public Property Gradient_and_Hessian_agree_with_central_differences_in_floating_point() =>
        Prop.ForAll(
            (from depth in Gen.Choose(1, 4)
             from widths in Gen.ArrayOf(Gen.Choose(1, 3), depth + 1)
             from samples in Gen.Choose(1, 4)
             from x in Matrices.Gaussian(widths[0], samples)
             from y in Matrices.Gaussian(widths[^1], samples)
             from layers in Gen.CollectToArray(Enumerable.Range(0, depth).Select(k => Matrices.Gaussian(widths[k + 1], widths[k])))
             select (x, y, layers: layers.ToArray())).ToArbitrary(),
            t =>
            {
                var s = SecondMoments.FromSamples(ExactMatrix.FromDoubles(t.x), ExactMatrix.FromDoubles(t.y)).Floating();
                var w = t.layers.Select(FieldMatrices.Of).ToArray();
                var shapes = w.Select(m => (m.RowCount, m.ColumnCount)).ToArray();
                var theta = DeepLinearRisk.Flatten(w);
                var gradient = DeepLinearRisk.Flatten(DeepLinearRisk.Gradient(s, w));
                var hessian = DeepLinearRisk.Hessian(s, w);
                const double h = 1e-3;
                var scale = 1 + Math.Abs(DeepLinearRisk.Risk(s, w)) + gradient.Max(Math.Abs);
                var worst = 0.0;
                for (var i = 0; i < theta.Length; i++)
                {
                    var plus = (double[])theta.Clone();
                    var minus = (double[])theta.Clone();
                    plus[i] += h;
                    minus[i] -= h;
                    var wp = DeepLinearRisk.Unflatten(Fields.Double, shapes, plus);
                    var wm = DeepLinearRisk.Unflatten(Fields.Double, shapes, minus);
                    worst = Math.Max(worst, Math.Abs((DeepLinearRisk.Risk(s, wp) - DeepLinearRisk.Risk(s, wm)) / (2 * h) - gradient[i]) / scale);
                    var gp = DeepLinearRisk.Flatten(DeepLinearRisk.Gradient(s, wp));
                    var gm = DeepLinearRisk.Flatten(DeepLinearRisk.Gradient(s, wm));
                    for (var j = 0; j < theta.Length; j++)
                        worst = Math.Max(worst, Math.Abs((gp[j] - gm[j]) / (2 * h) - hessian[j, i]) / (scale + Math.Abs(hessian[j, i])));
                }
                return (worst <= 1e-6).Label($"largest relative difference {worst:G3}");
            });

    [SeededProperty(4)]
    public Property The_descent_kernel_agrees_with_the_generic_formulas() =>
        Prop.ForAll(
            (from depth in Gen.Choose(1, 4)
             from widths in Gen.ArrayOf(Gen.Choose(1, 4), depth + 1)
             from samples in Gen.Choose(1, 5)
             from x in Matrices.Gaussian(widths[0], samples)
             from y in Matrices.Gaussian(widths[^1], samples)
             from theta in Gen.ArrayOf(Scalars.Gaussian, Enumerable.Range(0, depth).Sum(k => widths[k] * widths[k + 1]))
             select (widths, x, y, theta)).ToArbitrary(),
            t =>
            {
                var moments = SecondMoments.FromSamples(ExactMatrix.FromDoubles(t.x), ExactMatrix.FromDoubles(t.y));
                var shapes = Enumerable.Range(0, t.widths.Length - 1).Select(k => (t.widths[k + 1], t.widths[k])).ToArray();
                var w = DeepLinearRisk.Unflatten(Fields.Double, shapes, t.theta);
                var r = DeepLinearRisk.Risk(moments.Floating(), w);
                var g = DeepLinearRisk.Flatten(DeepLinearRisk.Gradient(moments.Floating(), w));
                var kernel = new DeepRiskKernel(moments, t.widths);
                var g2 = new double[g.Length];
                var r2 = kernel.Evaluate(t.theta, g2);
                var scale = 1 + Math.Abs(r) + g.Max(Math.Abs);
                var worst = Math.Max(Math.Abs(r - r2), g.Zip(g2).Max(p => Math.Abs(p.First - p.Second))) / scale;
                return (worst <= 1e-12).Label($"relative difference {worst:G3}");
            });

    [Fact]
    public void The_origin_of_the_scalar_networks_is_a_strict_saddle_at_depth_2_and_flat_at_depth_3()
    {
        var x = ExactLinearAlgebra.Identity(1);
        var s = SecondMoments.FromSamples(x, x, new Fraction(1));
        var depth2 = DeepLinearRisk.Hessian(s.Exact(), [FieldMatrices.Of(ExactLinearAlgebra.Zero(1, 1)), FieldMatrices.Of(ExactLinearAlgebra.Zero(1, 1))]).ToExact();
        Assert.Equal(new Inertia(1, 0, 1), ExactLdlt.InertiaOf(depth2)); // f = (1 − w₂w₁)²: eigenvalues ±2
        Assert.Equal(new Fraction(-2), depth2[0, 1]);
        var zeros = Enumerable.Range(0, 3).Select(_ => FieldMatrices.Of(ExactLinearAlgebra.Zero(1, 1))).ToArray();
        Assert.True(DeepLinearRisk.Hessian(s.Exact(), zeros).IsZero());
        Assert.Equal(1.0, ScalarNetworks.Depth3(0, 0, 0));
        Assert.True(ScalarNetworks.Depth3(0.1, 0.1, 0.1) < 1);
    }
}
