using System.Runtime.CompilerServices;
using Verification.Engine;
using Verification.Topics.Symbolic;
using Verification.Topics.Approximation;
using Verification.Topics.Depth;
using Verification.Topics.DropBlock;
using Verification.Topics.DropConnect;
using Verification.Topics.Dropout;
using Verification.Topics.Factorization;
using Verification.Topics.Homogeneous;

namespace Verification;

/// <summary>
/// The library's catalog: the one composition list of topics, in THEORY.md order. Adding a topic is one line here; nothing
/// else outside the topic's folder names it. Built on first use.
/// </summary>
public static class Catalog
{
    private static readonly Lazy<ClaimCatalog> Built = new(() => new ClaimCatalog(
    [
        DropoutTopic.Instance,
        DropBlockTopic.Instance,
        DropConnectTopic.Instance,
        FactorizationTopic.Instance,
        HomogeneousTopic.Instance,
        Topics.LinearNetworks.LinearNetworksTopic.Instance,
        DepthTopic.Instance,
        ApproximationTopic.Instance,
        SymbolicTopic.Instance,
    ]));

    // The library registers its own catalog once, at load, so that replay snippets can name Catalog.Find(id).
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => ClaimCatalog.RegisterDefault(() => Built.Value);

    public static ClaimCatalog Instance => Built.Value;

    /// <summary>Every claim, in catalog order. Ids are a public contract.</summary>
    public static IReadOnlyList<IClaim> All => Instance.All;

    public static bool Contains(string id) => Instance.Contains(id);

    public static IClaim Find(string id) => Instance.Find(id);

    public static IReadOnlyList<Source> Sources => Instance.Sources;

    public static IReadOnlyList<Figure> Figures => Instance.Figures;
}
