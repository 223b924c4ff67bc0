using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Factorization;

/// <summary>factorization.convex-lower-bound: F(UVᵀ) ≤ f(U, V), and min F = min f, for three convex losses.</summary>
public static partial class FactorizationClaims
{
    /// <summary>The solver's stopping rule for every claim of Part II.</summary>
    public static SolverOptions Solver { get; } = new(RelativeGap: 1e-10);

    public static Claim<LowerBoundCase> ConvexLowerBound { get; } = Claim.Theorem(
        id: "factorization.convex-lower-bound",
        sides: "lhs and rhs: the sides of the comparison reported (F(UVᵀ) against f(U, V), f at the balanced factors or at the end of descent against the certified min F, the solver's X against S_λ(Y))",
        title: "The convex problem bounds the factorized one from below, and their minima agree (three convex losses)",
        statement: @"F(X) = \ell(Y, X) + \lambda\|X\|_* \le f(U, V) = \ell(Y, UV^\top) + \lambda\sum_i \|u_i\|\|v_i\| \text{ whenever } UV^\top = X,\quad \min F = \min f;\quad \ell = \tfrac12\|Y - X\|_F^2 \implies \operatorname*{argmin} F = S_\lambda(Y)",
        source: "Haeffele2015",
        instances: LowerBoundCases.All,
        check: CheckConvexLowerBound,
        evidence: "per case, for the squared, logistic (±1 targets) or Huber loss: F(UVᵀ) ≤ f(U, V) at a random pair (within the SVD bound); min F certified by the accelerated proximal-gradient solver (duality gap ≤ 1e-10 relative, plus its rounding bound); min f ≤ min F by the balanced SVD factors of the solver's X, which attain F(X) (within the SVD bound); min f ≥ min F: local descent from two random starts never ends below the certified lower bound; squared loss: the solver's X is within √(2·gap) of S_λ(Y) (strong convexity) and F(S_λ(Y)) lies in the certified interval") with
    {
        CaseBudget = n => Math.Max(1, n / 4),
    };

    /// <summary>A bound multiplied by a factor (e.g. λ), the reason saying so.</summary>
    public static Tolerance Times(this Tolerance t, double factor, string label) => new(factor * t.Bound, $"{label}·({t.Reason})");

    /// <summary>The rounding bound of evaluating f at (U, V) twice (two sides of a comparison).</summary>
    public static Tolerance FactorizedRounding(ConvexProblem p, Factors f) =>
        Tolerance.Summation(p.Rows * p.Columns * (f.Width + 2) + (p.Rows + p.Columns + 4) * f.Width + 16,
            FactorizedObjective.Magnitude(p.Loss, p.Y, f.U, f.V, p.Lambda));

    /// <summary>The solver's certificate: min F lies in [Dual − rounding, Primal + rounding].</summary>
    public static Tolerance SolverGap(ConvexSolution s) =>
        new(s.CertifiedGap, $"solver duality gap {s.Gap:G3} + rounding {s.Rounding:G3} (accelerated proximal gradient, {s.Iterations} iterations)");

    public static NamedValue[] SolutionDetails(ConvexSolution s) =>
    [
        new("minF", Value.Of(s.Primal)), new("lowerBound", Value.Of(s.Dual)), new("gap", Value.Of(s.Gap)),
        new("iterations", Value.Of(s.Iterations)), new("restarts", Value.Of(s.Restarts)), new("rank", Value.Of(s.Rank)), new("X", Value.Of(s.X)),
    ];

    /// <summary>Inconclusive when the solver stopped at its iteration cap without reaching the gap.</summary>
    public static Outcome? Unsolved(ConvexSolution s) => s.Converged ? null
        : Outcome.Inconclusive($"the convex solver stopped after {s.Iterations} iterations at gap {s.Gap:G3} without reaching 1e-10 relative");

    public static Outcome CheckConvexLowerBound(LowerBoundCase c)
    {
        var p = c.Problem;
        int m = p.Rows, n = p.Columns, k = p.Smaller;
        var s = p.Solve(Solver);
        if (Unsolved(s) is { } unsolved) return unsolved;
        var outcomes = new List<Outcome>();

        // F(UVᵀ) ≤ f(U, V): the loss terms are the same computation, so the comparison is λΣ‖u_i‖‖v_i‖ ≥ λ‖UVᵀ‖_*.
        var x = c.Pair.Product;
        var lossAtPair = p.Loss.Value(p.Y, x);
        var fPair = lossAtPair + p.Lambda * Norms.PathNorm(c.Pair.U, c.Pair.V);
        var fConvexPair = lossAtPair + p.Lambda * ThinSvd.Of(x, vectors: false).Nuclear;
        outcomes.Add(Outcome.AtLeast(fPair, fConvexPair,
            Tolerance.Spectral(m, n, c.Pair.Width + m + n, c.Pair.U.FrobeniusNorm() * c.Pair.V.FrobeniusNorm()).Times(p.Lambda, "λ"),
            "F(UVᵀ) ≤ f(U, V) at the given pair"));

        // min f ≤ min F: the balanced SVD factors of the solver's X attain F(X).
        var construction = Factorizations.BalancedSvd(s.X, Math.Max(1, s.Rank), Math.Max(1, s.Rank));
        var fConstruction = p.Factorized(construction);
        var sigma1 = s.SingularValues.Count == 0 ? 0 : s.SingularValues[0];
        var gradient = p.Loss.Gradient(p.Y, s.X).FrobeniusNorm();
        var attainTolerance = Tolerance.Spectral(m, n, k + 2, (p.Lambda * k + gradient + p.Loss.Lipschitz * s.X.FrobeniusNorm()) * sigma1 + Rounding.UnitRoundoff)
            .Plus(FactorizedRounding(p, construction));
        outcomes.Add(Outcome.Within(fConstruction, s.Primal, attainTolerance, "the balanced SVD factors of the solver's X attain F(X): min f ≤ min F"));

        // min f ≥ min F: descent from random starts never ends below the certified lower bound.
        var lowest = double.PositiveInfinity;
        Factors? lowestPoint = null;
        var rng = new SplitMix64(c.Seed);
        foreach (var width in new[] { c.Pair.Width, k + 1 })
        {
            var start = RandomStart(p, width, rng);
            var descent = LocalDescent.Run(p.Loss, p.Y, p.Lambda, start, rng.NextUInt64());
            var value = p.Factorized(descent.Point);
            if (value < lowest) (lowest, lowestPoint) = (value, descent.Point);
        }
        outcomes.Add(Outcome.AtLeast(lowest, s.LowerBound, FactorizedRounding(p, lowestPoint!), "local descent (widths r and min(m, n) + 1) never ends below the certified lower bound of min F"));

        if (p.Loss is SquaredLoss)
        {
            var closed = Thresholding.Svt(p.Y, p.Lambda);
            var svdTolerance = Tolerance.Spectral(m, n, k + 2, 4 * (ThinSvd.Of(p.Y, vectors: false).Spectral + Rounding.UnitRoundoff));
            var strong = new Tolerance(Math.Sqrt(2 * s.CertifiedGap / p.Loss.StrongConvexity), "√(2·certified gap/μ), μ = 1 (strong convexity)").Plus(svdTolerance);
            outcomes.Add(Outcome.Distance(Value.Of(s.X), Value.Of(closed), (s.X - closed).FrobeniusNorm(), strong, "the solver's minimizer is S_λ(Y) (Frobenius distance)"));
            var fClosed = p.Convex(closed);
            var closedTolerance = Tolerance.Spectral(m, n, k + 2, (p.Lambda * k + p.Y.FrobeniusNorm()) * (sigma1 + p.Lambda) + Rounding.UnitRoundoff);
            outcomes.Add(Outcome.AtMost(fClosed, s.UpperBound, closedTolerance, "F(S_λ(Y)) ≤ the certified upper bound of min F"));
            outcomes.Add(Outcome.AtLeast(fClosed, s.LowerBound, closedTolerance, "F(S_λ(Y)) ≥ the certified lower bound of min F"));
        }

        var outcome = Outcome.All(outcomes.ToArray());
        if (outcome.Holds)
            outcome = outcome with
            {
                Lhs = Value.Of(fConstruction),
                Rhs = Value.Of(s.Primal),
                Explanation = $"min f (at the balanced SVD factors, lhs) equals the certified min F (rhs), and every condition holds; the residual is the largest relative one, of: {outcome.Explanation}",
            };
        return outcome.WithDetails([
            .. SolutionDetails(s),
            new("fAtPair", Value.Of(fPair)), new("FAtPair", Value.Of(fConvexPair)), new("fAtConstruction", Value.Of(fConstruction)),
            new("lowestDescent", Value.Of(lowest)),
        ]);
    }

    /// <summary>Gaussian factors of width r scaled so that UVᵀ has the magnitude of Y (√(‖Y‖_F/r) per entry, at least 10⁻²).</summary>
    public static Factors RandomStart(ConvexProblem p, int width, SplitMix64 rng)
    {
        var scale = Math.Sqrt(Math.Max(p.Y.FrobeniusNorm(), 1e-2) / (width * Math.Sqrt(p.Rows * p.Columns)));
        return new Factors(
            Matrix<double>.Build.Dense(p.Rows, width, (_, _) => scale * rng.NextGaussian()),
            Matrix<double>.Build.Dense(p.Columns, width, (_, _) => scale * rng.NextGaussian()));
    }
}
