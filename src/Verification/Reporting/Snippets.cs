using Verification.Engine;

namespace Verification.Reporting;

/// <summary>
/// Copy-paste code that reaches a case again. A claim of the library's catalog is named by <c>Catalog.Find(id)</c>; any other
/// claim (a user's own) by the claim object itself, written <c>claim</c>.
/// </summary>
public static class Snippets
{
    public static (string CSharp, string FSharp) For(IClaim claim, CaseOrigin origin)
    {
        var target = ClaimCatalog.IsInDefault(claim) ? $"Catalog.Find(\"{claim.Id}\")" : "claim";
        var note = target == "claim" ? " // claim: your claim object" : "";
        return origin.Kind switch
        {
            ReplayKind.Example => ($"var replay = {target}.ReplayExample({origin.Example});{note}", $"let replay = {target}.ReplayExample({origin.Example})"),
            ReplayKind.Random => ($"var replay = {target}.Replay({origin.Seed}UL, {origin.Size});{note}", $"let replay = {target}.Replay({origin.Seed}UL, {origin.Size})"),
            ReplayKind.Sweep => ($"var report = {target}.Run(new RunSettings(Seed: {origin.Seed}UL)); // found by the batch sweep, then shrunk",
                                 $"let report = {target}.Run(RunSettings(Seed = {origin.Seed}UL))"),
            _ => ("", ""),
        };
    }
}
