using Verification.Engine;

namespace Verification.Topics.Homogeneous;

/// <summary>Part II: positively homogeneous networks (Haeffele and Vidal).</summary>
public sealed class HomogeneousTopic : ITopic
{
    public static HomogeneousTopic Instance { get; } = new();

    public string Name => "homogeneous";

    public IReadOnlyList<IClaim> Claims { get; } =
    [
        HomogeneousClaims.PositiveHomogeneity,
        HomogeneousClaims.SigmoidControl,
        HomogeneousClaims.ParallelZeroSubnetwork,
    ];

    public IReadOnlyList<Source> Sources { get; } = [Bibliography.Haeffele2015];

    public IReadOnlyList<Figure> Figures { get; } = [];
}
