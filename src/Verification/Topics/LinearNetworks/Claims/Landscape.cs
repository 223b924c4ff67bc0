using Fractions;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.LinearNetworks;

/// <summary>What the claims require of the Hessian's inertia at a critical point.</summary>
public enum CurvatureRequirement
{
    /// <summary>No requirement (the inertia is reported).</summary>
    None,
    /// <summary>No negative eigenvalue (a minimum's second-order condition).</summary>
    NoNegative,
    /// <summary>At least one negative eigenvalue (a strict saddle).</summary>
    Negative,
}

/// <summary>The checks of one critical point: its outcome, and a one-line summary for eval's details.</summary>
public sealed record PointCheck(string Label, Outcome Outcome, string Summary)
{
    /// <summary>The point's product W_L⋯W₁, when the check reports it.</summary>
    public Value? Product { get; init; }
}

/// <summary>Shared checks of critical points: exactly (rational points) or in floating point (with the bounds of <see cref="FloatingBounds"/>).</summary>
public static partial class LinearClaims
{
    /// <summary>
    /// The most parameters whose Hessian inertia a check decides exactly (about 0.1 s for one LDLᵀ on Cayley-rotated data);
    /// larger Hessians go to floating point with the eigensolver's backward error.
    /// </summary>
    public const int ExactHessianLimit = 40;

    /// <summary>At an exact point: ∇R = 0, R equals the claimed value, and the Hessian's inertia by exact LDLᵀ meets the requirement.</summary>
    public static PointCheck ExactPoint(SecondMoments s, string label, IReadOnlyList<ExactMatrix> layers, Fraction claimed, CurvatureRequirement requirement, bool exactCurvature = true)
    {
        var me = s.Exact();
        var w = layers.Select(FieldMatrices.Of).ToArray();
        var gradient = DeepLinearRisk.Gradient(me, w);
        var value = DeepLinearRisk.Risk(me, w);
        var parts = new List<Outcome>
        {
            Outcome.Exact(value, claimed, $"exact: R at {label} equals the claimed value"),
            Outcome.Decide(gradient.All(g => g.IsZero()), Value.Of(MaxAbs(gradient)), Value.Of(0L), $"exact: ∇R = 0 at {label}", MaxAbs(gradient)),
        };
        var parameters = DeepLinearRisk.ParameterCount(w);
        string curvature;
        if (exactCurvature && parameters <= ExactHessianLimit)
        {
            var inertia = ExactLdlt.InertiaOf(DeepLinearRisk.Hessian(me, w).ToExact());
            curvature = $"Hessian inertia {inertia} (exact LDLᵀ)";
            if (requirement == CurvatureRequirement.NoNegative)
                parts.Add(Outcome.Decide(inertia.Negative == 0, Value.Of(inertia.ToString()), Value.Of("no negative eigenvalue"), $"exact: no negative Hessian eigenvalue at {label}, inertia {inertia}", inertia.Negative));
            if (requirement == CurvatureRequirement.Negative)
                parts.Add(Outcome.Decide(inertia.Negative > 0, Value.Of(inertia.ToString()), Value.Of("a negative eigenvalue"), $"exact: a negative Hessian eigenvalue at {label} (a strict saddle), inertia {inertia}", 1));
        }
        else
        {
            // The point is exact (but its rationals may be large, as for Gaussian samples, or the Hessian too big for exact LDLᵀ
            // within the budget), so only the rounding of the Hessian and the eigensolver's backward error remain.
            var (outcome, text) = FloatingCurvature(s, label, w.Select(m => FieldMatrices.Of(m.ToDouble())).ToArray(), 0, requirement);
            curvature = text;
            parts.Add(outcome);
        }
        var summary = $"R = {(exactCurvature ? Exact.Format(value) : value.ToDoubleAnyScale().ToString("R", System.Globalization.CultureInfo.InvariantCulture))}, {curvature}";
        return new PointCheck(label, Outcome.All(parts.ToArray()), summary);
    }

    /// <summary>At a floating point θ̂ within δ of an exact critical point: ‖∇̂R‖ ≤ L_g·δ + rounding, R̂ within L_g·δ² + rounding of the claimed value, and the inertia the eigenvalue tolerance decides.</summary>
    public static PointCheck FloatingPoint(SecondMoments s, string label, IReadOnlyList<FieldMatrix<double>> w, double distance, double claimed, double claimedError, CurvatureRequirement requirement)
    {
        var moments = s.Floating();
        var gradient = DeepLinearRisk.Gradient(moments, w);
        var gradientNorm = Math.Sqrt(gradient.Sum(g => Math.Pow(g.ToDouble().FrobeniusNorm(), 2)));
        var lipschitz = FloatingBounds.GradientLipschitz(s, w, distance);
        var (_, gradientRounding) = FloatingBounds.Formation(s, w);
        var gradientTolerance = new Tolerance(lipschitz * distance + gradientRounding,
            $"L_g·δ + rounding = {lipschitz:G3}·{distance:G3} + {gradientRounding:G3} (δ: distance to an exact critical point by the sin Θ theorem; L_g: Lipschitz constant of ∇R)");
        var value = DeepLinearRisk.Risk(moments, w);
        var valueTolerance = new Tolerance(FloatingBounds.RiskFormation(s, w) + lipschitz * distance * distance + claimedError,
            $"rounding of R + L_g·δ² + eigenvalue error ({FloatingBounds.RiskFormation(s, w):G3} + {lipschitz * distance * distance:G3} + {claimedError:G3})");
        var (curvatureOutcome, curvature) = FloatingCurvature(s, label, w, distance, requirement);
        var outcome = Outcome.All(
            Outcome.Within(value, claimed, valueTolerance, $"R at {label} against the claimed value"),
            Outcome.AtMost(gradientNorm, 0, gradientTolerance, $"‖∇R‖ at {label} is within what the distance to an exact critical point allows"),
            curvatureOutcome);
        return new PointCheck(label, outcome, $"R = {value:G10}, {curvature}");
    }

    /// <summary>
    /// The Hessian's smallest eigenvalue in double precision with the tolerance τ = n²u‖Ĥ‖_F (eigensolver) + rounding of Ĥ + L_H·δ
    /// (the Hessian moves at most that far between the computed and the exact point): below −τ it is certainly negative.
    /// </summary>
    /// <remarks>The inertia does not change when the moments are divided by a positive power of two, so it is decided on
    /// the normalized moments (<see cref="LocalDescent.Normalized"/>): data of any magnitude neither overflows nor underflows here.</remarks>
    public static (Outcome Outcome, string Text) FloatingCurvature(SecondMoments original, string label, IReadOnlyList<FieldMatrix<double>> w, double distance, CurvatureRequirement requirement)
    {
        var s = LocalDescent.Normalized(original, out _);
        var h = DeepLinearRisk.Hessian(s.Floating(), w).ToDouble();
        var (rounding, _) = FloatingBounds.Formation(s, w);
        var lipschitz = distance == 0 ? 0 : FloatingBounds.HessianLipschitz(s, w, distance);
        var tau = SymmetricSpectrum.BackwardError(h) + rounding + lipschitz * distance;
        var inertia = SymmetricSpectrum.Inertia(h, tau);
        var reason = $"eigenvalue tolerance τ = n²u‖Ĥ‖_F + rounding + L_H·δ = {tau:G3}";
        var text = $"Hessian inertia {inertia} (floating point), smallest eigenvalue {inertia.Smallest:G6}";
        var outcome = requirement switch
        {
            CurvatureRequirement.NoNegative => Outcome.AtLeast(inertia.Smallest, 0, new Tolerance(tau, reason), $"no negative Hessian eigenvalue at {label}"),
            CurvatureRequirement.Negative when Math.Abs(inertia.Smallest) <= tau =>
                Outcome.Inconclusive($"the smallest Hessian eigenvalue at {label}, {inertia.Smallest:G6}, is within the tolerance ±{tau:G3} of 0", Value.Of(inertia.Smallest), Value.Of(-tau)),
            CurvatureRequirement.Negative => Outcome.AtMost(inertia.Smallest, -tau, new Tolerance(0, reason), $"a Hessian eigenvalue below −τ at {label} (a strict saddle)"),
            _ => Outcome.AtLeast(1, 0, new Tolerance(0, reason), "inertia reported"),
        };
        return (outcome, text);
    }

    private static double MaxAbs(IReadOnlyList<FieldMatrix<Fraction>> g)
    {
        var m = 0.0;
        foreach (var x in g)
            for (var i = 0; i < x.RowCount; i++)
                for (var j = 0; j < x.ColumnCount; j++) m = Math.Max(m, Math.Abs(x[i, j].ToDoubleAnyScale()));
        return m;
    }

    private static string Format(IReadOnlyList<Fraction> values) => "(" + string.Join(", ", values.Select(Exact.Format)) + ")";

    private static string Format(IReadOnlyList<double> values) => "(" + string.Join(", ", values.Select(v => v.ToString("G10", System.Globalization.CultureInfo.InvariantCulture))) + ")";

    private static string Widths(LinearProblem c) => "[" + string.Join(", ", c.Widths) + "]";
}
