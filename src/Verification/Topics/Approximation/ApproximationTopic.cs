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

    public IReadOnlyList<Figure> Figures { get; } = [];
}
