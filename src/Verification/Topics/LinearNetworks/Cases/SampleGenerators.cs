using FsCheck;
using FsCheck.Fluent;
using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Generators;
using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>
/// Generators of the samples behind linear-network instances: rational orthogonal matrices (Cayley transforms of small
/// skew-symmetric matrices, the identity mixed in), samples with a prescribed rational eigen-structure
/// (<see cref="RationalInstances"/>), and Gaussian samples for floating-point instances.
/// </summary>
public static class SampleGenerators
{
    private static readonly Fraction[] SkewEntries =
        [Fraction.Zero, Fraction.Zero, Fraction.Zero, new(1, 2), new(-1, 2), Fraction.One, Fraction.MinusOne, new(2), new(-2), new(1, 3)];

    private static readonly Fraction[] NonzeroEntries = [Fraction.One, Fraction.MinusOne, new(2), new(-2), new(1, 2), new(-1, 2), new(3, 2), new(-3, 2)];

    /// <summary>Distinct magnitudes c_i = |m_i a_i| (eigenvalues c_i²/N of Σ).</summary>
    private static readonly Fraction[] Magnitudes = [new(1, 2), Fraction.One, new(3, 2), new(2), new(5, 2), new(3), new(4)];

    public static Gen<Fraction> Nonzero { get; } = Gen.Elements(NonzeroEntries);

    public static Gen<ExactMatrix> Skew(int n) =>
        Gen.ArrayOf(Gen.Elements(SkewEntries), n * n).Select(e => ExactMatrix.Create(n, n, (i, j) => i < j ? e[i * n + j] : i > j ? -e[j * n + i] : Fraction.Zero));

    public static Gen<ExactMatrix> Orthogonal(int n) =>
        Gen.Frequency((1, Gen.Constant(ExactLinearAlgebra.Identity(n))), (4, Skew(n).Select(ExactLinearAlgebra.Cayley)));

    public static Gen<ExactMatrix> SmallRationals(int rows, int columns) =>
        Gen.ArrayOf(Rationals.Small(2, 3), rows * columns).Select(e => ExactMatrix.Create(rows, columns, (i, j) => e[i * columns + j]));

    /// <summary>k distinct magnitudes, in random order.</summary>
    public static Gen<Fraction[]> DistinctMagnitudes(int k) =>
        Gen.Shuffle(Magnitudes).Select(s => s.Take(k).ToArray());

    /// <summary>k magnitudes with a tie across the cut: c[cut − 1] = c[cut] are the two largest (so λ_{cut} = λ_{cut+1} in sorted order).</summary>
    public static Gen<Fraction[]> TiedAtCut(int k, int cut) =>
        DistinctMagnitudes(k).Select(c =>
        {
            var sorted = c.OrderByDescending(x => x).ToArray();
            if (cut >= 1 && cut < k) sorted[cut] = sorted[cut - 1];
            return sorted;
        });

    /// <summary>
    /// Samples with Σ = Q diag(c_i²/N) Qᵀ: X = P[diag(a) 0]Wᵀ, Y = Q M Pᵀ X + noise orthogonal to X's rows (N ≥ n₀), with
    /// m_i = ±c_i/a_i for i &lt; min(n₀, n_L); a zero magnitude gives a zero eigenvalue (lower rank YXᵀ).
    /// </summary>
    public static Gen<RationalSamples> Structured(int n0, int outputs, int samples, IReadOnlyList<Fraction> magnitudes) =>
        from p in Orthogonal(n0)
        from w in Orthogonal(samples)
        from q in Orthogonal(outputs)
        from a in Gen.ArrayOf(Nonzero, n0)
        from signs in Gen.ArrayOf(Gen.Elements(1, -1), magnitudes.Count)
        from noise in SmallRationals(outputs, samples - n0)
        let m = magnitudes.Select((c, i) => signs[i] * c / a[i]).ToArray()
        select RationalInstances.Build(p, w, a, q, m, noise);

    /// <summary>Gaussian samples X (n₀×N) and Y (n_L×N), read exactly as rationals.</summary>
    public static Gen<(ExactMatrix X, ExactMatrix Y)> Gaussian(int n0, int outputs, int samples) =>
        from x in Matrices.Gaussian(n0, samples)
        from y in Matrices.Gaussian(outputs, samples)
        select (ExactMatrix.FromDoubles(x), ExactMatrix.FromDoubles(y));

    /// <summary>Small rational samples (entries p/q with |p| ≤ 2, q ≤ 3): no designed structure.</summary>
    public static Gen<(ExactMatrix X, ExactMatrix Y)> SmallRational(int n0, int outputs, int samples) =>
        from x in SmallRationals(n0, samples)
        from y in SmallRationals(outputs, samples)
        select (x, y);

    public static Gen<ulong> Seed { get; } = Gen.Choose(0, int.MaxValue).Select(k => (ulong)k);

    /// <summary>Exact matrix shrinking: a row or a column fewer, then every entry rounded to an integer, then one entry at 0.</summary>
    public static ExactMatrix RemoveRow(ExactMatrix m, int row) => ExactMatrix.Create(m.RowCount - 1, m.ColumnCount, (i, j) => m[i < row ? i : i + 1, j]);

    public static ExactMatrix RemoveColumn(ExactMatrix m, int column) => ExactMatrix.Create(m.RowCount, m.ColumnCount - 1, (i, j) => m[i, j < column ? j : j + 1]);

    public static IEnumerable<ExactMatrix> SimplerEntries(ExactMatrix m)
    {
        var rounded = ExactMatrix.Create(m.RowCount, m.ColumnCount, (i, j) => new Fraction(Fraction.RoundToBigInteger(m[i, j])));
        if (!rounded.EqualTo(m)) yield return rounded;
        for (var i = 0; i < m.RowCount; i++)
            for (var j = 0; j < m.ColumnCount; j++)
                foreach (var x in Simpler(m[i, j]))
                {
                    var (r, c) = (i, j);
                    yield return ExactMatrix.Create(m.RowCount, m.ColumnCount, (a, b) => a == r && b == c ? x : m[a, b]);
                }
    }

    /// <summary>0, the sign, the nearest integer, the absolute value and the nearest multiple of 1/4, when simpler than x.</summary>
    public static IEnumerable<Fraction> Simpler(Fraction x)
    {
        if (x.IsZero) yield break;
        var candidates = new[]
        {
            Fraction.Zero, x > Fraction.Zero ? Fraction.One : Fraction.MinusOne, new Fraction(Fraction.RoundToBigInteger(x)),
            Fraction.Abs(x), new Fraction(Fraction.RoundToBigInteger(4 * x), 4),
        };
        foreach (var c in candidates.Distinct())
            if (c != x) yield return c;
    }

    /// <summary>An exact matrix shown as it was given: rationals for exact instances, doubles for floating ones.</summary>
    public static Reporting.Value Show(ExactMatrix m, bool exact) => exact ? Reporting.Value.Of(m) : Reporting.Value.Of(m.ToDouble());

    public static Matrix<double> ToDoubles(ExactMatrix m) => m.ToDouble();
}
