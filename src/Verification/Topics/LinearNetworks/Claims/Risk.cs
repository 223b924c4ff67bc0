using System.Collections.Concurrent;
using Fractions;
using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Symbolic.Derivations;

namespace Verification.Topics.LinearNetworks;

/// <summary>linear.risk-trace (and a control), linear.optimal-product.</summary>
public static partial class LinearClaims
{
    public static Claim<RiskCase> RiskTrace { get; } = Claim.Theorem(
        id: "linear.risk-trace",
        title: "The empirical risk of a linear network is a trace of second moments",
        statement: @"R(U,V) = \tfrac1N\|Y - UV^\top X\|_F^2 = \operatorname{tr}(\Sigma_{yy} - 2\Sigma_{yx} V U^\top + U V^\top \Sigma_{xx} V U^\top)",
        source: "BaldiHornik1989",
        instances: RiskCases.Any,
        check: c => CheckRiskTrace(c, withoutInputMoment: false),
        evidence: "rational instances: both sides in exact rational arithmetic (equal as rationals), and, at n₀, n₁, n₂ ≤ 2 and N ≤ 3, both sides of the symbolic derivation linear.risk-trace.symbolic evaluated at the instance agree with them; Gaussian instances: both sides in double precision within the summation bound") with { Modes = EvalModes.Exact, Sides = "lhs: (1/N)‖Y − UVᵀX‖²; rhs: tr Σ_yy − 2 tr(Σ_yxVUᵀ) + tr(UVᵀΣ_xxVUᵀ)" };

    /// <summary>Drops Σ_xx from the quadratic term: true exactly when Σ_xx acts as the identity on the columns of V (whitened data).</summary>
    public static Claim<RiskCase> RiskTraceControl { get; } = Claim.Control(
        id: "linear.risk-trace.control",
        title: "Control: the risk trace without Σ_xx in the quadratic term (true for whitened data, Σ_xx = I)",
        statement: @"\tfrac1N\|Y - UV^\top X\|_F^2 = \operatorname{tr}(\Sigma_{yy} - 2\Sigma_{yx} V U^\top + U V^\top V U^\top)",
        instances: RiskCases.Any,
        check: c => CheckRiskTrace(c, withoutInputMoment: true),
        evidence: "the same computation with Σ_xx replaced by I; holds when Σ_xx V = V (e.g. X = √N·I), so only non-whitened data refute it") with { Modes = EvalModes.Exact, Sides = "lhs: (1/N)‖Y − UVᵀX‖²; rhs: the same trace with Σ_xx replaced by I" };

    private static readonly ConcurrentDictionary<(int, int, int, int), Derivation> RiskDerivations = new();

    /// <summary>Sizes at which the symbolic derivation is also evaluated (each size is derived once per process).</summary>
    public static bool SymbolicSize(int n0, int n1, int n2, int samples) => n0 <= 2 && n1 <= 2 && n2 <= 2 && samples <= 3;

    public static Outcome CheckRiskTrace(RiskCase c, bool withoutInputMoment)
    {
        var s = SecondMoments.FromSamples(c.X, c.Y);
        var sxx = withoutInputMoment ? ExactLinearAlgebra.Identity(c.X.RowCount) : s.Sxx;
        int n0 = c.X.RowCount, n1 = c.U.ColumnCount, n2 = c.Y.RowCount, samples = c.X.ColumnCount;
        var vut = c.V.Multiply(c.U.Transpose());
        var uvt = c.U.Multiply(c.V.Transpose());
        if (c.Exact)
        {
            var residual = c.Y.Subtract(uvt.Multiply(c.X));
            var lhs = residual.FrobeniusNormSquared() / samples;
            var rhs = s.Syy.Trace() - 2 * s.Syx.Multiply(vut).Trace() + uvt.Multiply(sxx).Multiply(vut).Trace();
            var parts = new List<Outcome> { Outcome.Exact(lhs, rhs, "exact: (1/N)‖Y − UVᵀX‖² against the trace of second moments") };
            if (!withoutInputMoment)
            {
                var network = DeepLinearRisk.Risk(s.Exact(), [FieldMatrices.Of(c.V.Transpose()), FieldMatrices.Of(c.U)]);
                parts.Add(Outcome.Exact(network, lhs, "exact: the risk every other claim of this topic uses (DeepLinearRisk, W₁ = Vᵀ, W₂ = U) equals (1/N)‖Y − UVᵀX‖²"));
                if (SymbolicSize(n0, n1, n2, samples))
                {
                    var d = RiskDerivations.GetOrAdd((n0, n1, n2, samples), k => Derivations.LinearRiskTrace(k.Item1, k.Item2, k.Item3, k.Item4));
                    var point = SymbolicPoint(c);
                    parts.Add(Outcome.Exact(d.Lhs.Evaluate(point), lhs, "exact: the symbolic derivation's left side (linear.risk-trace.symbolic) at the instance"));
                    parts.Add(Outcome.Exact(d.Rhs.Evaluate(point), rhs, "exact: the symbolic derivation's right side (linear.risk-trace.symbolic) at the instance"));
                }
            }
            return Outcome.All(parts.ToArray()).WithDetails(new NamedValue("risk", Value.Of(lhs)), new NamedValue("trace", Value.Of(rhs)));
        }
        var (x, y, u, v) = (c.X.ToDouble(), c.Y.ToDouble(), c.U.ToDouble(), c.V.ToDouble());
        var flhs = (y - u * v.Transpose() * x).FrobeniusNorm();
        flhs = flhs * flhs / samples;
        var fs = s.Floating();
        var fsxx = withoutInputMoment ? MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(n0) : fs.Sxx.ToDouble();
        var fvut = v * u.Transpose();
        var frhs = fs.Syy.ToDouble().Trace() - 2 * (fs.Syx.ToDouble() * fvut).Trace() + (u * v.Transpose() * fsxx * fvut).Trace();
        // Every term summed on either side is bounded by the expansion of (1/N)‖|Y| + |U||V|ᵀ|X|‖² (|Σ_xx| ≤ |X||X|ᵀ/N entrywise),
        // or, for the control, of ‖|U||V|ᵀ|V||U|ᵀ‖ too. The longest chain: N for a moment, then n₁, n₀, n₀, n₂ (or n₂·N on the left).
        var magnitude = y.PointwiseAbs() + u.PointwiseAbs() * v.PointwiseAbs().Transpose() * x.PointwiseAbs();
        var bound = magnitude.FrobeniusNorm();
        var total = bound * bound / samples + (withoutInputMoment ? (u.PointwiseAbs() * v.PointwiseAbs().Transpose() * v.PointwiseAbs() * u.PointwiseAbs().Transpose()).Trace() : 0);
        var tolerance = Tolerance.Summation(samples + 2 * n0 + n1 + n2 + n2 * samples + 8, total);
        return Outcome.Within(flhs, frhs, tolerance, "(1/N)‖Y − UVᵀX‖² against the trace of second moments, in double precision")
            .WithDetails(new NamedValue("risk", Value.Of(flhs)), new NamedValue("trace", Value.Of(frhs)));
    }

    private static Dictionary<string, Fraction> SymbolicPoint(RiskCase c)
    {
        var point = new Dictionary<string, Fraction>(StringComparer.Ordinal);
        void Add(string name, ExactMatrix m)
        {
            for (var i = 0; i < m.RowCount; i++)
                for (var j = 0; j < m.ColumnCount; j++) point[Verification.Symbolic.SymbolicMatrix.EntryName(name, i, j)] = m[i, j];
        }
        Add("X", c.X);
        Add("Y", c.Y);
        Add("U", c.U);
        Add("V", c.V);
        return point;
    }

    // ---- linear.optimal-product ----

    public static Claim<LinearProblem> OptimalProduct { get; } = Claim.Theorem(
        id: "linear.optimal-product",
        title: "With n₁ ≥ max(n₀, n₂) and Σ_xx invertible, every minimum of R has UVᵀ = Σ_yx Σ_xx⁻¹",
        statement: @"n_1 \ge \max(n_0, n_2),\ \Sigma_{xx} \succ 0 \implies \operatorname*{argmin} R \subseteq \{UV^\top = \Sigma_{yx}\Sigma_{xx}^{-1}\},\ \min R = \operatorname{tr}\Sigma_{yy} - \operatorname{tr}(\Sigma_{yx}\Sigma_{xx}^{-1}\Sigma_{xy})",
        source: "BaldiHornik1989",
        instances: LinearProblems.Wide,
        check: CheckOptimalProduct,
        evidence: "exact on every instance (the optimal product is rational even for Gaussian samples): Σ_xx ≻ 0 by exact LDLᵀ inertia; an exact rank factorization P* = Σ_yxΣ_xx⁻¹ = CF gives U = [C 0], V = [Fᵀ 0] with UVᵀ = P*, zero gradient and no negative Hessian eigenvalue; R(P) − R(P*) = tr((P − P*)Σ_xx(P − P*)ᵀ) exactly at a random rational P (a polynomial identity, so Schwartz–Zippel), which with Σ_xx ≻ 0 makes P* the unique minimizing product; L-BFGS from random starts never goes below R(P*) (summation bound). The precise width condition is n₁ ≥ rank Σ_yx; linear.deep-optimal-product checks it, and its control fails below it") with { Modes = EvalModes.Exact, Sides = "lhs/rhs of the first failing part: the constructed UVᵀ against Σ_yxΣ_xx⁻¹; the gradient against 0; R(P) − R(P*) against tr((P − P*)Σ_xx(P − P*)ᵀ); the lowest value of local descent against R(Σ_yxΣ_xx⁻¹)" };

    public static Outcome CheckOptimalProduct(LinearProblem c)
    {
        var s = c.Moments;
        if (!BaldiHornik.InputCovarianceIsInvertible(s)) return Outcome.Discard("the hypothesis 'Σ_xx invertible' fails: Σ_xx is singular");
        var width = c.HiddenWidths[0];
        if (c.Depth != 2 || width < Math.Max(c.InputDimension, c.OutputDimension))
            return Outcome.Discard($"the hypothesis n₁ ≥ max(n₀, n₂) fails: n₁ = {width}, n₀ = {c.InputDimension}, n₂ = {c.OutputDimension}");
        return WideEnoughOptimum(c).Outcome;
    }
}
