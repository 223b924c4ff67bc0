using Verification.Engine;

namespace Verification.Topics.Approximation;

/// <summary>Approximation by ReLU networks and sigmoids (universal approximation, Cybenko 1989, Hornik 1991), with certified sup errors.</summary>
public sealed class ApproximationTopic : ITopic
{
    public static ApproximationTopic Instance { get; } = new();

    public string Name => "approximation";

    public IReadOnlyList<IClaim> Claims { get; } =
    [
        ApproximationClaims.ReluInterpolation,
        ApproximationClaims.ReluInterpolationControl,
        ApproximationClaims.SigmoidStaircaseClaim,
        ApproximationClaims.SigmoidStaircaseControl,
    ];

    public IReadOnlyList<Source> Sources { get; } = [Bibliography.Cybenko1989, Bibliography.Hornik1991];

    public IReadOnlyList<Figure> Figures { get; } =
    [
        new(ApproximationClaims.ReluInterpolation.Id, "log–log exact sup error of the ReLU interpolant against N for x², a cubic and |x − 1/3|, with the bounds (dashed); and the interpolant of the cubic with N = 4", 1500, 560, ApproximationFigures.InterpolationPanels),
        new(ApproximationClaims.SigmoidStaircaseClaim.Id, "log–log certified sup error of the sigmoid staircase (k = N²) against N for x², |x − 1/3| and √x, with the stated bound (dashed); and the staircase of √x with N = 8", 1500, 560, ApproximationFigures.StaircasePanels),
    ];
}
