using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Factorization;

namespace Verification.Topics.Dropout;

/// <summary>dropout.regularizer-bound and dropout.doubling.</summary>
public static partial class DropoutClaims
{
    public static Claim<Factors> RegularizerBound { get; } = Claim.Theorem(
        id: "dropout.regularizer-bound",
        title: "The dropout regularizer is at least (1/r)‖UVᵀ‖_*², with equality in the first step iff the pair is equalized",
        statement: @"\sum_i \|u_i\|^2\|v_i\|^2 \ge \tfrac1r\Big(\sum_i \|u_i\|\|v_i\|\Big)^2 \ge \tfrac1r \|UV^\top\|_*^2, \text{ the first with equality iff } \|u_i\|\|v_i\| \text{ is constant}",
        source: "Cavazza2018",
        instances: Pairs.Mixed,
        check: CheckRegularizerBound,
        evidence: "both inequalities on arbitrary, equalized and Gram-balanced pairs within summation and SVD bounds; the 'iff' through Lagrange's identity Σp_i² − (Σp_i)²/r = (1/r)Σ_{i<j}(p_i − p_j)², checked on every pair, and the equality on equalized pairs",
        sides: "lhs: the larger side of the failing inequality (Σ‖u_i‖²‖v_i‖², or (1/r)(Σ‖u_i‖‖v_i‖)²); rhs: the smaller side");

    public static Outcome CheckRegularizerBound(Factors c)
    {
        var r = c.Width;
        var p = Balancing.Products(c.U, c.V);
        var regularizer = DropoutObjective.Regularizer(c.U, c.V);
        var path = p.Sum();
        var nuclear = Norms.Nuclear(c.Product);
        var middle = path * path / r;
        var lower = nuclear * nuclear / r;
        var lagrange = 0.0;
        for (var i = 0; i < r; i++)
            for (var j = i + 1; j < r; j++) lagrange += (p[i] - p[j]) * (p[i] - p[j]) / r;
        int m = c.U.RowCount, n = c.V.RowCount;
        var summation = Tolerance.Summation(2 * (m + n + r) + r * r, 2 * regularizer + 2 * middle);
        var spectral = Tolerance.Spectral(m, n, r + m + n, 2 * path * c.U.FrobeniusNorm() * c.V.FrobeniusNorm() / r);
        var equalized = Balancing.Spread(p) <= Balancing.SpreadTolerance(c.U, c.V, 0);
        var outcomes = new List<Outcome>
        {
            Outcome.AtLeast(regularizer, middle, summation, "Σ‖u_i‖²‖v_i‖² ≥ (1/r)(Σ‖u_i‖‖v_i‖)²"),
            Outcome.AtLeast(middle, lower, spectral, "(1/r)(Σ‖u_i‖‖v_i‖)² ≥ (1/r)‖UVᵀ‖_*²"),
            Outcome.Within(regularizer - middle, lagrange, summation, "the gap of the first inequality is (1/r)Σ_{i<j}(p_i − p_j)², zero iff equalized"),
        };
        if (equalized) outcomes.Add(Outcome.Within(regularizer, middle, summation, "equality in the first inequality for an equalized pair"));
        return Outcome.All(outcomes.ToArray()).WithDetails(
            new NamedValue("products", Value.Of(Matrix<double>.Build.Dense(1, r, p))),
            new NamedValue("regularizer", Value.Of(regularizer)),
            new NamedValue("pathNormSquaredOverR", Value.Of(middle)),
            new NamedValue("nuclearSquaredOverR", Value.Of(lower)),
            new NamedValue("equalized", Value.Of(equalized ? "yes" : "no")));
    }

    public static Claim<Factors> Doubling { get; } = Claim.Theorem(
        id: "dropout.doubling",
        title: "Duplicating every unit and scaling by 1/√2 keeps UVᵀ and halves the regularizer: at fixed θ and free width its infimum is 0",
        statement: @"U' = \tfrac{1}{\sqrt2}[U\ U],\ V' = \tfrac{1}{\sqrt2}[V\ V]:\ U'V'^\top = UV^\top,\ \sum_i \|u'_i\|^2\|v'_i\|^2 = \tfrac12 \sum_i \|u_i\|^2\|v_i\|^2",
        source: "Cavazza2018",
        instances: Pairs.Mixed,
        check: CheckDoubling,
        evidence: "exact rational arithmetic (the 1/√2 factors enter squared: U'V'ᵀ = ½[U U][V V]ᵀ, ‖u'_i‖²‖v'_i‖² = ¼‖u_i‖²‖v_i‖²), and in floating point five successive doublings keep UVᵀ and give the regularizer R/2^k within the summation bound",
        sides: "lhs: the regularizer (or ‖U'V'ᵀ‖_F) after the doublings; rhs: R/2^k (or ‖UVᵀ‖_F)");

    /// <summary>([U U]/√2, [V V]/√2).</summary>
    public static Factors Double(Factors c) => new(c.U.Append(c.U) / Math.Sqrt(2), c.V.Append(c.V) / Math.Sqrt(2));

    public static Outcome CheckDoubling(Factors c)
    {
        var u = ExactMatrix.FromDoubles(c.U);
        var v = ExactMatrix.FromDoubles(c.V);
        var uu = ExactMatrix.Create(u.RowCount, 2 * u.ColumnCount, (i, k) => u[i, k % u.ColumnCount]);
        var vv = ExactMatrix.Create(v.RowCount, 2 * v.ColumnCount, (j, k) => v[j, k % v.ColumnCount]);
        var half = new Fraction(1, 2);
        var product = DropoutGradients.Scale(uu.Multiply(vv.Transpose()), half);
        var exactProduct = DropoutGradients.Equal(product, u.Multiply(v.Transpose()));
        var regularizer = DropoutObjective.Regularizer(u, v);
        var doubled = DropoutObjective.Regularizer(uu, vv) * new Fraction(1, 4);
        var exactOutcome = Outcome.All(
            Outcome.Decide(exactProduct, Value.Of(product), Value.Of(u.Multiply(v.Transpose())), "exact: the doubled pair reproduces UVᵀ"),
            Outcome.Exact(doubled, regularizer * half, "exact: the regularizer of the doubled pair against half the original"));

        var outcomes = new List<Outcome> { exactOutcome };
        var current = c;
        var r0 = DropoutObjective.Regularizer(c.U, c.V);
        var x = c.Product;
        for (var k = 1; k <= 5; k++)
        {
            current = Double(current);
            var tol = Tolerance.Summation(current.U.RowCount + current.V.RowCount + current.Width + 4 * k, 2 * r0 + Norms.AbsoluteProductMass(c.U, c.V));
            outcomes.Add(Outcome.Within(DropoutObjective.Regularizer(current.U, current.V), r0 / (1 << k), tol, $"after {k} doublings the regularizer is R/2^{k}"));
            var productTol = Tolerance.Summation(current.Width + 4 * k, Math.Sqrt(Norms.AbsoluteProductMass(c.U, c.V)));
            outcomes.Add(Outcome.Distance(Value.Of(current.Product.FrobeniusNorm()), Value.Of(x.FrobeniusNorm()), (current.Product - x).FrobeniusNorm(), productTol,
                $"after {k} doublings the product UVᵀ is unchanged (Frobenius distance)"));
        }
        var doubledOnce = Double(c);
        return Outcome.All(outcomes.ToArray()).WithDetails(
            new NamedValue("regularizer", Value.Of(r0)),
            new NamedValue("doubledRegularizer", Value.Of(DropoutObjective.Regularizer(doubledOnce.U, doubledOnce.V))),
            new NamedValue("U'", Value.Of(doubledOnce.U)), new NamedValue("V'", Value.Of(doubledOnce.V)));
    }
}
