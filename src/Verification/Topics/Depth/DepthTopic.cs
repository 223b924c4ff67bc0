using Verification.Engine;

namespace Verification.Topics.Depth;

/// <summary>Depth (Telgarsky 2016; Montúfar et al. 2014): exact piece counts of ReLU networks ℝ → ℝ.</summary>
public sealed class DepthTopic : ITopic
{
    public static DepthTopic Instance { get; } = new();

    public string Name => "depth";

    public IReadOnlyList<IClaim> Claims { get; } =
    [
        DepthClaims.SawtoothClaim,
        DepthClaims.SawtoothControl,
        DepthClaims.ShallowPieces,
        DepthClaims.ShallowPiecesControl,
        DepthClaims.MontufarRegions,
        DepthClaims.MontufarControl,
    ];

    public IReadOnlyList<Source> Sources { get; } = [Bibliography.Telgarsky2016, Bibliography.Montufar2014];

    public IReadOnlyList<Figure> Figures { get; } =
    [
        new(DepthClaims.SawtoothClaim.Id, "the sawtooth m_k on [0, 1] for k = 1..4, drawn through its exact breakpoints", 1600, 420, DepthFigures.Sawtooth),
        new(DepthClaims.ShallowPieces.Id, "twelve hidden units: one wide random layer, four random layers of three (each the draw with the most pieces of 20), and the six-layer sawtooth", 1600, 480, DepthFigures.DeepAgainstShallow),
        new(DepthClaims.MontufarRegions.Id, "the folding network of width 3 with L = 1, 2, 3 layers on [0, 1]", 1600, 480, DepthFigures.Folding),
    ];
}
