using Verification.Engine;

namespace Verification.Topics.Factorization;

/// <summary>Part II: factorization and positively homogeneous networks (Haeffele and Vidal).</summary>
public sealed class FactorizationTopic : ITopic
{
    public static FactorizationTopic Instance { get; } = new();

    public string Name => "factorization";

    public IReadOnlyList<IClaim> Claims { get; } =
    [
        NuclearNormClaims.Variational,
        NuclearNormClaims.Control,
        FactorizationClaims.ConvexLowerBound,
        FactorizationClaims.Certificate,
        FactorizationClaims.CertificateControl,
        FactorizationClaims.ZeroColumnGlobal,
        FactorizationClaims.ZeroColumnGlobalControl,
        FactorizationClaims.MetaAlgorithmClaim,
        FactorizationClaims.MetaAlgorithmControl,
    ];

    public IReadOnlyList<Source> Sources { get; } = [Bibliography.Haeffele2015];

    public IReadOnlyList<Figure> Figures { get; } = [FactorizationFigures.LowerBound, FactorizationFigures.MetaAlgorithm];
}
