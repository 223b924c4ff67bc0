using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.LinearAlgebra;

/// <summary>
/// The mask expectations that dropout, DropBlock and DropConnect rest on, against the closed form
/// E_z ‖y − θ⁻¹ Σ_k z_k C_k‖² = ‖y − Σ_k C_k‖² + (1/θ − 1) Σ_k ‖C_k‖² for z_k i.i.d. Bernoulli(θ) (expand the square:
/// E z_k = θ, E z_k z_l = θ² for k ≠ l and θ for k = l), and against the definition summed mask by mask. The instances
/// are chosen to reach every path of the walks: one mask range and 64 (r ≥ 14), refresh blocks (2^r > 256), machine and big
/// integers, different denominators in y and in C, zero and orthogonal contributions, θ = 1 (issue 9, item 13).
/// </summary>
public class MaskExpectationTests
{
    private static Fraction F(long n, long d = 1) => new(n, d);

    /// <summary>Contributions with small rational entries, different denominators in the target (3) and contributions (7).</summary>
    private static ExactContributions Instance(int entries, int width, ulong seed, long scale = 1)
    {
        var rng = new SplitMix64(seed);
        long Next() => (long)(rng.NextUInt64() % 9) - 4;
        var target = Enumerable.Range(0, entries).Select(_ => F(Next(), 3) * F(scale)).ToArray();
        var c = ExactMatrix.Create(entries, width, (_, _) => F(Next(), 7) * F(scale));
        return new ExactContributions(target, c);
    }

    private static Fraction ClosedForm(ExactContributions c, Fraction theta)
    {
        var e = Fraction.Zero;
        for (var t = 0; t < c.Entries; t++)
        {
            var residual = c.Target[t];
            for (var k = 0; k < c.Width; k++) residual -= c.Contributions[t, k];
            e += residual * residual;
        }
        var diagonal = Fraction.Zero;
        for (var k = 0; k < c.Width; k++)
            for (var t = 0; t < c.Entries; t++) diagonal += c.Contributions[t, k] * c.Contributions[t, k];
        return e + (Fraction.One / theta - Fraction.One) * diagonal;
    }

    /// <summary>The definition: Σ_z θ^|z| (1 − θ)^(r − |z|) ‖y − θ⁻¹ Σ_{k∈z} C_k‖², mask by mask.</summary>
    private static Fraction ByDefinition(ExactContributions c, Fraction theta)
    {
        var e = Fraction.Zero;
        for (var mask = 0; mask < 1 << c.Width; mask++)
        {
            var weight = Fraction.One;
            for (var k = 0; k < c.Width; k++) weight *= ((mask >> k) & 1) == 1 ? theta : Fraction.One - theta;
            var loss = Fraction.Zero;
            for (var t = 0; t < c.Entries; t++)
            {
                var residual = c.Target[t];
                for (var k = 0; k < c.Width; k++)
                    if (((mask >> k) & 1) == 1) residual -= c.Contributions[t, k] / theta;
                loss += residual * residual;
            }
            e += weight * loss;
        }
        return e;
    }

    public static TheoryData<int, int, long, long> Thetas => new()
    {
        { 0, 3, 1, 3 }, { 1, 2, 1, 2 }, { 2, 4, 1, 1 }, { 3, 5, 7, 10 }, { 5, 3, 1, 3 }, { 6, 2, 2, 3 },
    };

    [Theory]
    [MemberData(nameof(Thetas))]
    public void Exact_enumeration_is_the_definition_mask_by_mask(int width, int entries, long thetaNumerator, long thetaDenominator)
    {
        var theta = F(thetaNumerator, thetaDenominator);
        var c = Instance(entries, width, (ulong)(width * 31 + entries));
        var expected = ByDefinition(c, theta);
        Assert.Equal(expected, ExactMaskEnumeration.Expectation(c, theta));
        Assert.Equal(expected, ClosedForm(c, theta));
        Assert.Equal(expected, ExactMaskEnumeration.ExpectationByComponents(c, theta));
    }

    [Theory]
    [InlineData(9, 1, 3)]   // 512 masks: two refresh blocks of the walk
    [InlineData(13, 1, 2)]  // the last width walked as one range
    [InlineData(14, 2, 5)]  // 64 mask ranges
    [InlineData(15, 1, 1)]  // θ = 1: only the full mask has weight
    public void Exact_enumeration_is_the_closed_form_at_every_walk_layout(int width, long thetaNumerator, long thetaDenominator)
    {
        var theta = F(thetaNumerator, thetaDenominator);
        var c = Instance(3, width, (ulong)width);
        Assert.Equal(ClosedForm(c, theta), ExactMaskEnumeration.Expectation(c, theta));
    }

    [Theory]
    [InlineData(4, 1L << 55)]          // scaled sums beyond Int128 per refresh block: the big-integer walk
    [InlineData(14, 1L << 55)]         // the big-integer walk over 2^14 masks
    [InlineData(3, 1L << 62)]          // entries of p beyond a long
    [InlineData(12, 3_000_000_000L)]   // products beyond a long, sums within Int128: the machine-integer walk
    public void Huge_entries_are_exact(int width, long scale)
    {
        var theta = F(2, 3);
        var c = Instance(4, width, 5, scale);
        var expected = ClosedForm(c, theta);
        Assert.Equal(expected, ExactMaskEnumeration.Expectation(c, theta));
        // Homogeneity: scaling y and every C_k by s scales the expectation by s².
        var small = Instance(4, width, 5);
        Assert.Equal(ExactMaskEnumeration.Expectation(small, theta) * F(scale) * F(scale), expected);
    }

    [Fact]
    public void Entries_with_long_denominators_are_exact()
    {
        // Denominators whose common multiple exceeds 2⁶³: every scaled entry needs a big integer.
        var target = new[] { F(1, 1_000_000_007), F(-2, 998_244_353) };
        var c = ExactMatrix.Create(2, 3, (t, k) => F(t + k + 1, 1_000_000_009L + 2 * k));
        var contributions = new ExactContributions(target, c);
        var theta = F(1, 3);
        Assert.Equal(ByDefinition(contributions, theta), ExactMaskEnumeration.Expectation(contributions, theta));
    }

    [Fact]
    public void Sums_beyond_Int128_stay_exact()
    {
        // 8 entries, 3 contributions of 2⁶¹ each: p fits a long (3·2⁶¹ < 2⁶³), but Σ p∘p for the full mask is
        // 8·(3·2⁶¹)² ≈ 2^128.2 and Σ y∘p with y_t = 2⁶² is 8·2⁶²·3·2⁶¹ ≈ 2^127.6, both beyond Int128: only big integers are exact.
        var big = F(1L << 61);
        var c = new ExactContributions(Enumerable.Repeat(F(1L << 62), 8).ToArray(), ExactMatrix.Create(8, 3, (_, _) => big));
        var theta = F(1, 2);
        Assert.Equal(ByDefinition(c, theta), ExactMaskEnumeration.Expectation(c, theta));
        // A target beyond a long (2⁶⁴ + 1) with small contributions.
        var wide = new ExactContributions([F(1) + F(1L << 62) * F(4), F(-3)], ExactMatrix.Create(2, 3, (t, k) => F(t + k + 1)));
        Assert.Equal(ByDefinition(wide, theta), ExactMaskEnumeration.Expectation(wide, theta));
    }

    /// <summary>
    /// C₀ = e₁, C₁ = e₁ + e₂, C₂ = e₃ + e₄, C₃ = 0, C₄ = e₃ − e₄ (orthogonal to C₂ although they share entries), C₅ = 2e₃ + 2e₄.
    /// Interacting components: {0, 1}, {2, 5}, {4}; C₃ is in none.
    /// </summary>
    private static ExactContributions Structured()
    {
        long[,] columns = { { 1, 1, 0, 0, 0, 0 }, { 0, 1, 0, 0, 0, 0 }, { 0, 0, 1, 0, 1, 2 }, { 0, 0, 1, 0, -1, 2 } };
        return new ExactContributions([F(1), F(-1, 2), F(2), F(1, 5)], ExactMatrix.Create(4, 6, (t, k) => F(columns[t, k])));
    }

    [Fact]
    public void Interacting_components_follow_exact_inner_products()
    {
        var c = Structured();
        var components = ExactMaskEnumeration.Components(c).Select(x => string.Join(",", x)).OrderBy(x => x).ToArray();
        Assert.Equal(["0,1", "2,5", "4"], components);
        var theta = F(3, 7);
        var expected = ByDefinition(c, theta);
        Assert.Equal(expected, ExactMaskEnumeration.ExpectationByComponents(c, theta));
        Assert.Equal(expected, ExactMaskEnumeration.Expectation(c, theta));
    }

    [Fact]
    public void Components_make_widths_beyond_the_limit_enumerable()
    {
        // 30 contributions on 30 separate entries: components of width 1, so 30 > 24 is no obstacle by components.
        var c = new ExactContributions(Enumerable.Range(0, 30).Select(t => F(t % 5 - 2)).ToArray(),
            ExactMatrix.Create(30, 30, (t, k) => t == k ? F(k % 3 + 1, 2) : Fraction.Zero));
        var theta = F(1, 4);
        Assert.Equal(ClosedForm(c, theta), ExactMaskEnumeration.ExpectationByComponents(c, theta));
        var e = Assert.Throws<EnumerationLimitException>(() => ExactMaskEnumeration.Expectation(c, theta));
        Assert.Contains("r = 30", e.Message);
        Assert.Contains("r ≤ 24", e.Message);
        Assert.Contains("--monte-carlo", e.Message);
    }

    [Fact]
    public void The_exact_width_limit_is_24()
    {
        ExactMaskEnumeration.CheckWidth(24);
        Assert.Throws<EnumerationLimitException>(() => ExactMaskEnumeration.CheckWidth(25));
        // 25 contributions that all share the first entry form one component of 25 > 24.
        var c = new ExactContributions([F(1)], ExactMatrix.Create(1, 25, (_, _) => F(1)));
        var e = Assert.Throws<EnumerationLimitException>(() => ExactMaskEnumeration.ExpectationByComponents(c, F(1, 2)));
        Assert.Contains("group of 25 > 24", e.Message);
    }

    [Fact]
    public void Blocks_sum_their_contributions()
    {
        var c = Instance(3, 6, 11);
        var blocks = c.Aggregate(2);
        Assert.Equal(3, blocks.Width);
        for (var t = 0; t < 3; t++)
            for (var g = 0; g < 3; g++)
                Assert.Equal(c.Contributions[t, 2 * g] + c.Contributions[t, 2 * g + 1], blocks.Contributions[t, g]);
        Assert.Equal(c.Target, blocks.Target);
        Assert.Throws<ArgumentException>(() => c.Aggregate(0));
        Assert.Contains("does not divide the width 6", Assert.Throws<ArgumentException>(() => c.Aggregate(4)).Message);
        Assert.Equal(1, c.Aggregate(6).Width);
        // Blocks of one are the contributions themselves.
        var ones = c.Aggregate(1);
        Assert.Equal(6, ones.Width);
        for (var t = 0; t < 3; t++)
            for (var k = 0; k < 6; k++) Assert.Equal(c.Contributions[t, k], ones.Contributions[t, k]);
    }

    [Fact]
    public void Rank_one_units_are_outer_products_read_row_major()
    {
        // Y is 2×3 (not square), U 2×2, W 3×2: contribution k at entry (i, j) is U_ik W_jk, entry t = 3i + j.
        var y = ExactMatrix.Create(2, 3, (i, j) => F(10 * i + j));
        var u = ExactMatrix.Create(2, 2, (i, k) => F(i + 2 * k + 1));
        var w = ExactMatrix.Create(3, 2, (j, k) => F(j - k, 2));
        var c = ExactContributions.OfUnits(y, u, w);
        Assert.Equal(6, c.Entries);
        Assert.Equal(2, c.Width);
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(y[i, j], c.Target[3 * i + j]);
                for (var k = 0; k < 2; k++) Assert.Equal(u[i, k] * w[j, k], c.Contributions[3 * i + j, k]);
            }
        Assert.Contains("mismatched shapes", Assert.Throws<ArgumentException>(() => ExactContributions.OfUnits(y, u, ExactMatrix.Create(2, 2, (_, _) => F(1)))).Message);
        Assert.Throws<ArgumentException>(() => ExactContributions.OfUnits(y, ExactMatrix.Create(3, 2, (_, _) => F(1)), w));
        Assert.Throws<ArgumentException>(() => ExactContributions.OfUnits(y, u, ExactMatrix.Create(3, 1, (_, _) => F(1))));
    }

    // ---- floating point: GramTerms and the Gray-code walk -------------------------------------------------------------

    private static (Matrix<double> Y, Matrix<double> U, Matrix<double> W) Units(int m, int n, int d, ulong seed)
    {
        var rng = new SplitMix64(seed);
        double Next() => Math.Round(rng.NextDouble() * 8 - 4, 2);
        return (Matrix<double>.Build.Dense(m, n, (_, _) => Next()), Matrix<double>.Build.Dense(m, d, (_, _) => Next()),
            Matrix<double>.Build.Dense(n, d, (_, _) => Next()));
    }

    /// <summary>‖Y − U Wᵀ‖² + (1/θ − 1) Σ_k ‖u_k‖² ‖w_k‖², from the matrices.</summary>
    private static double ClosedForm(Matrix<double> y, Matrix<double> u, Matrix<double> w, double theta)
    {
        var residual = (y - u * w.Transpose()).FrobeniusNorm();
        var diagonal = 0.0;
        for (var k = 0; k < u.ColumnCount; k++)
            diagonal += u.Column(k).DotProduct(u.Column(k)) * w.Column(k).DotProduct(w.Column(k));
        return residual * residual + (1 / theta - 1) * diagonal;
    }

    [Fact]
    public void Gram_terms_of_units_are_inner_products()
    {
        var (y, u, w) = Units(3, 4, 3, 7);
        var g = GramTerms.OfUnits(y, u, w);
        Assert.Equal(3, g.Width);
        Assert.Equal(y.FrobeniusNorm() * y.FrobeniusNorm(), g.TargetNormSquared, 12);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(u.Column(k) * y * w.Column(k), g.Alignment[k], 12);
            for (var l = 0; l < 3; l++)
                Assert.Equal(u.Column(k).DotProduct(u.Column(l)) * w.Column(k).DotProduct(w.Column(l)), g.Gram[k * 3 + l], 12);
        }
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 0.3)]
    [InlineData(5, 0.9)]
    [InlineData(9, 0.5)]   // two refresh blocks
    [InlineData(13, 0.25)]
    [InlineData(14, 0.6)]  // 64 mask ranges
    [InlineData(16, 1.0)]
    public void The_Gray_code_walk_is_the_closed_form(int d, double theta)
    {
        var (y, u, w) = Units(4, 3, d, (ulong)(d + 100));
        var expected = ClosedForm(y, u, w, theta);
        var g = GramTerms.OfUnits(y, u, w);
        Assert.Equal(expected, GrayCodeEnumeration.Expectation(g, theta), 1e-9 * Math.Max(1, expected));
        Assert.Equal(expected, GrayCodeEnumeration.ExpectationByComponents(g, theta), 1e-9 * Math.Max(1, expected));
    }

    [Fact]
    public void The_floating_walk_agrees_with_the_exact_walk_mask_by_mask()
    {
        // Small integers: every Gram term and loss is exact in doubles, so the floating walk must agree to the last bits.
        foreach (var (width, theta) in new[] { (3, 0.5), (6, 0.25), (10, 0.75) })
        {
            var c = Instance(3, width, (ulong)width + 40);
            var target = c.Target.Select(x => x * F(3)).ToArray();
            var contributions = ExactMatrix.Create(3, width, (t, k) => c.Contributions[t, k] * F(7));
            var exact = new ExactContributions(target, contributions);
            var a = new double[width];
            var g = new double[width * width];
            for (var k = 0; k < width; k++)
            {
                for (var t = 0; t < 3; t++) a[k] += Exact.ToDouble(target[t] * contributions[t, k]);
                for (var l = 0; l < width; l++)
                    for (var t = 0; t < 3; t++) g[k * width + l] += Exact.ToDouble(contributions[t, k] * contributions[t, l]);
            }
            var y2 = target.Sum(x => Exact.ToDouble(x * x));
            var expected = Exact.ToDouble(ExactMaskEnumeration.Expectation(exact, Exact.FromDouble(theta)));
            Assert.Equal(expected, GrayCodeEnumeration.Expectation(new GramTerms(y2, a, g, width), theta), 1e-12 * expected);
        }
    }

    private static GramTerms StructuredTerms()
    {
        // Contributions e₁, e₁ + e₂, e₃ + e₄, 0, e₃ − e₄, 2e₃ + 2e₄ against y = (1, −½, 2, ⅕), as in Structured().
        var c = Structured();
        var w = c.Width;
        var a = new double[w];
        var g = new double[w * w];
        for (var k = 0; k < w; k++)
        {
            for (var t = 0; t < c.Entries; t++) a[k] += Exact.ToDouble(c.Target[t] * c.Contributions[t, k]);
            for (var l = 0; l < w; l++)
                for (var t = 0; t < c.Entries; t++) g[k * w + l] += Exact.ToDouble(c.Contributions[t, k] * c.Contributions[t, l]);
        }
        return new GramTerms(c.Target.Sum(x => Exact.ToDouble(x * x)), a, g, w);
    }

    [Fact]
    public void Gram_components_are_the_exact_components()
    {
        var g = StructuredTerms();
        var components = g.Components().Select(x => string.Join(",", x)).OrderBy(x => x).ToArray();
        Assert.Equal(["0,1", "2,5", "4"], components);
        Assert.Equal(2, GrayCodeEnumeration.WidestComponent(g));
        Assert.Equal(0, GrayCodeEnumeration.WidestComponent(new GramTerms(1, new double[3], new double[9], 3)));
        var expected = Exact.ToDouble(ByDefinition(Structured(), F(3, 7)));
        Assert.Equal(expected, GrayCodeEnumeration.ExpectationByComponents(g, 3.0 / 7), 1e-12 * expected);
        Assert.Equal(expected, GrayCodeEnumeration.Expectation(g, 3.0 / 7), 1e-12 * expected);
    }

    [Fact]
    public void Restricting_keeps_the_chosen_terms_and_drops_the_target()
    {
        var g = StructuredTerms();
        var r = g.Restrict([5, 2]);
        Assert.Equal(0, r.TargetNormSquared);
        Assert.Equal(2, r.Width);
        Assert.Equal([g.Alignment[5], g.Alignment[2]], r.Alignment);
        Assert.Equal([g.Gram[5 * 6 + 5], g.Gram[5 * 6 + 2], g.Gram[2 * 6 + 5], g.Gram[2 * 6 + 2]], r.Gram);
    }

    [Fact]
    public void Gram_blocks_sum_their_units_terms()
    {
        var (y, u, w) = Units(3, 3, 6, 21);
        var g = GramTerms.OfUnits(y, u, w);
        var blocks = g.Aggregate(3);
        Assert.Equal(2, blocks.Width);
        Assert.Equal(g.TargetNormSquared, blocks.TargetNormSquared);
        // A block is the single contribution U_g W_gᵀ of its columns.
        var u0 = u.SubMatrix(0, 3, 0, 3);
        var w0 = w.SubMatrix(0, 3, 0, 3);
        var u1 = u.SubMatrix(0, 3, 3, 3);
        var w1 = w.SubMatrix(0, 3, 3, 3);
        Assert.Equal((y.Transpose() * u0 * w0.Transpose()).Trace(), blocks.Alignment[0], 10);
        Assert.Equal((y.Transpose() * u1 * w1.Transpose()).Trace(), blocks.Alignment[1], 10);
        Assert.Equal(((u0 * w0.Transpose()).Transpose() * (u1 * w1.Transpose())).Trace(), blocks.Gram[1], 10);
        Assert.Equal(((u1 * w1.Transpose()).Transpose() * (u0 * w0.Transpose())).Trace(), blocks.Gram[2], 10);
        Assert.Equal(Math.Pow((u1 * w1.Transpose()).FrobeniusNorm(), 2), blocks.Gram[3], 10);
        Assert.Throws<ArgumentException>(() => g.Aggregate(0));
        Assert.Contains("does not divide the width 6", Assert.Throws<ArgumentException>(() => g.Aggregate(4)).Message);
        // Blocks of one are the units themselves.
        var ones = g.Aggregate(1);
        Assert.Equal(g.Alignment, ones.Alignment);
        Assert.Equal(g.Gram, ones.Gram);
    }

    [Fact]
    public void The_floating_width_limit_is_28()
    {
        GrayCodeEnumeration.CheckWidth(28);
        var e = Assert.Throws<EnumerationLimitException>(() => GrayCodeEnumeration.CheckWidth(29));
        Assert.Contains("r ≤ 28", e.Message);
        Assert.Contains("--monte-carlo", e.Message);
        GrayCodeEnumeration.CheckComponentWidth(28, 40);
        Assert.Contains("group of 29 > 28", Assert.Throws<EnumerationLimitException>(() => GrayCodeEnumeration.CheckComponentWidth(29, 40)).Message);
        // 29 units that all interact: one component beyond the limit.
        var (y, u, w) = Units(2, 2, 29, 3);
        var wide = GramTerms.OfUnits(y, u, w);
        Assert.Contains("interacting group of 29 > 28",
            Assert.Throws<EnumerationLimitException>(() => GrayCodeEnumeration.ExpectationByComponents(wide, 0.5)).Message);
        Assert.Contains("r = 29", Assert.Throws<EnumerationLimitException>(() => GrayCodeEnumeration.Expectation(wide, 0.5)).Message);
        // 40 orthogonal contributions (disjoint supports): 40 components of width 1.
        var n = 40;
        var a = Enumerable.Range(0, n).Select(k => (double)(k % 3)).ToArray();
        var gram = new double[n * n];
        for (var k = 0; k < n; k++) gram[k * n + k] = k % 4 + 1;
        var terms = new GramTerms(10, a, gram, n);
        // ‖y‖² − 2 Σ a + Σ_k G_kk / θ with no cross terms.
        var expected = 10 - 2 * a.Sum() + Enumerable.Range(0, n).Sum(k => gram[k * n + k]) / 0.4;
        Assert.Equal(expected, GrayCodeEnumeration.ExpectationByComponents(terms, 0.4), 1e-12 * Math.Abs(expected));
    }

    [Fact]
    public void The_rounding_chain_covers_formation_re_formation_and_a_refresh_block()
    {
        foreach (var (f, r) in new[] { (0, 0), (3, 5), (10, 28) })
            Assert.True(GrayCodeEnumeration.Chain(f, r) >= f + r + GrayCodeEnumeration.RefreshInterval);
        Assert.True(GrayCodeEnumeration.Chain(0, 10) > GrayCodeEnumeration.Chain(0, 9));
        Assert.True(GrayCodeEnumeration.Chain(4, 10) > GrayCodeEnumeration.Chain(3, 10));
    }

    // ---- Monte Carlo ----------------------------------------------------------------------------------------------------

    [Fact]
    public void The_empirical_Bernstein_interval_is_Maurer_and_Pontils()
    {
        // n = 10, M2 = 9 (sample variance 1), δ = 4/e² so ln(4/δ) = 2, B = 3:
        // half-width = √(2·1·2/10) + 7·3·2/(3·9) = √0.4 + 14/9.
        var delta = 4 / Math.Exp(2);
        var (lower, upper) = MaskMonteCarlo.Interval(5, 9, 10, 3, delta);
        var half = Math.Sqrt(0.4) + 14.0 / 9;
        Assert.Equal(5 - half, lower, 12);
        Assert.Equal(5 + half, upper, 12);
        Assert.Equal((double.NegativeInfinity, double.PositiveInfinity), MaskMonteCarlo.Interval(5, 0, 1, 3, delta));
        var (l2, u2) = MaskMonteCarlo.Interval(5, 0, 2, 3, delta);
        Assert.Equal(5 - 14.0, l2, 12);
        Assert.Equal(5 + 14.0, u2, 12);
    }

    [Fact]
    public void An_estimate_reports_its_interval()
    {
        var e = new MonteCarloEstimate(2, 1, 4, 100, 1e-9);
        Assert.Equal(1.5, e.HalfWidth);
        Assert.True(e.Contains(1) && e.Contains(4) && e.Contains(2.5));
        Assert.False(e.Contains(0.999) || e.Contains(4.001));
        Assert.Equal(0, e.Distance(3));
        Assert.Equal(0.5, e.Distance(0.5), 12);
        Assert.Equal(2, e.Distance(6), 12);
    }

    /// <summary>An upper bound on every mask's loss: (‖Y‖ + θ⁻¹ Σ_k ‖C_k‖)².</summary>
    private static double Bound(Matrix<double> y, Matrix<double> u, Matrix<double> w, double theta)
    {
        var sum = 0.0;
        for (var k = 0; k < u.ColumnCount; k++) sum += u.Column(k).L2Norm() * w.Column(k).L2Norm();
        return Math.Pow(y.FrobeniusNorm() + sum / theta, 2);
    }

    [Theory]
    [InlineData(5, 0.5, 1UL)]
    [InlineData(12, 0.3, 2UL)]
    [InlineData(40, 0.8, 3UL)]
    public void The_Monte_Carlo_interval_contains_the_expectation(int d, double theta, ulong seed)
    {
        var (y, u, w) = Units(3, 3, d, seed + 50);
        var expected = ClosedForm(y, u, w, theta);
        var g = GramTerms.OfUnits(y, u, w);
        var bound = Bound(y, u, w, theta);
        var estimate = MaskMonteCarlo.Expectation(g, theta, bound, seed, maxSamples: 100_000);
        Assert.True(estimate.Contains(expected), $"{expected} outside [{estimate.Lower}, {estimate.Upper}]");
        Assert.True(estimate.Samples is > 0 and <= 100_000);
        // The interval is not vacuous: it is far narrower than the range [0, B] of the losses.
        Assert.True(estimate.HalfWidth < 0.05 * bound, $"half-width {estimate.HalfWidth} against B = {bound}");
        Assert.Equal(estimate, MaskMonteCarlo.Expectation(g, theta, bound, seed, maxSamples: 100_000));
    }

    [Fact]
    public void Sampling_stops_at_the_budget_or_at_the_width()
    {
        var (y, u, w) = Units(3, 3, 6, 9);
        var g = GramTerms.OfUnits(y, u, w);
        var bound = Bound(y, u, w, 0.5);
        // A budget that is not a multiple of the batch: the last batch is partial.
        var capped = MaskMonteCarlo.Expectation(g, 0.5, bound, 1, maxSamples: 5000, relativeWidth: 1e-12);
        Assert.Equal(5000, capped.Samples);
        // A width that the first batch already reaches: one batch.
        var loose = MaskMonteCarlo.Expectation(g, 0.5, bound, 1, maxSamples: 100_000, relativeWidth: 10);
        Assert.Equal(4096, loose.Samples);
        Assert.True(loose.HalfWidth <= 10 * bound);
        // Different seeds draw different masks.
        Assert.NotEqual(capped.Estimate, MaskMonteCarlo.Expectation(g, 0.5, bound, 2, maxSamples: 5000, relativeWidth: 1e-12).Estimate);
    }

    [Fact]
    public void With_theta_one_every_mask_keeps_every_unit()
    {
        var (y, u, w) = Units(3, 2, 4, 13);
        var g = GramTerms.OfUnits(y, u, w);
        var expected = Math.Pow((y - u * w.Transpose()).FrobeniusNorm(), 2);
        var estimate = MaskMonteCarlo.Expectation(g, 1, Bound(y, u, w, 1), 4, maxSamples: 2000);
        Assert.Equal(expected, estimate.Estimate, 1e-10 * expected);
        Assert.Equal(2000, estimate.Samples);
        // Every loss is the same, so the sample variance is 0 and the interval is only Bernstein's range term 7B·ln(4/δ)/(3(n − 1)).
        var bound = Bound(y, u, w, 1);
        var range = 7 * bound * Math.Log(4 / MaskMonteCarlo.DefaultDelta) / (3.0 * 1999);
        Assert.Equal(range, estimate.HalfWidth, 1e-9 * range);
    }
}
