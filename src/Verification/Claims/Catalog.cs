using Verification.Dropout;
using Verification.Factorization;

namespace Verification.Claims;

/// <summary>Every claim of the suite, in THEORY.md order. Ids are a public contract.</summary>
public static class Catalog
{
    public static IReadOnlyList<IClaim> All { get; } =
    [
        DropoutClaims.Expectation,
        DropoutClaims.ExpectationControl,
        DropoutClaims.ExpectationWithInput,
        DropoutClaims.SgdUnbiased,
        DropoutClaims.RegularizerBound,
        DropoutClaims.Doubling,
        DropoutClaims.VariableRate,
        DropoutClaims.VariableRateAsStated,
        DropoutClaims.VariableRateMinimizer,
        DropoutClaims.FixedWidthMinimizer,
        DropoutClaims.FixedWidthMinimizerAsStated,
        DropoutClaims.BalanceRotation,
        DropoutClaims.BalanceGram,
        DropoutClaims.OptimumCharacterization,
        DropoutClaims.OptimumCharacterizationAsStated,
        DropoutClaims.OptimumConstruction,
        DropoutClaims.OptimumConstructionAsStated,
        DropoutClaims.AutoencoderLandscape,
        FactorizationClaims.NuclearVariational,
        .. SymbolicClaims.DerivationClaims.All,
    ];

    public static bool Contains(string id) => All.Any(c => c.Id == id);

    public static IClaim Find(string id) =>
        All.FirstOrDefault(c => c.Id == id)
        ?? throw new KeyNotFoundException($"unknown claim id '{id}' (run `list` to see the catalog)");
}
