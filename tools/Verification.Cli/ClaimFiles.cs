using System.CommandLine;
using Verification.ClaimsFiles;
using Verification.Engine;
using Verification.Input;

namespace Verification.Cli;

/// <summary>
/// `--claims FILE` (repeatable) on `check` and `eval`: the claims of claims files, joined to the catalog for the run. A file
/// that does not load (a YAML error, an unknown symbol, a shape mismatch, …) is one line on stderr and exit 2.
/// </summary>
public static class ClaimFiles
{
    public static Option<string[]> Option() => new("--claims")
    {
        Description = "a claims file (YAML) whose claims join the catalog for this run; repeat it for several files",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<bool> OnlyOption() => new("--claims-only") { Description = "check only the claims of the --claims files, not the catalog" };

    /// <summary>The claims of every file, in order; their ids must be new (not in the catalog, not in another file).</summary>
    public static IReadOnlyList<IClaim> Load(IReadOnlyList<string>? paths)
    {
        var claims = new List<IClaim>();
        foreach (var path in paths ?? [])
            foreach (var claim in FileClaims.Load(path))
            {
                if (Catalog.Contains(claim.Id)) throw new InputException($"{path}: the claim id '{claim.Id}' is already in the catalog: choose another");
                if (claims.Any(c => c.Id == claim.Id)) throw new InputException($"{path}: the claim id '{claim.Id}' is also in another claims file");
                claims.Add(claim);
            }
        return claims;
    }

    /// <summary>The claims a run chooses from: the catalog, then the files' claims (or the files' claims alone).</summary>
    public static IReadOnlyList<IClaim> Pool(IReadOnlyList<IClaim> fromFiles, bool filesOnly)
    {
        if (filesOnly && fromFiles.Count == 0) throw new InputException("--claims-only needs at least one --claims FILE with claims");
        return filesOnly ? fromFiles : Catalog.All.Concat(fromFiles).ToList();
    }

    /// <summary>A claim by id among the files' claims and the catalog, or null.</summary>
    public static IClaim? Find(string id, IReadOnlyList<IClaim> fromFiles) =>
        fromFiles.FirstOrDefault(c => c.Id == id) ?? (Catalog.Contains(id) ? Catalog.Find(id) : null);
}
