namespace Verification.Numerics;

/// <summary>
/// A continuous piecewise-linear function on an interval [Start, End] (either end may be infinite), exact: rational breakpoints,
/// and on each piece a rational slope and intercept (the piece is x ↦ slope·x + intercept). The pieces are stored as three
/// arrays (P − 1 breakpoints, P slopes, P intercepts), never as objects per piece, so a million pieces is a few tens of
/// megabytes. Every function is canonical: breakpoints are strictly increasing and strictly inside the domain, and adjacent
/// pieces are never collinear (every operation merges them), so <see cref="PieceCount"/> is the exact number of affine pieces
/// and two functions are equal exactly when their arrays are. Sums, ReLU and composition are exact
/// (<see cref="Layer"/>, <see cref="Relu"/>, <see cref="Compose"/>).
/// </summary>
public sealed class PiecewiseLinear : IEquatable<PiecewiseLinear>
{
    private readonly Rational[] breaks;
    private readonly Rational[] slopes;
    private readonly Rational[] intercepts;

    private PiecewiseLinear(Rational? start, Rational? end, Rational[] breaks, Rational[] slopes, Rational[] intercepts)
    {
        Start = start;
        End = end;
        this.breaks = breaks;
        this.slopes = slopes;
        this.intercepts = intercepts;
    }

    /// <summary>The left end of the domain; null is −∞.</summary>
    public Rational? Start { get; }

    /// <summary>The right end of the domain; null is +∞.</summary>
    public Rational? End { get; }

    /// <summary>The exact number of affine pieces (maximal intervals on which the function is affine).</summary>
    public int PieceCount => slopes.Length;

    public IReadOnlyList<Rational> Breakpoints => Array.AsReadOnly(breaks);
    public IReadOnlyList<Rational> Slopes => Array.AsReadOnly(slopes);
    public IReadOnlyList<Rational> Intercepts => Array.AsReadOnly(intercepts);

    public Rational Breakpoint(int i) => breaks[i];
    public Rational Slope(int piece) => slopes[piece];
    public Rational Intercept(int piece) => intercepts[piece];

    /// <summary>The value at the i-th breakpoint.</summary>
    public Rational ValueAtBreakpoint(int i) => slopes[i] * breaks[i] + intercepts[i];

    /// <summary>The left end of piece i (null: −∞) and its right end (null: +∞).</summary>
    public (Rational? Left, Rational? Right) PieceInterval(int piece) =>
        (piece == 0 ? Start : breaks[piece - 1], piece == slopes.Length - 1 ? End : breaks[piece]);

    public bool IsBounded => Start is not null && End is not null;

    /// <summary>x ↦ slope·x + intercept on [start, end] (null ends are infinite).</summary>
    public static PiecewiseLinear Affine(Rational slope, Rational intercept, Rational? start = null, Rational? end = null)
    {
        CheckDomain(start, end);
        return new(start, end, [], [slope], [intercept]);
    }

    /// <summary>x ↦ x on [start, end].</summary>
    public static PiecewiseLinear Identity(Rational? start = null, Rational? end = null) => Affine(Rational.One, Rational.Zero, start, end);

    /// <summary>
    /// A function from its pieces: breakpoints strictly increasing and strictly inside the domain, one slope and intercept per
    /// piece, continuous at every breakpoint. Collinear neighbours are merged.
    /// </summary>
    public static PiecewiseLinear FromPieces(Rational? start, Rational? end, IReadOnlyList<Rational> breakpoints, IReadOnlyList<Rational> slopes, IReadOnlyList<Rational> intercepts)
    {
        CheckDomain(start, end);
        if (slopes.Count != breakpoints.Count + 1 || intercepts.Count != slopes.Count)
            throw new ArgumentException($"{breakpoints.Count} breakpoints need {breakpoints.Count + 1} slopes and intercepts, got {slopes.Count} and {intercepts.Count}");
        for (var i = 0; i < breakpoints.Count; i++)
        {
            var b = breakpoints[i];
            if (i > 0 && b <= breakpoints[i - 1]) throw new ArgumentException("breakpoints must be strictly increasing");
            if ((start is { } s && b <= s) || (end is { } e && b >= e)) throw new ArgumentException($"breakpoint {b} is not strictly inside the domain");
            if (slopes[i] * b + intercepts[i] != slopes[i + 1] * b + intercepts[i + 1])
                throw new ArgumentException($"the pieces do not meet at breakpoint {b}: the function must be continuous");
        }
        var builder = new Builder(slopes.Count);
        for (var i = 0; i < slopes.Count; i++) builder.Add(i == 0 ? default : breakpoints[i - 1], slopes[i], intercepts[i]);
        return builder.Build(start, end);
    }

    /// <summary>The piecewise-linear interpolant of (x_i, y_i) on [x_0, x_N]; the knots must be strictly increasing (at least two).</summary>
    public static PiecewiseLinear Interpolant(IReadOnlyList<Rational> xs, IReadOnlyList<Rational> ys)
    {
        if (xs.Count != ys.Count) throw new ArgumentException($"{xs.Count} knots but {ys.Count} values");
        if (xs.Count < 2) throw new ArgumentException("an interpolant needs at least two knots");
        var builder = new Builder(xs.Count - 1);
        for (var i = 0; i + 1 < xs.Count; i++)
        {
            if (xs[i + 1] <= xs[i]) throw new ArgumentException("knots must be strictly increasing");
            var slope = (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]);
            builder.Add(xs[i], slope, ys[i] - slope * xs[i]);
        }
        return builder.Build(xs[0], xs[^1]);
    }

    private static void CheckDomain(Rational? start, Rational? end)
    {
        if (start is { } s && end is { } e && s >= e) throw new ArgumentException($"the domain [{s}, {e}] is empty or a point");
    }

    public bool Contains(Rational x) => (Start is not { } s || x >= s) && (End is not { } e || x <= e);

    /// <summary>The index of a piece containing x (at a breakpoint, the piece to its left; both agree there).</summary>
    public int PieceIndex(Rational x)
    {
        var i = Array.BinarySearch(breaks, x);
        return i >= 0 ? i : ~i;
    }

    public Rational Evaluate(Rational x)
    {
        if (!Contains(x)) throw new ArgumentException($"{x} is outside the domain {DomainText}");
        var i = PieceIndex(x);
        return slopes[i] * x + intercepts[i];
    }

    public string DomainText => $"[{(Start is { } s ? s.ToString() : "-inf")}, {(End is { } e ? e.ToString() : "inf")}]";

    /// <summary>The same function on a smaller domain [start, end] (null keeps an infinite end; it must lie within this domain).</summary>
    public PiecewiseLinear Restrict(Rational? start, Rational? end)
    {
        CheckDomain(start, end);
        if ((Start is { } s0 && (start is not { } s1 || s1 < s0)) || (End is { } e0 && (end is not { } e1 || e1 > e0)))
            throw new ArgumentException($"the domain {Text(start, "-inf")}..{Text(end, "inf")} is not within {DomainText}");
        var first = start is { } a ? CountAtMost(a) : 0;
        var last = end is { } b ? CountBelow(b) : breaks.Length;
        return new(start, end, breaks[first..last], slopes[first..(last + 1)], intercepts[first..(last + 1)]);
    }

    private static string Text(Rational? x, string infinite) => x?.ToString() ?? infinite;

    private int CountAtMost(Rational y)
    {
        var i = Array.BinarySearch(breaks, y);
        return i >= 0 ? i + 1 : ~i;
    }

    private int CountBelow(Rational y)
    {
        var i = Array.BinarySearch(breaks, y);
        return i >= 0 ? i : ~i;
    }

    /// <summary>max(0, f) exactly: each piece that changes sign strictly inside is split at its zero −intercept/slope.</summary>
    public PiecewiseLinear Relu() => Layer([this], new Rational[,] { { Rational.One } }, [Rational.Zero], relu: true)[0];

    /// <summary>a·f + b·g + c exactly on the common domain.</summary>
    public static PiecewiseLinear Combine(Rational a, PiecewiseLinear f, Rational b, PiecewiseLinear g, Rational c) =>
        Layer([f, g], new[,] { { a, b } }, [c], relu: false)[0];

    public static PiecewiseLinear operator +(PiecewiseLinear f, PiecewiseLinear g) => Combine(Rational.One, f, Rational.One, g, Rational.Zero);

    public static PiecewiseLinear operator -(PiecewiseLinear f, PiecewiseLinear g) => Combine(Rational.One, f, Rational.MinusOne, g, Rational.Zero);

    /// <summary>
    /// One layer of a network on functions of the same input: output o is Σ_j W[o, j]·f_j + b_o, then max(0, ·) when
    /// <paramref name="relu"/>. The inputs' breakpoints are merged in one pass; on each piece of the merged partition, each
    /// output's slope and intercept are updated by the inputs whose piece changed (exact arithmetic, so no drift), and ReLU
    /// splits a piece at most once. Throws <see cref="LimitExceededException"/> when an output would exceed <paramref name="maxPieces"/>.
    /// </summary>
    public static PiecewiseLinear[] Layer(IReadOnlyList<PiecewiseLinear> inputs, Rational[,] weights, IReadOnlyList<Rational> bias, bool relu, int maxPieces = int.MaxValue)
    {
        var w = inputs.Count;
        var outs = weights.GetLength(0);
        if (w == 0) throw new ArgumentException("a layer needs at least one input");
        if (weights.GetLength(1) != w) throw new ArgumentException($"the weights have {weights.GetLength(1)} columns but the layer has {w} inputs");
        if (bias.Count != outs) throw new ArgumentException($"the weights have {outs} rows but the bias has {bias.Count} entries");
        var start = inputs[0].Start;
        var end = inputs[0].End;
        foreach (var f in inputs)
            if (f.Start != start || f.End != end) throw new ArgumentException($"the inputs have different domains ({inputs[0].DomainText} and {f.DomainText})");

        var slope = new Rational[outs];
        var intercept = new Rational[outs];
        var valueAtLeft = new Rational[outs];
        var builders = new Builder[outs];
        var estimate = inputs.Max(f => f.PieceCount);
        for (var o = 0; o < outs; o++)
        {
            for (var j = 0; j < w; j++)
            {
                var wj = weights[o, j];
                if (wj.IsZero) continue;
                slope[o] += wj * inputs[j].slopes[0];
                intercept[o] += wj * inputs[j].intercepts[0];
            }
            intercept[o] += bias[o];
            if (start is { } s) valueAtLeft[o] = slope[o] * s + intercept[o];
            builders[o] = new Builder(estimate, maxPieces);
        }

        var head = new int[w];
        Rational? left = start;
        while (true)
        {
            var found = false;
            Rational next = default;
            for (var j = 0; j < w; j++)
            {
                var fb = inputs[j].breaks;
                if (head[j] < fb.Length && (!found || fb[head[j]] < next))
                {
                    next = fb[head[j]];
                    found = true;
                }
            }
            Rational? right = found ? next : end;
            for (var o = 0; o < outs; o++)
            {
                if (!relu)
                {
                    builders[o].Add(left ?? default, slope[o], intercept[o]);
                    continue;
                }
                Rational? valueAtRight = right is { } r ? slope[o] * r + intercept[o] : null;
                EmitRelu(builders[o], left, left is null ? null : valueAtLeft[o], valueAtRight, slope[o], intercept[o]);
                if (valueAtRight is { } v) valueAtLeft[o] = v;
            }
            if (!found) break;
            for (var j = 0; j < w; j++)
            {
                var f = inputs[j];
                if (head[j] >= f.breaks.Length || f.breaks[head[j]] != next) continue;
                var old = head[j]++;
                var ds = f.slopes[old + 1] - f.slopes[old];
                var dc = f.intercepts[old + 1] - f.intercepts[old];
                for (var o = 0; o < outs; o++)
                {
                    var wj = weights[o, j];
                    if (wj.IsZero) continue;
                    if (!ds.IsZero) slope[o] += wj * ds;
                    if (!dc.IsZero) intercept[o] += wj * dc;
                }
            }
            left = next;
        }
        var result = new PiecewiseLinear[outs];
        for (var o = 0; o < outs; o++) result[o] = builders[o].Build(start, end);
        return result;
    }

    /// <summary>
    /// Emits max(0, s·x + c) on the piece (left, right): the sign at each end (at an infinite end, the sign of the slope toward
    /// it), split at the zero when the signs are strictly opposite.
    /// </summary>
    private static void EmitRelu(Builder builder, Rational? left, Rational? valueAtLeft, Rational? valueAtRight, Rational s, Rational c)
    {
        var toward = s.IsZero ? c.Sign : s.Sign;
        var signLeft = valueAtLeft?.Sign ?? (s.IsZero ? c.Sign : -s.Sign);
        var signRight = valueAtRight?.Sign ?? toward;
        var at = left ?? default;
        if (signLeft * signRight < 0)
        {
            var zero = -c / s;
            if (s.Sign > 0)
            {
                builder.Add(at, Rational.Zero, Rational.Zero);
                builder.Add(zero, s, c);
            }
            else
            {
                builder.Add(at, s, c);
                builder.Add(zero, Rational.Zero, Rational.Zero);
            }
            return;
        }
        var sign = signLeft != 0 ? signLeft : signRight;
        if (sign >= 0) builder.Add(at, s, c);
        else builder.Add(at, Rational.Zero, Rational.Zero);
    }

    /// <summary>
    /// The composition this ∘ inner, exactly: on each piece of the inner function (slope s, intercept c), the outer function's
    /// breakpoints β strictly inside the piece's image are pulled back to x = (β − c)/s, and each sub-piece gets slope
    /// s_f·s and intercept s_f·c + c_f. The inner function must map its domain into this function's domain.
    /// </summary>
    public PiecewiseLinear Compose(PiecewiseLinear inner, int maxPieces = int.MaxValue)
    {
        var builder = new Builder(inner.PieceCount + breaks.Length, maxPieces);
        for (var i = 0; i < inner.PieceCount; i++)
        {
            var (left, right) = inner.PieceInterval(i);
            var s = inner.slopes[i];
            var c = inner.intercepts[i];
            var at = left ?? default;
            if (s.IsZero)
            {
                if (!Contains(c)) throw new ArgumentException($"the inner function takes the value {c}, outside the outer domain {DomainText}");
                var k = PieceIndex(c);
                builder.Add(at, Rational.Zero, slopes[k] * c + intercepts[k]);
                continue;
            }
            Rational? yLeft = left is { } l ? s * l + c : null;
            Rational? yRight = right is { } r ? s * r + c : null;
            var (low, high) = s.Sign > 0 ? (yLeft, yRight) : (yRight, yLeft);
            if ((Start is { } fs && (low is not { } lo || lo < fs)) || (End is { } fe && (high is not { } hi || hi > fe)))
                throw new ArgumentException($"the inner function leaves the outer domain {DomainText} on its piece {i}");
            var inverse = s.Reciprocal();
            var shift = c * inverse;
            if (s.Sign > 0)
            {
                var j = low is { } a ? CountAtMost(a) : 0;
                builder.Add(at, slopes[j] * s, slopes[j] * c + intercepts[j]);
                for (; j < breaks.Length && (high is not { } b || breaks[j] < b); j++)
                    builder.Add(breaks[j] * inverse - shift, slopes[j + 1] * s, slopes[j + 1] * c + intercepts[j + 1]);
            }
            else
            {
                var j = high is { } b ? CountBelow(b) : breaks.Length;
                builder.Add(at, slopes[j] * s, slopes[j] * c + intercepts[j]);
                for (j--; j >= 0 && (low is not { } a || breaks[j] > a); j--)
                    builder.Add(breaks[j] * inverse - shift, slopes[j] * s, slopes[j] * c + intercepts[j]);
            }
        }
        return builder.Build(inner.Start, inner.End);
    }

    /// <summary>max |f| over a bounded domain: attained at a breakpoint or an end (exact).</summary>
    public Rational MaxAbs()
    {
        if (Start is not { } s || End is not { } e) throw new ArgumentException("the maximum of |f| needs a bounded domain");
        var max = Rational.Max(Rational.Abs(Evaluate(s)), Rational.Abs(Evaluate(e)));
        for (var i = 0; i < breaks.Length; i++) max = Rational.Max(max, Rational.Abs(ValueAtBreakpoint(i)));
        return max;
    }

    /// <summary>A point of a bounded domain where |f| is largest (the first one, left to right).</summary>
    public Rational ArgMaxAbs()
    {
        var max = MaxAbs();
        if (Rational.Abs(Evaluate(Start!.Value)) == max) return Start.Value;
        for (var i = 0; i < breaks.Length; i++)
            if (Rational.Abs(ValueAtBreakpoint(i)) == max) return breaks[i];
        return End!.Value;
    }

    public bool Equals(PiecewiseLinear? other) =>
        other is not null && Start == other.Start && End == other.End
        && breaks.AsSpan().SequenceEqual(other.breaks) && slopes.AsSpan().SequenceEqual(other.slopes) && intercepts.AsSpan().SequenceEqual(other.intercepts);

    public override bool Equals(object? obj) => Equals(obj as PiecewiseLinear);

    public override int GetHashCode() => HashCode.Combine(Start, End, slopes.Length, slopes.Length > 0 ? slopes[0] : default, intercepts[^1]);

    public override string ToString() =>
        $"{PieceCount} pieces on {DomainText}" + (PieceCount <= 8 ? ": " + string.Join("; ", Enumerable.Range(0, PieceCount).Select(i => $"{slopes[i]}x + {intercepts[i]}" + (i < breaks.Length ? $" until {breaks[i]}" : ""))) : "");

    /// <summary>Accumulates pieces left to right, merging a piece collinear with the previous one (dropping their breakpoint).</summary>
    private sealed class Builder(int capacity, int maxPieces = int.MaxValue)
    {
        private Rational[] breaks = new Rational[Math.Max(0, Math.Min(capacity, 1 << 20) - 1)];
        private Rational[] slopes = new Rational[Math.Max(1, Math.Min(capacity, 1 << 20))];
        private Rational[] intercepts = new Rational[Math.Max(1, Math.Min(capacity, 1 << 20))];
        private int count;

        /// <summary>Appends the piece that starts at <paramref name="breakBefore"/> (ignored for the first piece).</summary>
        public void Add(Rational breakBefore, Rational slope, Rational intercept)
        {
            if (count > 0)
            {
                if (slopes[count - 1] == slope && intercepts[count - 1] == intercept) return;
                if (count > 1 && breakBefore <= breaks[count - 2])
                    throw new InvalidOperationException($"internal error: breakpoint {breakBefore} does not increase");
                if (count >= maxPieces)
                    throw new LimitExceededException($"the function has more than {maxPieces} affine pieces, the limit of this computation");
                if (count > breaks.Length) Array.Resize(ref breaks, Math.Max(4, 2 * breaks.Length));
                breaks[count - 1] = breakBefore;
            }
            if (count == slopes.Length)
            {
                Array.Resize(ref slopes, 2 * slopes.Length);
                Array.Resize(ref intercepts, 2 * intercepts.Length);
            }
            slopes[count] = slope;
            intercepts[count] = intercept;
            count++;
        }

        public PiecewiseLinear Build(Rational? start, Rational? end) =>
            new(start, end, breaks[..(count - 1)], slopes[..count], intercepts[..count]);
    }
}
