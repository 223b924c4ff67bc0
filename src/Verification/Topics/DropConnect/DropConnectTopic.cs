using Verification.Engine;

namespace Verification.Topics.DropConnect;

/// <summary>Part III-b: DropConnect on a one-hidden-layer linear network (Pal, Lane, Vidal, Haeffele 2020).</summary>
public sealed class DropConnectTopic : ITopic
{
    public static DropConnectTopic Instance { get; } = new();

    public string Name => "dropconnect";

    public IReadOnlyList<IClaim> Claims { get; } =
    [
        DropConnectClaims.OutputLayer,
        DropConnectClaims.InputLayer,
        DropConnectClaims.EqualsDropoutAsStated,
    ];

    public IReadOnlyList<Source> Sources { get; } = [Bibliography.Pal2020];

    public IReadOnlyList<Figure> Figures { get; } = [];
}
