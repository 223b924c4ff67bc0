using MathNet.Numerics.LinearAlgebra;
using Verification.ClaimsFiles.Syntax;
using Verification.Numerics;
using Verification.Topics.Dropout;
using M = Verification.Symbolic.SymbolicMatrix;

namespace Verification.ClaimsFiles;

/// <summary>An expectation that cannot be computed with a rigorous bound (no finite range for Monte Carlo): not evidence.</summary>
public sealed class UnsettledException(string message) : Exception(message);

/// <summary>The floating-point strategies for E[…](…), in order of preference (see <see cref="FloatEvaluator"/>).</summary>
public static class Expectations
{
    private const double U = Rounding.UnitRoundoff;

    public static Bounded Evaluate(FloatEvaluator f, ExpectationNode e)
    {
        var model = f.Model;
        var names = string.Join(", ", e.Variables);
        if (e.Variables.Any(z => model.Symbol(z).Kind == SymbolKind.Gaussian))
        {
            f.Note($"E[{names}] exactly (Gaussian moments)");
            return Rounded(f.Exactly(e));
        }
        if (KernelForm.Evaluate(f, e) is { } kernel) return kernel;
        if (model.Checker.InfoOf(e).IsExact && !f.Settings.MonteCarlo)
        {
            f.Note($"E[{names}] exactly (E z = retain, z² = z)");
            return Rounded(f.Exactly(e));
        }
        var masks = e.Variables.Select(z => (Name: z, Shape: model.Symbol(z).Shape.At(f.Dims), Retain: Retain(f, z))).ToList();
        var bits = masks.Sum(m => m.Shape.Rows * m.Shape.Columns);
        return !f.Settings.MonteCarlo && bits <= ExpectationSettings.EnumerationBits
            ? Enumerate(f, e, masks, bits)
            : Sample(f, e, masks);
    }

    /// <summary>An exact value in double precision: each entry within 2u of its exact value.</summary>
    public static Bounded Rounded(M exact) => Bounded.Create(exact.Rows, exact.Columns, (i, j) =>
    {
        var x = exact[i, j];
        if (!x.IsConstant) throw new InvalidOperationException("an exact value still depends on a symbol");
        var v = Doubles.Of(x.ConstantValue);
        if (!double.IsFinite(v)) throw new NonFiniteException("an exact value is beyond double precision");
        return (v, 2 * U * Math.Abs(v) + double.Epsilon);
    });

    /// <summary>The retain probability of a mask at this instance, exactly, checked to lie in [0, 1].</summary>
    public static double Retain(FloatEvaluator f, string z)
    {
        var symbol = f.Model.Symbol(z);
        var exact = f.Exactly(symbol.Retain!)[0, 0].ConstantValue;
        if (exact < Fractions.Fraction.Zero || exact > Fractions.Fraction.One)
            throw new DomainException($"the retain probability `{symbol.Retain!.Text}` of '{z}' is {Exact.Format(exact)}, outside [0, 1]");
        return exact.ToDoubleAnyScale();
    }

    private static Bounded Enumerate(FloatEvaluator f, ExpectationNode e, IReadOnlyList<(string Name, (int Rows, int Columns) Shape, double Retain)> masks, int bits)
    {
        f.Note($"E[{string.Join(", ", e.Variables)}] by enumerating 2^{bits} masks");
        Bounded? total = null;
        double[] weighted = [], magnitude = [];
        var count = 1L << bits;
        for (var mask = 0L; mask < count; mask++)
        {
            var weight = 1.0;
            var bit = 0;
            foreach (var (name, (rows, columns), p) in masks)
            {
                var value = Matrix<double>.Build.Dense(rows, columns);
                for (var i = 0; i < rows; i++)
                    for (var j = 0; j < columns; j++, bit++)
                    {
                        var on = (mask >> bit & 1) == 1;
                        value[i, j] = on ? 1 : 0;
                        weight *= on ? p : 1 - p;
                    }
                f.Bind(name, value);
            }
            var b = f.Evaluate(e.Body);
            if (total is null)
            {
                total = Bounded.Create(b.Rows, b.Columns, (_, _) => (0, 0));
                weighted = new double[b.Values.Length];
                magnitude = new double[b.Values.Length];
            }
            for (var t = 0; t < b.Values.Length; t++)
            {
                total.Values[t] += weight * b.Values[t];
                weighted[t] += weight * b.Errors[t];
                magnitude[t] += weight * Math.Abs(b.Values[t]);
            }
        }
        foreach (var (name, _, _) in masks) f.Bind(name, null);
        // Weights carry the relative error of `bits` products; the sum of 2^bits weighted terms that of 2^bits + 2 more roundings.
        var gamma = 2 * Rounding.Gamma(bits + count + 4);
        for (var t = 0; t < total!.Values.Length; t++) total.Errors[t] = weighted[t] * (1 + gamma) + gamma * magnitude[t];
        return total;
    }

    private static Bounded Sample(FloatEvaluator f, ExpectationNode e, IReadOnlyList<(string Name, (int Rows, int Columns) Shape, double Retain)> masks)
    {
        var sampled = e.Variables.ToHashSet(StringComparer.Ordinal);
        var range = f.Majorant(e.Body, sampled);
        if (range.Values.Any(x => !double.IsFinite(x)))
            throw new UnsettledException($"E[{string.Join(", ", e.Variables)}] in `{e.Text}` has too many masks to enumerate and no finite bound on its integrand for a rigorous Monte Carlo interval");
        var samples = f.Settings.Samples;
        var bits = masks.Sum(m => (double)m.Shape.Rows * m.Shape.Columns);
        if (samples * bits > f.Settings.MaxWork)
            throw new LimitExceededException($"Monte Carlo over {samples} samples of {bits} mask entries exceeds the work budget {f.Settings.MaxWork:G3} (lower --samples or raise --max-work)");
        var rng = new SplitMix64(f.Settings.Seed);
        var entries = range.Values.Length;
        var mean = new double[entries];
        var m2 = new double[entries];
        var worst = new double[entries];
        for (var n = 1L; n <= samples; n++)
        {
            foreach (var (name, (rows, columns), p) in masks)
                f.Bind(name, Matrix<double>.Build.Dense(rows, columns, (_, _) => rng.NextDouble() < p ? 1 : 0));
            var b = f.Evaluate(e.Body);
            for (var t = 0; t < entries; t++)
            {
                var d = b.Values[t] - mean[t];
                mean[t] += d / n;
                m2[t] += d * (b.Values[t] - mean[t]);
                worst[t] = Math.Max(worst[t], b.Errors[t]);
            }
        }
        foreach (var (name, _, _) in masks) f.Bind(name, null);
        // Values lie in [−B, B]: the Maurer–Pontil interval for a range 2B, at confidence 1 − δ per entry (a union bound over entries).
        var delta = MonteCarlo.DefaultDelta / entries;
        f.Note($"E[{string.Join(", ", e.Variables)}] by Monte Carlo over {samples} masks (1 − {MonteCarlo.DefaultDelta:G1} empirical-Bernstein interval)");
        return Bounded.Create(range.Rows, range.Columns, (i, j) =>
        {
            var t = i * range.Columns + j;
            var (lower, upper) = MonteCarlo.Interval(mean[t], m2[t], samples, 2 * range.Values[t], delta);
            return (mean[t], (upper - lower) / 2 + worst[t]);
        });
    }
}

/// <summary>
/// The form of the dropout checker's kernels, ‖A − c·L diag(z) R‖_F² with z a Bernoulli vector of retain p and A, L, R, c
/// free of z: it is E_z ‖Y − θ⁻¹U diag(z)Vᵀ‖_F² with Y = A, U = c·p·L, V = Rᵀ, θ = p, so the Gray-code enumeration (or the
/// batched Monte Carlo estimate) of the built-in claims computes it, with their tolerance.
/// </summary>
public static class KernelForm
{
    private const double U = Rounding.UnitRoundoff;

    public static Bounded? Evaluate(FloatEvaluator f, ExpectationNode e)
    {
        var model = f.Model;
        if (e.Variables.Count != 1) return null;
        var z = e.Variables[0];
        var symbol = model.Symbol(z);
        if (symbol.Kind != SymbolKind.Bernoulli || !symbol.Shape.IsColumn) return null;
        if (e.Body is not PowerNode { Exponent: 2, Base: NormNode { Kind: NormKind.Frobenius, Operand: var operand } }) return null;
        bool Free(Node n) => !model.Checker.InfoOf(n).Random.Contains(z);
        Node? fixedPart = null, masked = operand;
        var sign = 1.0;
        if (operand is BinaryNode { Op: BinaryOp.Subtract or BinaryOp.Add } b)
        {
            if (Free(b.Left) && !Free(b.Right)) (fixedPart, masked, sign) = (b.Left, b.Right, b.Op == BinaryOp.Subtract ? 1 : -1);
            else if (Free(b.Right) && !Free(b.Left)) (fixedPart, masked, sign) = (b.Right, b.Left, b.Op == BinaryOp.Subtract ? 1 : -1);
            else return null;
        }
        var factors = new List<(Node Node, bool Divisor)>();
        if (!Flatten(masked, factors, ref sign)) return null;
        var at = factors.FindIndex(t => t.Node is CallNode { Function: "diag", Arguments: [NameNode { Name: var name }] } && name == z && !t.Divisor);
        if (at < 0 || factors.Where((t, k) => k != at).Any(t => !Free(t.Node))) return null;

        var p = Expectations.Retain(f, z);
        if (!(p > 0)) return null;
        var (r, _) = symbol.Shape.At(f.Dims);
        if (r > ExpectationSettings.KernelWidth && !f.Settings.MonteCarlo) return null;

        var (c, ec) = (sign, 0.0);
        Bounded? left = null, right = null;
        for (var k = 0; k < factors.Count; k++)
        {
            if (k == at) continue;
            var (node, divisor) = factors[k];
            var value = f.Evaluate(node);
            if (model.Checker.InfoOf(node).Shape.IsScalar)
            {
                (c, ec) = divisor ? Bounded.Divide(c, ec, value[0, 0], value.ErrorAt(0, 0)) : Bounded.Multiply(c, ec, value[0, 0], value.ErrorAt(0, 0));
                continue;
            }
            if (k < at) left = left is null ? value : left * value;
            else right = right is null ? value : right * value;
        }
        left ??= Bounded.Exact(Matrix<double>.Build.DenseIdentity(r));
        right ??= Bounded.Exact(Matrix<double>.Build.DenseIdentity(r));
        var a = fixedPart is null ? Bounded.Create(left.Rows, right.Columns, (_, _) => (0, 0)) : f.Evaluate(fixedPart);
        if (!double.IsFinite(ec)) return null;

        var y = a.ToMatrix();
        var u = left.ToMatrix() * (c * p);
        var v = right.ToMatrix().Transpose();
        if (new[] { y, u, v }.Any(x => x.Enumerate().Any(t => !double.IsFinite(t)))) throw new NonFiniteException($"`{e.Text}` has a non-finite entry");
        var instance = DropoutCase.Create(y, u, v, p);
        var bound = DropoutObjective.LossBound(instance);
        // The inputs' own errors: the loss of each mask is ‖M‖² with ‖M‖_F ≤ √bound and ‖ΔM‖_F ≤ Δ.
        var (nl, nr) = (left.FrobeniusNorm(), right.FrobeniusNorm());
        var (dl, dr) = (left.ErrorNorm() + 4 * U * nl, right.ErrorNorm());
        var delta = a.ErrorNorm() + Math.Abs(c) * (dl * nr + nl * dr + dl * dr) + ec * (nl + dl) * (nr + dr);
        var propagated = delta == 0 ? 0 : 2 * Math.Sqrt(bound) * delta + delta * delta;
        if (f.Settings.MonteCarlo)
        {
            var sampling = new MaskSampling(f.Settings.Samples, f.Settings.Seed) { MaxWork = f.Settings.MaxWork };
            sampling.CheckWork(r);
            var mc = MonteCarlo.Expectation(instance, sampling.Seed, sampling.Samples);
            f.Note($"E[{z}] by the dropout checker's Monte Carlo kernel over {mc.Samples} masks (1 − {mc.Delta:G1} empirical-Bernstein interval)");
            return Bounded.Scalar(mc.Estimate, mc.HalfWidth + propagated);
        }
        var value0 = MaskEnumeration.Expectation(instance);
        var chain = MaskEnumeration.Chain(y.RowCount, y.ColumnCount, r);
        f.Note($"E[{z}] by the dropout checker's Gray-code enumeration of 2^{r} masks");
        return Bounded.Scalar(value0, Rounding.Gamma(chain) * bound + propagated);
    }

    private static bool Flatten(Node node, List<(Node, bool)> factors, ref double sign)
    {
        switch (node)
        {
            case BinaryNode { Op: BinaryOp.Multiply } m:
                return Flatten(m.Left, factors, ref sign) && Flatten(m.Right, factors, ref sign);
            case BinaryNode { Op: BinaryOp.Divide } d:
                if (!Flatten(d.Left, factors, ref sign)) return false;
                factors.Add((d.Right, true));
                return true;
            case NegateNode n:
                sign = -sign;
                return Flatten(n.Operand, factors, ref sign);
            default:
                factors.Add((node, false));
                return true;
        }
    }
}
