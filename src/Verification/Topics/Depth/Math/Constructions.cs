using System.Numerics;
using Verification.Numerics;

namespace Verification.Topics.Depth;

/// <summary>Telgarsky's sawtooth: the mirror map m(x) = 2ReLU(x) − 4ReLU(x − ½) and its k-fold compositions.</summary>
public static class Sawtooth
{
    /// <summary>The largest k the sawtooth functions build (2^k pieces; k = 22 is about 4 million).</summary>
    public const int MaxK = 22;

    /// <summary>m as a network: one hidden layer of two units, ReLU(x) and ReLU(x − ½), read out by (2, −4).</summary>
    public static ReluNetwork Mirror { get; } = ReluNetwork.FromLayers(
        (ReluNetwork.Column(1, 1), [0, -Rational.Half]),
        (ReluNetwork.Row(2, -4), [0]));

    /// <summary>m_k as one network: k hidden layers of width 2, each unit reading the previous layer's m through (2, −4).</summary>
    public static ReluNetwork Network(int k)
    {
        CheckK(k);
        var layers = new List<(Rational[,], Rational[])> { (ReluNetwork.Column(1, 1), [0, -Rational.Half]) };
        for (var l = 1; l < k; l++) layers.Add((new Rational[,] { { 2, -4 }, { 2, -4 } }, [0, -Rational.Half]));
        layers.Add((ReluNetwork.Row(2, -4), [0]));
        return ReluNetwork.FromLayers(layers.ToArray());
    }

    /// <summary>m on [0, 1], from the network <see cref="Mirror"/>.</summary>
    public static PiecewiseLinear MirrorOnUnitInterval() => Mirror.ToPiecewiseLinear(Rational.Zero, Rational.One);

    /// <summary>
    /// m_k on [0, 1] by the generic composition of piecewise-linear functions: m_j and m_{k−j} are built by composing m with
    /// itself, then m_k = m_j ∘ m_{k−j} (split = j, 1 ≤ j ≤ k; j = 1 is m ∘ m_{k−1}).
    /// </summary>
    public static PiecewiseLinear ByComposition(int k, int split = 1)
    {
        CheckK(k);
        if (split < 1 || split > k) throw new ArgumentException($"the split j must satisfy 1 ≤ j ≤ k = {k}, got {split}");
        var m = MirrorOnUnitInterval();
        PiecewiseLinear Power(int times)
        {
            var f = m;
            for (var i = 1; i < times; i++) f = m.Compose(f);
            return f;
        }
        return split == k ? Power(k) : Power(split).Compose(Power(k - split));
    }

    public static void CheckK(int k)
    {
        if (k < 1) throw new ArgumentException($"k must be at least 1, got {k}");
        if (k > MaxK) throw new LimitExceededException($"k = {k} is above {MaxK}: the sawtooth m_k has 2^k pieces (2^{MaxK} is about 4 million pieces, about a GB in exact arithmetic)");
    }
}

/// <summary>
/// Montúfar et al.'s folding construction in one input dimension. A folding layer of width n maps [0, 1] onto itself by a
/// zigzag with n pieces of slopes ±n: units ReLU(y − j/n), j = 0..n−1, read out by a = (n, −2n, 2n, −2n, …). After L − 1
/// folding layers, [0, 1] is covered n^{L−1} times; a last hidden layer of n units with breakpoints t_1 &lt; … &lt; t_n
/// in (0, 1) — ReLU(t_1 − y) and ReLU(y − t_j) for j ≥ 2 — read out by nonzero weights v makes n + 1 pieces on every copy,
/// none of which merge across copies because the end slopes are nonzero. Total: n^{L−1}(n + 1) pieces on [0, 1], the
/// lower bound of Montúfar et al. (2014) for one input.
/// </summary>
public static class Folding
{
    /// <summary>The readout a of a folding layer of width n: a_0 = n, then −2n, 2n, … alternating.</summary>
    public static Rational[] Readout(int n) => Enumerable.Range(0, n).Select(j => (Rational)(j == 0 ? n : (j % 2 == 1 ? -2 * n : 2 * n))).ToArray();

    /// <summary>The default last layer: t_j = j/(n + 1) and v = (1, …, 1).</summary>
    public static (Rational[] Thresholds, Rational[] Weights) DefaultLastLayer(int n) =>
        (Enumerable.Range(1, n).Select(j => Rational.Of(j, n + 1)).ToArray(), Enumerable.Repeat(Rational.One, n).ToArray());

    /// <summary>The folding network of width n and depth L, with the last layer's thresholds t and readout v.</summary>
    public static ReluNetwork Network(int n, int depth, IReadOnlyList<Rational> thresholds, IReadOnlyList<Rational> readout)
    {
        if (n < 1) throw new ArgumentException($"the width n must be at least 1, got {n}");
        if (depth < 1) throw new ArgumentException($"the depth L must be at least 1, got {depth}");
        if (thresholds.Count != n || readout.Count != n) throw new ArgumentException($"the last layer needs {n} thresholds and {n} readout weights");
        for (var j = 0; j < n; j++)
        {
            if (thresholds[j] <= Rational.Zero || thresholds[j] >= Rational.One) throw new ArgumentException($"threshold t_{j + 1} = {thresholds[j]} is not in (0, 1)");
            if (j > 0 && thresholds[j] <= thresholds[j - 1]) throw new ArgumentException("the thresholds must be strictly increasing");
            if (readout[j].IsZero) throw new ArgumentException($"readout weight v_{j + 1} is 0");
        }
        if (n >= 2 && readout.Skip(1).Aggregate(Rational.Zero, (s, v) => s + v).IsZero)
            throw new ArgumentException("the last piece's slope v_2 + … + v_n is 0, so pieces would merge across folds");
        var a = Readout(n);
        var shifts = Enumerable.Range(0, n).Select(j => -Rational.Of(j, n)).ToArray();
        var layers = new List<(Rational[,], Rational[])>();
        // Feeding a layer: from the input x directly (first layer), or from the previous folding layer through the readout a.
        Rational[,] Feed(int l, Func<int, Rational> sign)
        {
            var columns = l == 0 ? 1 : n;
            var w = new Rational[n, columns];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < columns; j++) w[i, j] = sign(i) * (l == 0 ? Rational.One : a[j]);
            return w;
        }
        for (var l = 0; l < depth - 1; l++) layers.Add((Feed(l, _ => Rational.One), shifts));
        var last = Feed(depth - 1, i => i == 0 ? Rational.MinusOne : Rational.One);
        var lastBias = Enumerable.Range(0, n).Select(i => i == 0 ? thresholds[0] : -thresholds[i]).ToArray();
        layers.Add((last, lastBias));
        layers.Add((ReluNetwork.Row(readout.ToArray()), [0]));
        return ReluNetwork.FromLayers(layers.ToArray());
    }

    public static ReluNetwork Network(int n, int depth)
    {
        var (t, v) = DefaultLastLayer(n);
        return Network(n, depth, t, v);
    }
}

/// <summary>A one-hidden-layer network that reaches n + 1 pieces: units ReLU(x − t_i) at distinct t_i, every readout nonzero.</summary>
public static class Shallow
{
    /// <summary>Units ReLU(x − i), i = 0..n−1, read out by alternating signs (−1)^i·(i + 1), so every unit adds a kink.</summary>
    public static ReluNetwork Generic(int n)
    {
        if (n < 1) throw new ArgumentException($"n must be at least 1, got {n}");
        var w1 = ReluNetwork.Column(Enumerable.Repeat(Rational.One, n).ToArray());
        var b1 = Enumerable.Range(0, n).Select(i => (Rational)(-i)).ToArray();
        var v = Enumerable.Range(0, n).Select(i => (Rational)((i % 2 == 0 ? 1 : -1) * (i + 1))).ToArray();
        return ReluNetwork.FromLayers((w1, b1), (ReluNetwork.Row(v), [0]));
    }
}

/// <summary>The piece-count bounds of THEORY.md and the ones the constructions reach, as exact integers.</summary>
public static class PieceBounds
{
    /// <summary>One hidden layer of n units: at most n + 1 pieces.</summary>
    public static BigInteger Shallow(int n) => n + 1;

    /// <summary>L hidden layers of width ≤ w: at most (2w)^L pieces (Telgarsky 2016); 1 for an affine network.</summary>
    public static BigInteger Deep(int width, int depth) => BigInteger.Pow(2 * width, depth);

    /// <summary>
    /// The bound the proof gives: layer ℓ splits each piece of the previous layers' common partition at most once per unit,
    /// so there are at most Π_ℓ (w_ℓ + 1) pieces (≤ (2w)^L, and n + 1 for one layer).
    /// </summary>
    public static BigInteger Partition(IReadOnlyList<int> widths) => widths.Aggregate(BigInteger.One, (p, w) => p * (w + 1));

    /// <summary>Montúfar et al. (2014), one input, L hidden layers of width n: n^{L−1}(n + 1) linear regions.</summary>
    public static BigInteger Montufar(int n, int depth) => BigInteger.Pow(n, depth - 1) * (n + 1);
}
