using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Factorization;

namespace Verification.Topics.Dropout;

/// <summary>dropout.balance-rotation and dropout.balance-gram.</summary>
public static partial class DropoutClaims
{
    public static Claim<Factors> BalanceRotation { get; } = Claim.Theorem(
        id: "dropout.balance-rotation",
        title: "Every pair (U, V) can be equalized by a rotation that keeps UVᵀ",
        statement: @"\forall U, V\ \exists R \in O(r):\ (UR)(VR)^\top = UV^\top,\ \|Ur_i\|\|Vr_i\| \text{ equal for every } i",
        source: "Mianjy2018",
        instances: Pairs.Mixed,
        check: CheckBalanceRotation,
        evidence: "constructive: Givens sweeps (largest against smallest product, pair equalized by bisection, restarts from seeded random rotations; stopping rule in Balancing.EqualizingRotation, decided on the products of UR and VR formed afresh) find R, then RᵀR = I, (UR)(VR)ᵀ = UVᵀ and equal products are checked within rounding bounds scaled by the number of rotations; a search that stops without R is inconclusive, never a counterexample",
        sides: "lhs and rhs: the failing condition's sides (‖RᵀR − I‖ against 0, ‖(UR)(VR)ᵀ‖ against ‖UVᵀ‖, max against min product)");

    public static Outcome CheckBalanceRotation(Factors c)
    {
        var search = Balancing.EqualizingRotation(c.U, c.V);
        var details = new[]
        {
            new NamedValue("R", Value.Of(search.R)),
            new NamedValue("products", Value.Of(Matrix<double>.Build.Dense(1, c.Width, search.Products))),
            new NamedValue("rotations", Value.Of(search.Rotations)),
            new NamedValue("restarts", Value.Of(search.Restarts)),
        };
        if (!search.Found)
            return Outcome.Inconclusive($"the rotation search stopped after {search.Rotations} rotations and {search.Restarts} restarts without equalizing (spread {Balancing.Spread(search.Products):G6} above {search.Target:G6})",
                Value.Of(Balancing.Spread(search.Products)), Value.Of(0.0)).WithDetails(details);
        var r = c.Width;
        var orthogonality = (search.R.TransposeThisAndMultiply(search.R) - Matrix<double>.Build.DenseIdentity(r)).FrobeniusNorm();
        var orthogonalityTolerance = new Tolerance(2 * Rounding.Gamma(6.0 * (search.Rotations + 1) * Math.Sqrt(r) + r) * r, $"2r·γ_(6(rotations+1)√r + r), {search.Rotations} Givens rotations");
        var u = c.U * search.R;
        var v = c.V * search.R;
        var productTolerance = new Tolerance(
            (orthogonalityTolerance.Bound + 2 * Rounding.Gamma(2 * r + 4)) * Math.Sqrt(Norms.AbsoluteProductMass(c.U, c.V)) * 4 + Rounding.Gamma(r) * c.U.FrobeniusNorm() * c.V.FrobeniusNorm() * 4,
            "R's orthogonality bound and the products' summation bounds, scaled by ‖U‖‖V‖");
        var products = Balancing.Products(u, v);
        return Outcome.All(
            Outcome.Distance(Value.Of(orthogonality), Value.Of(0.0), orthogonality, orthogonalityTolerance, "RᵀR = I"),
            Outcome.Distance(Value.Of((u * v.Transpose()).FrobeniusNorm()), Value.Of(c.Product.FrobeniusNorm()), (u * v.Transpose() - c.Product).FrobeniusNorm(), productTolerance, "(UR)(VR)ᵀ = UVᵀ (Frobenius distance)"),
            Outcome.Distance(Value.Of(products.Max()), Value.Of(products.Min()), Balancing.Spread(products), new Tolerance(search.Target, "the spread bound of the search (Balancing.SpreadTolerance)"),
                $"max − min of ‖(UR)_i‖‖(VR)_i‖ after {search.Rotations} rotations")).WithDetails(details);
    }

    // ---------------------------------------------------------------- dropout.balance-gram

    public static Claim<Factors> BalanceGram { get; } = Claim.Theorem(
        id: "dropout.balance-gram",
        title: "A Gram-balanced pair is equalized by the rotation of the Gram-based algorithm, with every product ‖UVᵀ‖_*/r",
        statement: @"U^\top U = V^\top V = G \implies \operatorname{diag}(Q^\top G Q) = \tfrac{\operatorname{tr} G}{r}\mathbb{1},\ \|(UQ)_i\|\|(VQ)_i\| = \tfrac{\|UV^\top\|_*}{r}",
        source: "Cavazza2018",
        instances: Pairs.GramBalanced,
        check: CheckBalanceGram,
        evidence: "the algorithm as THEORY.md states it (centre, trailing zero-trace block, w = k^{-1/2}Σe_j, Householder completion, recursion) on Gram-balanced pairs (balanced SVD factors of X of every style, r below/at/above rank, rotated): QᵀQ = I, diag(QᵀGQ) = tr G/r, tr G = ‖UVᵀ‖_* and equal products ‖UVᵀ‖_*/r, within eigen- and singular-value backward-error bounds; a pair that is not Gram-balanced is discarded (premise)",
        sides: "lhs and rhs: the failing condition's sides (a diagonal entry of QᵀGQ against tr G/r, a product against ‖UVᵀ‖_*/r)");

    public static Outcome CheckBalanceGram(Factors c)
    {
        int m = c.U.RowCount, n = c.V.RowCount, r = c.Width;
        var gu = c.U.TransposeThisAndMultiply(c.U);
        var gv = c.V.TransposeThisAndMultiply(c.V);
        var scale = Norms.FrobeniusSquared(c.U) + Norms.FrobeniusSquared(c.V) + Rounding.UnitRoundoff;
        var premise = (gu - gv).FrobeniusNorm();
        var premiseTolerance = Tolerance.Spectral(m, n, m + n + r, scale);
        if (!(premise <= premiseTolerance.Bound))
            return Outcome.Discard($"U and V are not Gram-balanced: ‖UᵀU − VᵀV‖_F = {premise:G6} (the claim assumes UᵀU = VᵀV)");
        var g = (gu + gv) / 2;
        var q = Balancing.GramRotation(g);
        var trace = g.Trace();
        var tolerance = Tolerance.Spectral(m + r, n + r, m + n + r * r, 4 * scale);
        var orthogonality = (q.TransposeThisAndMultiply(q) - Matrix<double>.Build.DenseIdentity(r)).FrobeniusNorm();
        // Q is a product of r − 1 Householder reflectors, each formed and applied with O(r) rounded operations per entry.
        var orthogonalityTolerance = new Tolerance(2 * r * Rounding.Gamma(10.0 * r + 10) * Math.Sqrt(r), "r·γ_{10r+10}·√r (Householder products)");
        var conjugated = q.TransposeThisAndMultiply(g) * q;
        var products = Balancing.Products(c.U * q, c.V * q);
        var nuclear = Norms.Nuclear(c.Product);
        var outcomes = new List<Outcome>
        {
            Outcome.Distance(Value.Of(orthogonality), Value.Of(0.0), orthogonality, orthogonalityTolerance, "QᵀQ = I"),
            Outcome.Within(trace, nuclear, tolerance, "tr G = ‖UVᵀ‖_* for a Gram-balanced pair"),
        };
        for (var i = 0; i < r; i++)
            outcomes.Add(Outcome.Within(conjugated[i, i], trace / r, tolerance, $"(QᵀGQ)_{i + 1}{i + 1} = tr G / r"));
        for (var i = 0; i < r; i++)
            outcomes.Add(Outcome.Within(products[i], nuclear / r, tolerance, $"‖(UQ)_{i + 1}‖‖(VQ)_{i + 1}‖ = ‖UVᵀ‖_*/r"));
        return Outcome.All(outcomes.ToArray()).WithDetails(
            new NamedValue("Q", Value.Of(q)),
            new NamedValue("products", Value.Of(Matrix<double>.Build.Dense(1, r, products))),
            new NamedValue("nuclearOverR", Value.Of(nuclear / r)));
    }
}
