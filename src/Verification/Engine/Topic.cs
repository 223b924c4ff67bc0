namespace Verification.Engine;

/// <summary>
/// A lecture topic as the catalog sees it: its claims (in THEORY.md order), the sources they cite, and its figures.
/// A topic lives in its own folder and is listed once in the library's composition list (<c>Verification.Catalog</c>).
/// </summary>
public interface ITopic
{
    string Name { get; }
    IReadOnlyList<IClaim> Claims { get; }
    IReadOnlyList<Source> Sources { get; }
    IReadOnlyList<Figure> Figures { get; }
}

/// <summary>A set of topics: their claims by id, their sources and figures. Ids are unique and every source key resolves.</summary>
public sealed class ClaimCatalog
{
    private readonly Dictionary<string, IClaim> byId = new(StringComparer.Ordinal);

    public ClaimCatalog(IEnumerable<ITopic> topics)
    {
        Topics = topics.ToArray();
        All = Topics.SelectMany(t => t.Claims).ToArray();
        foreach (var claim in All)
            if (!byId.TryAdd(claim.Id, claim)) throw new InvalidOperationException($"claim id '{claim.Id}' appears twice in the catalog");
        var sources = new Dictionary<string, Source>(StringComparer.Ordinal) { [Engine.Sources.Suite] = Engine.Sources.SuiteSource };
        foreach (var source in Topics.SelectMany(t => t.Sources))
            if (sources.TryGetValue(source.Key, out var known) && known != source)
                throw new InvalidOperationException($"source '{source.Key}' is registered twice with different references");
            else sources[source.Key] = source;
        Sources = sources.Values.OrderBy(s => s.Key == Engine.Sources.Suite).ToArray();
        foreach (var claim in All)
            if (!sources.ContainsKey(claim.Source)) throw new InvalidOperationException($"claim '{claim.Id}' cites unknown source '{claim.Source}'");
        Figures = Topics.SelectMany(t => t.Figures).ToArray();
    }

    public IReadOnlyList<ITopic> Topics { get; }
    public IReadOnlyList<IClaim> All { get; }
    public IReadOnlyList<Source> Sources { get; }
    public IReadOnlyList<Figure> Figures { get; }

    public bool Contains(string id) => byId.ContainsKey(id);

    public IClaim? TryFind(string id) => byId.GetValueOrDefault(id);

    public IClaim Find(string id) =>
        TryFind(id) ?? throw new KeyNotFoundException($"unknown claim id '{id}' (run `list` to see the catalog)");

    public Source FindSource(string key) =>
        Sources.FirstOrDefault(s => s.Key == key) ?? throw new KeyNotFoundException($"unknown source key '{key}'");

    private static Func<ClaimCatalog>? defaultCatalog;
    private static ClaimCatalog? defaultInstance;

    /// <summary>Registers the library's own catalog (done once by the composition list), so that replay snippets can name it.</summary>
    public static void RegisterDefault(Func<ClaimCatalog> catalog) => defaultCatalog ??= catalog;

    /// <summary>True when the claim object is the one the library's catalog holds under its id.</summary>
    public static bool IsInDefault(IClaim claim)
    {
        if (defaultCatalog is null) return false;
        defaultInstance ??= defaultCatalog();
        return ReferenceEquals(defaultInstance.TryFind(claim.Id), claim);
    }
}
