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

    public IReadOnlyList<Figure> Figures { get; } = [];
}
