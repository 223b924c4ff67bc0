using System.Diagnostics;
using System.Numerics;
using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Depth;

/// <summary>THEORY.md "Depth and approximation": depth.sawtooth, depth.shallow-pieces, depth.montufar-regions, with their controls.</summary>
public static class DepthClaims
{
    /// <summary>Functions with at most this many pieces list them in `eval`'s output.</summary>
    public const int ListedPieces = 256;

    private static IEnumerable<NamedValue> Listed(PiecewiseLinear f, string prefix = "") =>
        f.PieceCount <= ListedPieces
            ? RationalValues.Pieces(f, prefix)
            : [new(prefix.Length == 0 ? "breakpoints" : prefix + "Breakpoints", Value.Of($"{f.PieceCount} pieces: listed up to {ListedPieces}"))];

    // ---- depth.sawtooth ----

    public static Claim<SawtoothCase> SawtoothClaim { get; } = Claim.Theorem(
        id: "depth.sawtooth",
        title: "The k-fold composition of the mirror map has exactly 2^k affine pieces on [0, 1], breakpoints j/2^k, values alternating 0 and 1, slopes ±2^k",
        statement: @"m(x) = 2\,\mathrm{ReLU}(x) - 4\,\mathrm{ReLU}(x - \tfrac12),\ m_k = m \circ \dots \circ m:\ m_k|_{[0,1]} \text{ has exactly } 2^k \text{ affine pieces, breakpoints } j/2^k,\ m_k(j/2^k) = j \bmod 2,\ \text{slopes } \pm 2^k",
        source: "Telgarsky2016",
        instances: SawtoothCases.Any,
        check: c => CheckSawtooth(c),
        evidence: "exact rational piecewise-linear arithmetic: m from its network, m_k = m_j ∘ m_{k−j} by generic composition (k ≤ 12 in a check run, k = 20 in the tests, k ≤ 24 in eval), every breakpoint, value and slope compared exactly, and the k-layer width-2 network propagated layer by layer to the same canonical function",
        sides: "lhs and rhs: the failing exact fact's sides (the piece count of m_k on [0, 1] against 2^k, a breakpoint against j/2^k, a value against j mod 2, a slope against ±2^k, the composition against the network)") with
    {
        CaseBudget = n => Math.Max(1, n / 4),
    };

    public static Outcome CheckSawtooth(SawtoothCase c)
    {
        var watch = Stopwatch.StartNew();
        var f = Sawtooth.ByComposition(c.K, c.Split);
        var composition = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var g = Sawtooth.Network(c.K).ToPiecewiseLinear(Rational.Zero, Rational.One);
        var network = watch.Elapsed.TotalSeconds;
        var n = 1L << c.K;
        var scale = Rational.Of(n);

        int? badBreak = FirstIndex(f.PieceCount - 1, i => f.Breakpoint(i) * scale != i + 1);
        int? badValue = FirstIndex(f.PieceCount - 1, i => f.ValueAtBreakpoint(i) != (i + 1) % 2);
        var endsZero = f.Evaluate(Rational.Zero).IsZero && f.Evaluate(Rational.One).IsZero;
        int? badSlope = FirstIndex(f.PieceCount, i => f.Slope(i) != (i % 2 == 0 ? scale : -scale));

        var details = new List<NamedValue>
        {
            new("pieces", Value.Of((long)f.PieceCount)),
            new("method", Value.Of($"m_{c.Split} ∘ m_{c.K - c.Split} by generic composition; the {c.K}-layer network by layer propagation")),
            new("seconds", Value.Of(composition)),
            new("networkSeconds", Value.Of(network)),
        };
        details.AddRange(Listed(f));
        return Outcome.All(
            Outcome.Decide(f.PieceCount == n, Value.Of((long)f.PieceCount), Value.Of(n), $"exact: m_{c.K} has {f.PieceCount} affine pieces on [0, 1] (2^{c.K} = {n})", Gap(f.PieceCount, n)),
            Outcome.Decide(f.PieceCount == n && badBreak is null, Value.Of(badBreak is { } b ? f.Breakpoint(b).ToString() : "all j/2^k"), Value.Of($"j/{n}"),
                badBreak is { } bb ? $"exact: breakpoint {bb + 1} of m_{c.K} is {f.Breakpoint(bb)}, not {bb + 1}/{n}" : $"exact: the breakpoints are j/{n}, j = 1..{n - 1}", 1),
            Outcome.Decide(badValue is null && endsZero, Value.Of(badValue is { } v ? f.ValueAtBreakpoint(v).ToString() : "0, 1, 0, …"), Value.Of("j mod 2"),
                badValue is { } vv ? $"exact: m_{c.K} at breakpoint {vv + 1} is {f.ValueAtBreakpoint(vv)}, not {(vv + 1) % 2}" : "exact: the values at j/2^k alternate 0, 1, …, 0", 1),
            Outcome.Decide(badSlope is null, Value.Of(badSlope is { } s ? f.Slope(s).ToString() : $"±{n}"), Value.Of($"±{n}"),
                badSlope is { } ss ? $"exact: piece {ss + 1} of m_{c.K} has slope {f.Slope(ss)}" : $"exact: the slopes alternate +{n}, −{n}", 1),
            Outcome.Decide(f.Equals(g), Value.Of(g.ToString()), Value.Of(f.ToString()),
                $"exact: the {c.K}-layer width-2 network computes the same canonical function as the composition", 1))
            .WithDetails(details.ToArray());
    }

    private static int? FirstIndex(int count, Func<int, bool> bad)
    {
        for (var i = 0; i < count; i++)
            if (bad(i)) return i;
        return null;
    }

    /// <summary>Holds for k ≤ 2 only (2^k = 2k there): a run stuck at small k could not refute it.</summary>
    public static Claim<SawtoothCase> SawtoothControl { get; } = Claim.Control(
        id: "depth.sawtooth.control",
        title: "Control: the k-fold sawtooth has only 2k pieces (depth adds pieces linearly; true for k ≤ 2)",
        statement: @"m_k|_{[0,1]} \text{ has } 2k \text{ affine pieces}",
        instances: SawtoothCases.Any,
        check: c =>
        {
            var f = Sawtooth.ByComposition(c.K, c.Split);
            return Outcome.Decide(f.PieceCount == 2 * c.K, Value.Of((long)f.PieceCount), Value.Of(2L * c.K), $"exact: m_{c.K} has {f.PieceCount} pieces against 2k = {2 * c.K}", Gap(f.PieceCount, 2 * c.K));
        },
        evidence: "exact piece count by generic composition; holds at k = 1, 2, so only k ≥ 3 refutes it",
        sides: "lhs: the exact piece count of m_k on [0, 1]; rhs: 2k");

    // ---- depth.shallow-pieces ----

    public static Claim<NetworkCase> ShallowPieces { get; } = Claim.Theorem(
        id: "depth.shallow-pieces",
        title: "A ReLU network ℝ → ℝ with one hidden layer of n units has at most n + 1 affine pieces; with L layers of width ≤ w at most (2w)^L",
        statement: @"f:\mathbb{R}\to\mathbb{R} \text{ ReLU network}:\ L = 1,\ n \text{ units} \implies \#\text{pieces}(f) \le n + 1;\quad L \text{ hidden layers of width} \le w \implies \#\text{pieces}(f) \le (2w)^L",
        source: "Telgarsky2016",
        instances: NetworkCases.Any,
        check: CheckShallowPieces,
        evidence: "exact piece counts on ℝ by layer-by-layer propagation in rational arithmetic (collinear pieces merged), compared with n + 1, (2w)^L and the proof's Π(w_ℓ + 1); the propagated function agrees with the network evaluated exactly at every listed breakpoint and between them; the generic shallow network reaches n + 1, the sawtooth 2^L and the folding network n^(L−1)(n + 1) on [0, 1]",
        sides: "lhs: the exact number of affine pieces on ℝ; rhs: the failing bound (n + 1 for one hidden layer, (2w)^L, Π(w_ℓ + 1), a construction's exact count), or the network's value where the pieces disagree with it");

    public static Outcome CheckShallowPieces(NetworkCase c)
    {
        var net = c.Network;
        var f = net.ToPiecewiseLinear();
        var p = (BigInteger)f.PieceCount;
        var (depth, width, units) = (net.Depth, net.MaxWidth, net.Units);
        var deep = PieceBounds.Deep(width, depth);
        var partition = PieceBounds.Partition(net.Widths);
        var parts = new List<Outcome>
        {
            Outcome.Decide(p <= deep, RationalValues.Of(p), RationalValues.Of(deep), $"exact: {p} pieces ≤ (2w)^L = (2·{width})^{depth} = {deep}", Gap(p, deep)),
            Outcome.Decide(p <= partition, RationalValues.Of(p), RationalValues.Of(partition), $"exact: {p} pieces ≤ Π(w_ℓ + 1) = {partition} (the bound the proof gives)", Gap(p, partition)),
            Agreement(net, f),
        };
        if (depth == 1)
            parts.Insert(0, Outcome.Decide(p <= units + 1, RationalValues.Of(p), Value.Of((long)units + 1), $"exact: one hidden layer of n = {units} units, {p} pieces ≤ n + 1 = {units + 1}", Gap(p, units + 1)));
        if (c.Reaches is { } reach)
        {
            var restricted = reach.Start is null && reach.End is null ? f : net.ToPiecewiseLinear(reach.Start, reach.End);
            parts.Add(Outcome.Decide(restricted.PieceCount == reach.Pieces, Value.Of((long)restricted.PieceCount), RationalValues.Of(reach.Pieces),
                $"exact: the {c.Family} reaches {reach.Why} = {reach.Pieces} pieces on {restricted.DomainText}", Gap(restricted.PieceCount, reach.Pieces)));
        }
        var details = new List<NamedValue>
        {
            new("pieces", Value.Of((long)f.PieceCount)),
            new("L", Value.Of((long)depth)),
            new("widths", Value.Of("[" + string.Join(", ", net.Widths) + "]")),
            new("units", Value.Of((long)units)),
            new("shallowBound", depth == 1 ? Value.Of((long)units + 1) : Value.Of("n + 1 applies to one hidden layer only")),
            new("depthBound", RationalValues.Of(deep)),
            new("partitionBound", RationalValues.Of(partition)),
        };
        details.AddRange(Listed(f));
        return Outcome.All(parts.ToArray()).WithDetails(details.ToArray());
    }

    /// <summary>The propagated function against the network evaluated point by point (exactly) at its breakpoints, between them and beyond them.</summary>
    public static Outcome Agreement(ReluNetwork net, PiecewiseLinear f)
    {
        var points = new List<Rational>();
        var step = Math.Max(1, (f.PieceCount - 1) / 32);
        for (var i = 0; i < f.PieceCount - 1; i += step)
        {
            points.Add(f.Breakpoint(i));
            if (i + 1 < f.PieceCount - 1) points.Add((f.Breakpoint(i) + f.Breakpoint(i + 1)) * Rational.Half);
        }
        var (left, right) = (f.Start ?? (f.PieceCount > 1 ? f.Breakpoint(0) - 1 : -1), f.End ?? (f.PieceCount > 1 ? f.Breakpoint(f.PieceCount - 2) + 1 : 1));
        points.Add(left);
        points.Add(right);
        var bad = points.Cast<Rational?>().FirstOrDefault(x => f.Evaluate(x!.Value) != net.Evaluate(x.Value));
        return bad is { } x
            ? Outcome.Decide(false, RationalValues.Of(f.Evaluate(x)), RationalValues.Of(net.Evaluate(x)), $"the propagated pieces disagree with the network at x = {x}", Math.Max(Rational.Abs(f.Evaluate(x) - net.Evaluate(x)).ToDouble(), double.Epsilon))
            : Outcome.Decide(true, Value.Of((long)points.Count), Value.Of((long)points.Count), $"exact: the pieces agree with the network evaluated at {points.Count} points");
    }

    public static Claim<NetworkCase> ShallowPiecesControl { get; } = Claim.Control(
        id: "depth.shallow-pieces.control",
        title: "Control: the shallow bound for any depth — a network with n hidden units in all has at most n + 1 pieces",
        statement: @"f \text{ ReLU network with } n \text{ hidden units (any depth)} \implies \#\text{pieces}(f) \le n + 1",
        instances: NetworkCases.Any,
        check: c =>
        {
            var p = c.Network.ToPiecewiseLinear().PieceCount;
            var n = c.Network.Units;
            return Outcome.Decide(p <= n + 1, Value.Of((long)p), Value.Of((long)n + 1), $"exact: {p} pieces against n + 1 = {n + 1} for {n} units in {c.Network.Depth} layers", Gap(p, n + 1));
        },
        evidence: "exact piece counts; true for one hidden layer, so only a deeper network (the sawtooth m_2 has 6 pieces on ℝ with 4 units) refutes it; m_2 is a fixed example, so the refutation does not depend on the budget",
        sides: "lhs: the exact number of affine pieces on ℝ; rhs: n + 1 for n hidden units in all") with
    {
        Examples = [NetworkCases.SawtoothCase(2)],
    };

    // ---- depth.montufar-regions ----

    public static Claim<FoldingCase> MontufarRegions { get; } = Claim.Theorem(
        id: "depth.montufar-regions",
        title: "In one input dimension, the folding construction with L layers of width n reaches Montúfar's lower bound n^(L−1)(n + 1) on linear regions",
        statement: @"n_0 = 1:\ \text{the folding network with } L \text{ hidden layers of width } n \text{ has exactly } n^{L-1}(n+1) \text{ affine pieces on } [0,1],\ \text{and between } n^{L-1}(n+1) \text{ and } (2n)^L \text{ on } \mathbb{R}",
        source: "Montufar2014",
        instances: FoldingCases.Any,
        check: CheckFolding,
        evidence: "exact piece counts of the folding network on [0, 1] and on ℝ by layer propagation in rational arithmetic (collinear pieces merged), for the default and random last layers (thresholds and readouts), compared with n^(L−1)(n + 1) and (2n)^L; the pieces agree with the network evaluated exactly",
        sides: "lhs: the folding network's exact piece count (on [0, 1], or on ℝ); rhs: n^(L−1)(n + 1) (on [0, 1]) or (2n)^L (on ℝ)");

    public static Outcome CheckFolding(FoldingCase c)
    {
        var net = c.Network;
        var f = net.ToPiecewiseLinear(Rational.Zero, Rational.One);
        var onR = net.ToPiecewiseLinear();
        var bound = PieceBounds.Montufar(c.N, c.L);
        var upper = PieceBounds.Deep(c.N, c.L);
        var details = new List<NamedValue>
        {
            new("pieces", Value.Of((long)f.PieceCount)),
            new("montufarBound", RationalValues.Of(bound)),
            new("piecesOnR", Value.Of((long)onR.PieceCount)),
            new("depthBound", RationalValues.Of(upper)),
        };
        details.AddRange(Listed(f));
        if (net.Units <= 64)
            for (var l = 0; l < net.LayerCount; l++)
            {
                details.Add(new($"W{l + 1}", RationalValues.Matrix(net.Weights(l))));
                details.Add(new($"b{l + 1}", RationalValues.Row(net.Bias(l))));
            }
        return Outcome.All(
            Outcome.Decide(f.PieceCount == bound, Value.Of((long)f.PieceCount), RationalValues.Of(bound), $"exact: the folding network (n = {c.N}, L = {c.L}) has {f.PieceCount} pieces on [0, 1]; n^(L−1)(n + 1) = {bound}", Gap(f.PieceCount, bound)),
            Outcome.Decide(onR.PieceCount >= bound && onR.PieceCount <= upper, Value.Of((long)onR.PieceCount), RationalValues.Of(upper), $"exact: on ℝ, {bound} ≤ {onR.PieceCount} ≤ (2n)^L = {upper}", Math.Max((double)(bound - onR.PieceCount), (double)(onR.PieceCount - upper))),
            Agreement(net, f))
            .WithDetails(details.ToArray());
    }

    public static Claim<FoldingCase> MontufarControl { get; } = Claim.Control(
        id: "depth.montufar-regions.control",
        title: "Control: the folding construction reaches the partition bound (n + 1)^L (true for L = 1 only)",
        statement: @"\text{the folding network has } (n+1)^L \text{ affine pieces on } [0,1]",
        instances: FoldingCases.Any,
        check: c =>
        {
            var p = c.Network.ToPiecewiseLinear(Rational.Zero, Rational.One).PieceCount;
            var claimed = BigInteger.Pow(c.N + 1, c.L);
            return Outcome.Decide(p == claimed, Value.Of((long)p), RationalValues.Of(claimed), $"exact: {p} pieces against (n + 1)^L = {claimed}", Gap(p, claimed));
        },
        evidence: "exact piece counts; equal at L = 1, so only a deeper network refutes it",
        sides: "lhs: the folding network's exact piece count on [0, 1]; rhs: (n + 1)^L");

    /// <summary>The violation of an exact count comparison: |a − b| pieces (the failing part's residual; 0 when it holds).</summary>
    private static double Gap(BigInteger a, BigInteger b) => (double)BigInteger.Abs(a - b);
}
