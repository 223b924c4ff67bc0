using System.Numerics;

namespace Verification.Symbolic;

/// <summary>Work beyond the budget a caller set (<see cref="WorkBudget.Limit"/>): the message says what and how to raise it.</summary>
public sealed class WorkLimitException(string message) : Exception(message);

/// <summary>
/// A bound on the work of expansions, set by a caller for the code it runs (the CLI sets one per command): term
/// operations (each pair of terms multiplied counts one, plus one per 256 bits of their coefficients; each term merged
/// into a sum counts one) and the size of a coefficient. Without a limit, work is unbounded.
/// Counting is deterministic: the same expansion always stops at the same point.
/// </summary>
public sealed class WorkBudget
{
    private static readonly AsyncLocal<WorkBudget?> Current = new();

    /// <summary>The largest coefficient (numerator or denominator) an expansion may form: 2^20 bits, about 315,000 digits.</summary>
    public const long MaxCoefficientBits = 1 << 20;

    private readonly long termProducts;
    private long used;

    private WorkBudget(long termProducts) => this.termProducts = termProducts;

    /// <summary>Limits the expansions of the current flow to <paramref name="termProducts"/> term products until disposed.</summary>
    public static IDisposable Limit(long termProducts)
    {
        var previous = Current.Value;
        Current.Value = new WorkBudget(termProducts);
        return new Restore(previous);
    }

    /// <summary>Charges the product of a p-term and a q-term polynomial whose coefficients have at most the given bits.</summary>
    internal static void ChargeProduct(long p, long q, long bitsA, long bitsB)
    {
        var budget = Current.Value;
        if (budget is null) return;
        if (bitsA + bitsB > MaxCoefficientBits)
            throw new WorkLimitException($"a coefficient would exceed {MaxCoefficientBits} bits (about 315,000 digits)");
        // A product of big coefficients costs more than one of small ones: weight by their size in 256-bit units.
        budget.used += p * q * (1 + (bitsA + bitsB) / 256);
        if (budget.used > budget.termProducts)
            throw new WorkLimitException($"the expansion needs more than {budget.termProducts:N0} term operations (raise the budget with --max-terms)");
    }

    /// <summary>Charges the merge of a p-term and a q-term polynomial (p + q term operations).</summary>
    internal static void ChargeSum(long p, long q)
    {
        var budget = Current.Value;
        if (budget is null) return;
        budget.used += p + q;
        if (budget.used > budget.termProducts)
            throw new WorkLimitException($"the expansion needs more than {budget.termProducts:N0} term operations (raise the budget with --max-terms)");
    }

    internal static long Bits(BigInteger x) => (long)x.GetBitLength();

    private sealed class Restore(WorkBudget? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
