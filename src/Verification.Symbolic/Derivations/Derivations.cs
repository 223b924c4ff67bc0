using M = Verification.Symbolic.SymbolicMatrix;
using R = Verification.Symbolic.RationalFunction;

namespace Verification.Symbolic.Derivations;

/// <summary>
/// The "Symbolic derivations" of THEORY.md: both sides built from symbolic matrices of small fixed
/// sizes, the expectation over the Bernoulli masks taken exactly, and the difference expanded.
/// θ is the retain probability and λ = (1−θ)/θ. A nonzero difference is a finding and is kept.
/// </summary>
public static class Derivations
{
    private static R Theta => Constants.Theta;
    private static R InverseTheta => Constants.InverseTheta;
    private static R Lambda => Constants.Lambda;

    /// <summary>θ, 1/θ and λ, built on first use: listing the statements and sizes does no algebra.</summary>
    private static class Constants
    {
        internal static readonly R Theta = R.Symbol(Symbols.Theta);
        internal static readonly R InverseTheta = Theta.Reciprocal();
        internal static readonly R Lambda = (R.One - Theta) / Theta;
    }

    private sealed record Entry(string Id, Func<DerivationSize, Derivation> Derive, IReadOnlyList<DerivationSize> Defaults);

    private static readonly Entry[] Catalog =
    [
        new("dropout.expectation", s => DropoutExpectation(s["m"], s["n"], s["r"]),
            [DerivationSize.Of(("m", 2), ("n", 3), ("r", 3))]),
        new("dropout.expectation-with-input", s => DropoutExpectationWithInput(s["m"], s["n"], s["r"], s["N"]),
            [DerivationSize.Of(("m", 2), ("n", 2), ("r", 2), ("N", 3))]),
        new("dropout.sgd-unbiased", s => DropoutSgdUnbiased(s["m"], s["n"], s["r"]),
            [DerivationSize.Of(("m", 2), ("n", 2), ("r", 2))]),
        new("dropblock.expectation", s => DropBlockExpectation(s["m"], s["n"], s["r"], s["b"], DataSamples(s)),
            [DerivationSize.Of(("m", 2), ("n", 2), ("r", 2), ("b", 2), ("N", 2)),
             DerivationSize.Of(("m", 2), ("n", 2), ("r", 2), ("b", 2), ("identityX", 1))]),
        new("dropblock.expectation.as-stated", s => DropBlockExpectationAsStated(s["m"], s["n"], s["r"], s["b"], s.Get("identityX", 0) == 1),
            [DerivationSize.Of(("m", 2), ("n", 2), ("r", 2), ("b", 2), ("N", 2)),
             DerivationSize.Of(("m", 2), ("n", 2), ("r", 2), ("b", 2), ("identityX", 1))]),
        new("dropconnect.output-layer", s => DropConnectOutputLayer(s["m"], s["n"], s["r"], s["N"]),
            [DerivationSize.Of(("m", 2), ("n", 2), ("r", 2), ("N", 2))]),
        new("dropconnect.input-layer", s => DropConnectInputLayer(s["m"], s["n"], s["r"], s["N"]),
            [DerivationSize.Of(("m", 2), ("n", 2), ("r", 2), ("N", 2))]),
        new("linear.risk-trace", s => LinearRiskTrace(s["n0"], s["n1"], s["n2"], s["N"]),
            [DerivationSize.Of(("n0", 3), ("n1", 2), ("n2", 2), ("N", 2))]),
        new("dropout.autoencoder-landscape", s => DropoutAutoencoderLandscape(s["hidden"]),
            [DerivationSize.Of(("hidden", 2))]),
        new("homogeneous.positive-homogeneity", s => PositiveHomogeneity(s["n0"], s["n1"], s["n2"]),
            [DerivationSize.Of(("n0", 2), ("n1", 2), ("n2", 2))]),
    ];

    /// <summary>null-free encoding of "X = I": N = 0 when the size carries identityX = 1.</summary>
    private static int DataSamples(DerivationSize s) => s.Get("identityX", 0) == 1 ? 0 : s["N"];

    private static readonly Lazy<IReadOnlyList<Derivation>> AllDerivations =
        new(() => Catalog.SelectMany(e => e.Defaults.Select(e.Derive)).ToArray());

    /// <summary>The ids, in catalog order.</summary>
    public static IReadOnlyList<string> Ids => Catalog.Select(e => e.Id).ToArray();

    /// <summary>The default sizes of an id (several when a variant such as X = I is also derived).</summary>
    public static IReadOnlyList<DerivationSize> DefaultSizes(string id) => Lookup(id).Defaults;

    /// <summary>Every derivation at its default sizes (computed once).</summary>
    public static IReadOnlyList<Derivation> All => AllDerivations.Value;

    /// <summary>The derivation of <paramref name="id"/> at <paramref name="size"/>.</summary>
    public static Derivation Find(string id, DerivationSize size) => Lookup(id).Derive(size);

    /// <summary>The derivation of <paramref name="id"/> at its first default size.</summary>
    public static Derivation Find(string id) => Find(id, Lookup(id).Defaults[0]);

    /// <summary>
    /// The identity a derivation of <paramref name="id"/> decides at <paramref name="size"/>, in LaTeX, without deriving it
    /// (catalogs list statements; deriving is the work of a check).
    /// </summary>
    public static string Statement(string id, DerivationSize size)
    {
        Lookup(id);
        return Statement(id, size.Get("identityX", 0) == 1);
    }

    /// <summary>The statement of <paramref name="id"/> at its first default size.</summary>
    public static string Statement(string id) => Statement(id, Lookup(id).Defaults[0]);

    /// <summary>The statements, one per id; <paramref name="identityX"/> is the X = I variant of the DropBlock identities.</summary>
    private static string Statement(string id, bool identityX) => id switch
    {
        "dropout.expectation" =>
            @"\mathbb{E}_z \|Y - \theta^{-1} U \operatorname{diag}(z) V^\top\|_F^2 = \|Y - U V^\top\|_F^2 + \lambda \sum_i \|u_i\|^2 \|v_i\|^2",
        "dropout.expectation-with-input" =>
            @"\mathbb{E}_z \|Y - \theta^{-1} U \operatorname{diag}(z) V^\top X\|_F^2 = \|Y - U V^\top X\|_F^2 + \lambda \sum_i \|u_i\|^2 \|X^\top v_i\|^2",
        "dropout.sgd-unbiased" =>
            @"\mathbb{E}_z \nabla_{U,V} \|Y - \theta^{-1} U \operatorname{diag}(z) V^\top\|_F^2 = \nabla_{U,V} \big(\|Y - U V^\top\|_F^2 + \lambda \sum_i \|u_i\|^2 \|v_i\|^2\big)"
            + @" \quad \text{(paired with directions } dU_{ij}, dV_{ij}\text{)}",
        "dropblock.expectation" => identityX
            ? @"\mathbb{E}_w \|Y - \theta^{-1} U (\operatorname{diag}(w) \otimes I_b) V^\top\|_F^2 = \|Y - U V^\top\|_F^2 + \lambda \sum_g \|U_g V_g^\top\|_F^2"
            : @"\mathbb{E}_w \|Y - \theta^{-1} U (\operatorname{diag}(w) \otimes I_b) V^\top X\|_F^2 = \|Y - U V^\top X\|_F^2 + \lambda \sum_g \|U_g V_g^\top X\|_F^2",
        "dropblock.expectation.as-stated" => (identityX
                ? @"\mathbb{E}_w \|Y - \theta^{-1} U (\operatorname{diag}(w) \otimes I_b) V^\top\|_F^2"
                : @"\mathbb{E}_w \|Y - \theta^{-1} U (\operatorname{diag}(w) \otimes I_b) V^\top X\|_F^2")
            + @" = \|Y - U V^\top\|_F^2 + \lambda \sum_g \|U_g\|_F^2 \|V_g\|_F^2",
        "dropconnect.output-layer" =>
            @"\mathbb{E}_M \|Y - (\theta^{-1} M \circ U) V^\top X\|_F^2 = \|Y - U V^\top X\|_F^2 + \lambda \sum_j \|u_j\|^2 \|X^\top v_j\|^2",
        "dropconnect.input-layer" =>
            @"\mathbb{E}_M \|Y - U (\theta^{-1} M \circ V)^\top X\|_F^2 = \|Y - U V^\top X\|_F^2 + \lambda \sum_j \|u_j\|^2 v_j^\top \operatorname{diag}(X X^\top) v_j",
        "linear.risk-trace" =>
            @"\frac{1}{N}\|Y - U V^\top X\|_F^2 = \operatorname{tr}(\Sigma_{yy} - 2\Sigma_{yx} V U^\top + U V^\top \Sigma_{xx} V U^\top)",
        "dropout.autoencoder-landscape" =>
            @"\mathbb{E}_{x,z} \big(x - \theta^{-1} \textstyle\sum_i w_i z_i w_i x\big)^2 = (1 - \|w\|^2)^2 + \lambda \sum_i w_i^4 \quad (\mathbb{E} x^2 = 1)",
        "homogeneous.positive-homogeneity" =>
            @"\varphi(\alpha W^1, \alpha W^2, \alpha W^3) = \alpha^3 \varphi(W^1, W^2, W^3), \quad \varphi(W) = W^3 W^2 W^1 x",
        _ => throw new ArgumentException($"no statement is recorded for derivation id '{id}'", nameof(id)),
    };

    private static Entry Lookup(string id) =>
        Catalog.FirstOrDefault(e => e.Id == id)
        ?? throw new ArgumentException($"Unknown derivation id '{id}'. Known: {string.Join(", ", Catalog.Select(e => e.Id))}.", nameof(id));

    private static BernoulliMasks Masks(IEnumerable<R> symbols) =>
        BernoulliMasks.WithTheta(symbols.SelectMany(s => s.Variables));

    private static R Sum(IEnumerable<R> terms) => terms.Aggregate(R.Zero, (s, t) => s + t);

    private static M Mask(string name, int length) => M.NamedVector(name, length);

    /// <summary>‖Y − UVᵀX‖² + λ Σ_i ‖u_i‖²‖Xᵀv_i‖², the dropout closed form (X = I when x is the identity).</summary>
    private static R DropoutClosedForm(M y, M u, M v, M x) =>
        (y - u * v.Transpose() * x).FrobeniusNormSquared()
        + Lambda * Sum(u.ColumnNormsSquared().Zip((x.Transpose() * v).ColumnNormsSquared(), (a, b) => a * b));

    /// <summary>E_z ‖Y − θ⁻¹U diag(z)Vᵀ‖_F² = ‖Y − UVᵀ‖_F² + λ Σ_i ‖u_i‖²‖v_i‖².</summary>
    public static Derivation DropoutExpectation(int m, int n, int r)
    {
        var (y, u, v, z) = (M.Named("Y", m, n), M.Named("U", m, r), M.Named("V", n, r), Mask("z", r));
        var masks = Masks(z.Entries);
        var stochastic = (y - InverseTheta * (u * M.Diagonal(z) * v.Transpose())).FrobeniusNormSquared();
        return new("dropout.expectation",
            Statement("dropout.expectation", false),
            DerivationSize.Of(("m", m), ("n", n), ("r", r)),
            masks.Expectation(stochastic), DropoutClosedForm(y, u, v, M.Identity(n)), []);
    }

    /// <summary>E_z ‖Y − θ⁻¹U diag(z)VᵀX‖² = ‖Y − UVᵀX‖² + λ Σ_i ‖u_i‖²‖Xᵀv_i‖².</summary>
    public static Derivation DropoutExpectationWithInput(int m, int n, int r, int samples)
    {
        var (y, u, v, x, z) = (M.Named("Y", m, samples), M.Named("U", m, r), M.Named("V", n, r), M.Named("X", n, samples), Mask("z", r));
        var masks = Masks(z.Entries);
        var stochastic = (y - InverseTheta * (u * M.Diagonal(z) * v.Transpose() * x)).FrobeniusNormSquared();
        return new("dropout.expectation-with-input",
            Statement("dropout.expectation-with-input", false),
            DerivationSize.Of(("m", m), ("n", n), ("r", r), ("N", samples)),
            masks.Expectation(stochastic), DropoutClosedForm(y, u, v, x), []);
    }

    /// <summary>
    /// E_z ∇_{U,V} ‖Y − θ⁻¹U diag(z)Vᵀ‖² = ∇_{U,V} (‖Y − UVᵀ‖² + λ Σ‖u_i‖²‖v_i‖²), entry by entry.
    /// Lhs and Rhs are the directional derivatives Σ_s (∂/∂s) · ds along symbolic directions dU_ij, dV_ij,
    /// which vanish identically iff every component does.
    /// </summary>
    public static Derivation DropoutSgdUnbiased(int m, int n, int r)
    {
        var (y, u, v, z) = (M.Named("Y", m, n), M.Named("U", m, r), M.Named("V", n, r), Mask("z", r));
        var masks = Masks(z.Entries);
        var stochastic = (y - InverseTheta * (u * M.Diagonal(z) * v.Transpose())).FrobeniusNormSquared();
        var closedForm = DropoutClosedForm(y, u, v, M.Identity(n));
        var components = u.Entries.Concat(v.Entries)
            .Select(e => e.Variables.Single())
            .Select(s => new DerivationComponent(s, masks.Expectation(stochastic.Derivative(s)), closedForm.Derivative(s)))
            .ToArray();
        var lhs = Sum(components.Select(c => c.Lhs * R.Symbol("d" + c.Name)));
        var rhs = Sum(components.Select(c => c.Rhs * R.Symbol("d" + c.Name)));
        return new("dropout.sgd-unbiased",
            Statement("dropout.sgd-unbiased", false),
            DerivationSize.Of(("m", m), ("n", n), ("r", r)), lhs, rhs, components);
    }

    private static (M Y, M U, M V, M X, BernoulliMasks Masks, R Lhs, DerivationSize Size) DropBlockSetup(int m, int n, int r, int b, int samples)
    {
        var d = r * b;
        var identity = samples == 0;
        var x = identity ? M.Identity(n) : M.Named("X", n, samples);
        var (y, u, v, w) = (M.Named("Y", m, x.Columns), M.Named("U", m, d), M.Named("V", n, d), Mask("w", r));
        var masks = Masks(w.Entries);
        var blockMask = M.Diagonal(w).KroneckerWithIdentity(b);
        var stochastic = (y - InverseTheta * (u * blockMask * v.Transpose() * x)).FrobeniusNormSquared();
        var size = identity
            ? DerivationSize.Of(("m", m), ("n", n), ("r", r), ("b", b), ("identityX", 1))
            : DerivationSize.Of(("m", m), ("n", n), ("r", r), ("b", b), ("N", samples));
        return (y, u, v, x, masks, masks.Expectation(stochastic), size);
    }

    /// <summary>E_w ‖Y − θ⁻¹U(diag(w) ⊗ I_b)VᵀX‖² = ‖Y − UVᵀX‖² + λ Σ_g ‖U_gV_gᵀX‖²; samples = 0 means X = I.</summary>
    public static Derivation DropBlockExpectation(int m, int n, int r, int b, int samples)
    {
        var (y, u, v, x, _, lhs, size) = DropBlockSetup(m, n, r, b, samples);
        var rhs = (y - u * v.Transpose() * x).FrobeniusNormSquared()
                  + Lambda * Sum(Enumerable.Range(0, r).Select(g =>
                      (u.ColumnBlock(g * b, b) * v.ColumnBlock(g * b, b).Transpose() * x).FrobeniusNormSquared()));
        return new("dropblock.expectation",
            Statement("dropblock.expectation", samples == 0),
            size, lhs, rhs, []);
    }

    /// <summary>
    /// The slide: E_w ‖Y − θ⁻¹U(diag(w) ⊗ I)VᵀX‖² = ‖Y − UVᵀ‖² + λ Σ_g ‖U_g‖_F²‖V_g‖_F² (the slide writes I_r; the
    /// dimensionally consistent I_b is used). With X a general n×n matrix, or X = I when <paramref name="identityX"/>.
    /// Expected not to hold for b ≥ 2 (and never with a general X); the difference is the finding.
    /// </summary>
    public static Derivation DropBlockExpectationAsStated(int m, int n, int r, int b, bool identityX)
    {
        var (y, u, v, _, _, lhs, size) = DropBlockSetup(m, n, r, b, identityX ? 0 : n);
        var rhs = (y - u * v.Transpose()).FrobeniusNormSquared()
                  + Lambda * Sum(Enumerable.Range(0, r).Select(g =>
                      u.ColumnBlock(g * b, b).FrobeniusNormSquared() * v.ColumnBlock(g * b, b).FrobeniusNormSquared()));
        return new("dropblock.expectation.as-stated",
            Statement("dropblock.expectation.as-stated", identityX),
            size, lhs, rhs, []);
    }

    /// <summary>E ‖Y − (θ⁻¹M∘U)VᵀX‖² = ‖Y − UVᵀX‖² + λ Σ_j ‖u_j‖²‖Xᵀv_j‖², M_ij ~ Bernoulli(θ) on the entries of U.</summary>
    public static Derivation DropConnectOutputLayer(int m, int n, int r, int samples)
    {
        var (y, u, v, x, mask) = (M.Named("Y", m, samples), M.Named("U", m, r), M.Named("V", n, r), M.Named("X", n, samples), M.Named("M", m, r));
        var masks = Masks(mask.Entries);
        var stochastic = (y - (InverseTheta * mask.Hadamard(u)) * v.Transpose() * x).FrobeniusNormSquared();
        return new("dropconnect.output-layer",
            Statement("dropconnect.output-layer", false),
            DerivationSize.Of(("m", m), ("n", n), ("r", r), ("N", samples)),
            masks.Expectation(stochastic), DropoutClosedForm(y, u, v, x), []);
    }

    /// <summary>E ‖Y − U(θ⁻¹M∘V)ᵀX‖² = ‖Y − UVᵀX‖² + λ Σ_j ‖u_j‖² v_jᵀ diag(XXᵀ) v_j, M_ij ~ Bernoulli(θ) on the entries of V.</summary>
    public static Derivation DropConnectInputLayer(int m, int n, int r, int samples)
    {
        var (y, u, v, x, mask) = (M.Named("Y", m, samples), M.Named("U", m, r), M.Named("V", n, r), M.Named("X", n, samples), M.Named("M", n, r));
        var masks = Masks(mask.Entries);
        var stochastic = (y - u * (InverseTheta * mask.Hadamard(v)).Transpose() * x).FrobeniusNormSquared();
        var d = (x * x.Transpose()).DiagonalPart();
        var uNorms = u.ColumnNormsSquared();
        var rhs = (y - u * v.Transpose() * x).FrobeniusNormSquared()
                  + Lambda * Sum(Enumerable.Range(0, r).Select(j =>
                  {
                      var vj = v.ColumnBlock(j, 1);
                      return uNorms[j] * (vj.Transpose() * d * vj)[0, 0];
                  }));
        return new("dropconnect.input-layer",
            Statement("dropconnect.input-layer", false),
            DerivationSize.Of(("m", m), ("n", n), ("r", r), ("N", samples)),
            masks.Expectation(stochastic), rhs, []);
    }

    /// <summary>(1/N)‖Y − UVᵀX‖² = tr(Σ_yy − 2Σ_yx V Uᵀ + UVᵀΣ_xx V Uᵀ), X ∈ ℝ^{n0×N}, Y ∈ ℝ^{n2×N}, U ∈ ℝ^{n2×n1}, V ∈ ℝ^{n0×n1}.</summary>
    public static Derivation LinearRiskTrace(int n0, int n1, int n2, int samples)
    {
        var (x, y, u, v) = (M.Named("X", n0, samples), M.Named("Y", n2, samples), M.Named("U", n2, n1), M.Named("V", n0, n1));
        var inverseN = R.Constant(samples).Reciprocal();
        var sxx = inverseN * (x * x.Transpose());
        var syx = inverseN * (y * x.Transpose());
        var syy = inverseN * (y * y.Transpose());
        var risk = inverseN * (y - u * v.Transpose() * x).FrobeniusNormSquared();
        var trace = (syy - R.Constant(2) * (syx * v * u.Transpose()) + u * v.Transpose() * sxx * v * u.Transpose()).Trace();
        return new("linear.risk-trace",
            Statement("linear.risk-trace", false),
            DerivationSize.Of(("n0", n0), ("n1", n1), ("n2", n2), ("N", samples)), risk, trace, []);
    }

    /// <summary>
    /// Tied autoencoder 1 → h → 1 with weights w: E_z (x − θ⁻¹ Σ_i w_i z_i w_i x)² with E x² = 1 equals
    /// (1 − ‖w‖²)² + λ Σ_i w_i⁴. The loss is x² times a function of (w, z), so E_x replaces x² by 1.
    /// </summary>
    public static Derivation DropoutAutoencoderLandscape(int hidden)
    {
        var x = R.Symbol("x");
        var w = Enumerable.Range(1, hidden).Select(i => R.Symbol($"w{i}")).ToArray();
        var z = Enumerable.Range(1, hidden).Select(i => R.Symbol($"z{i}")).ToArray();
        var masks = Masks(z);
        var output = InverseTheta * Sum(w.Zip(z, (wi, zi) => wi * zi * wi * x));
        var perSample = masks.Expectation((x - output).Pow(2));
        var lhs = perSample / x.Pow(2);
        if (lhs.Variables.Contains("x"))
            throw new InvalidOperationException("The loss is not x² times a function of the weights.");
        var normSquared = Sum(w.Select(wi => wi * wi));
        var rhs = (R.One - normSquared).Pow(2) + Lambda * Sum(w.Select(wi => wi.Pow(4)));
        return new("dropout.autoencoder-landscape",
            Statement("dropout.autoencoder-landscape", false),
            DerivationSize.Of(("hidden", hidden)), lhs, rhs, []);
    }

    /// <summary>
    /// φ(W¹, W², W³) = W³W²W¹x for a bias-free 3-layer linear network n0 → n1 → n2 → 1 (W¹ = A, W² = B, W³ = C):
    /// φ(αA, αB, αC) = α³ φ(A, B, C).
    /// </summary>
    public static Derivation PositiveHomogeneity(int n0, int n1, int n2)
    {
        var (a, b, c, x) = (M.Named("A", n1, n0), M.Named("B", n2, n1), M.Named("C", 1, n2), M.NamedVector("x", n0));
        var alpha = R.Symbol("alpha");
        var scaled = ((alpha * c) * (alpha * b) * (alpha * a) * x)[0, 0];
        var original = (c * b * a * x)[0, 0];
        return new("homogeneous.positive-homogeneity",
            Statement("homogeneous.positive-homogeneity", false),
            DerivationSize.Of(("n0", n0), ("n1", n1), ("n2", n2)), scaled, alpha.Pow(3) * original, []);
    }
}
