using FsCheck;
using FsCheck.Fluent;
using Verification.Claims;

namespace Verification.Properties;

/// <summary>Turns a claim into an FsCheck property over its own generator and shrinker: the test holds no math.</summary>
public static class ClaimProperty
{
    public static Property Of<T>(Claim<T> claim) =>
        Prop.ForAll(Arb.From(claim.Generator, claim.Shrink), (T instance) =>
        {
            var o = claim.SafeCheck(instance);
            return (o.Holds || o.Inconclusive).Label(
                $"{claim.Id}: {o.Explanation}; lhs {o.Lhs}, rhs {o.Rhs}, residual {o.Residual:G6} > tolerance {o.Tolerance:G6}; instance "
                + string.Join(", ", claim.Describe(instance).Select(v => $"{v.Name} = {v.Value}")));
        });

    /// <summary>Runs the claim through the suite's runner with the test seed and returns the report.</summary>
    public static ClaimReport Run(IClaim claim, int casesDivisor = 1) =>
        claim.Run(new RunSettings(Math.Max(1, TestSettings.Cases / casesDivisor), TestSettings.Seed));
}
