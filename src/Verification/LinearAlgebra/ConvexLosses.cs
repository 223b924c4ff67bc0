using MathNet.Numerics.LinearAlgebra;

namespace Verification.LinearAlgebra;

/// <summary>
/// A convex, differentiable loss ℓ(Y, X) summed over entries, with what a proximal-gradient solver and a duality-gap
/// certificate need: its value, its gradient ∇_X ℓ, the Lipschitz constant of the gradient, and the dual function
/// G ↦ −ℓ*(−G) (the Fenchel conjugate in X, −∞ outside its domain). For F(X) = ℓ(Y, X) + λ‖X‖_*, every G with ‖G‖₂ ≤ λ
/// gives the lower bound min F ≥ −ℓ*(−G) (Fenchel duality), with equality at G = −∇ℓ(X*).
/// </summary>
public abstract class ConvexLoss
{
    /// <summary>The name `eval` reads ("squared", "logistic", "huber").</summary>
    public abstract string Name { get; }

    /// <summary>The formula, for reports.</summary>
    public abstract string Formula { get; }

    /// <summary>L: ‖∇ℓ(X) − ∇ℓ(X')‖_F ≤ L‖X − X'‖_F.</summary>
    public abstract double Lipschitz { get; }

    /// <summary>μ ≥ 0 with ℓ(X') ≥ ℓ(X) + ⟨∇ℓ(X), X' − X⟩ + (μ/2)‖X' − X‖_F² (0 when ℓ is not strongly convex).</summary>
    public abstract double StrongConvexity { get; }

    /// <summary>inf_X ℓ(Y, X) (0 for the three losses here; the logistic infimum is not attained).</summary>
    public virtual double Infimum => 0;

    public abstract double Value(Matrix<double> y, Matrix<double> x);

    public abstract Matrix<double> Gradient(Matrix<double> y, Matrix<double> x);

    /// <summary>−ℓ*(−G): the dual objective at G, or −∞ when −G is outside the domain of ℓ*.</summary>
    public abstract double Dual(Matrix<double> y, Matrix<double> g);

    /// <summary>Σ of the magnitudes of the terms summed in <see cref="Value"/> and <see cref="Dual"/>, for rounding bounds.</summary>
    public abstract double Magnitude(Matrix<double> y, Matrix<double> x);

    /// <summary>Throws <see cref="ArgumentException"/> when Y is outside the loss's domain (logistic targets must be ±1).</summary>
    public virtual void Validate(Matrix<double> y)
    {
        foreach (var e in y.Enumerate())
            if (!double.IsFinite(e)) throw new ArgumentException("Y has a non-finite entry");
    }

    public override string ToString() => Name;

    public static ConvexLoss Squared { get; } = new SquaredLoss();

    public static ConvexLoss Logistic { get; } = new LogisticLoss();

    public static ConvexLoss Huber { get; } = new HuberLoss();

    public static IReadOnlyList<ConvexLoss> All { get; } = [Squared, Logistic, Huber];

    /// <summary>The loss of a name; an unknown name is an <see cref="ArgumentException"/> that lists the known ones.</summary>
    public static ConvexLoss Named(string name) =>
        All.FirstOrDefault(l => l.Name == name.Trim().ToLowerInvariant())
        ?? throw new ArgumentException($"unknown loss \"{name}\" (known: {string.Join(", ", All.Select(l => l.Name))})");
}

/// <summary>ℓ(Y, X) = ½‖Y − X‖_F²: ∇ℓ = X − Y, L = μ = 1, −ℓ*(−G) = ⟨G, Y⟩ − ½‖G‖_F².</summary>
public sealed class SquaredLoss : ConvexLoss
{
    public override string Name => "squared";
    public override string Formula => "½‖Y − X‖_F²";
    public override double Lipschitz => 1;
    public override double StrongConvexity => 1;

    public override double Value(Matrix<double> y, Matrix<double> x) => 0.5 * Norms.FrobeniusSquared(y - x);

    public override Matrix<double> Gradient(Matrix<double> y, Matrix<double> x) => x - y;

    public override double Dual(Matrix<double> y, Matrix<double> g) => g.PointwiseMultiply(y).Enumerate().Sum() - 0.5 * Norms.FrobeniusSquared(g);

    public override double Magnitude(Matrix<double> y, Matrix<double> x) =>
        Norms.FrobeniusSquared(y.PointwiseAbs() + x.PointwiseAbs());
}

/// <summary>
/// ℓ(Y, X) = Σ log(1 + e^{−Y_ij X_ij}) for targets Y_ij = ±1: ∇ℓ = −Y ∘ σ(−Y ∘ X), L = 1/4, not strongly convex; with
/// p_ij = Y_ij G_ij, −ℓ*(−G) = Σ H(p_ij) (binary entropy in nats) when every p_ij ∈ [0, 1], else −∞.
/// </summary>
public sealed class LogisticLoss : ConvexLoss
{
    public override string Name => "logistic";
    public override string Formula => "Σ log(1 + exp(−Y_ij X_ij)), Y_ij = ±1";
    public override double Lipschitz => 0.25;
    public override double StrongConvexity => 0;

    public override void Validate(Matrix<double> y)
    {
        for (var i = 0; i < y.RowCount; i++)
            for (var j = 0; j < y.ColumnCount; j++)
                if (y[i, j] is not (1.0 or -1.0))
                    throw new ArgumentException($"the logistic loss needs targets ±1, but Y[{i}][{j}] = {y[i, j]}");
    }

    /// <summary>log(1 + e^{−t}) without overflow.</summary>
    public static double Softplus(double t) => Math.Max(-t, 0) + Math.Log(1 + Math.Exp(-Math.Abs(t)));

    /// <summary>σ(−t) = 1/(1 + e^{t}) without overflow.</summary>
    public static double SigmoidOfNegative(double t) => t >= 0 ? Math.Exp(-t) / (1 + Math.Exp(-t)) : 1 / (1 + Math.Exp(t));

    public override double Value(Matrix<double> y, Matrix<double> x)
    {
        var s = 0.0;
        for (var i = 0; i < y.RowCount; i++)
            for (var j = 0; j < y.ColumnCount; j++) s += Softplus(y[i, j] * x[i, j]);
        return s;
    }

    public override Matrix<double> Gradient(Matrix<double> y, Matrix<double> x) =>
        Matrix<double>.Build.Dense(y.RowCount, y.ColumnCount, (i, j) => -y[i, j] * SigmoidOfNegative(y[i, j] * x[i, j]));

    public override double Dual(Matrix<double> y, Matrix<double> g)
    {
        var s = 0.0;
        for (var i = 0; i < y.RowCount; i++)
            for (var j = 0; j < y.ColumnCount; j++)
            {
                var p = y[i, j] * g[i, j];
                if (p < 0 || p > 1) return double.NegativeInfinity;
                s += Entropy(p);
            }
        return s;
    }

    /// <summary>H(p) = −p log p − (1 − p) log(1 − p), with 0 log 0 = 0.</summary>
    public static double Entropy(double p) => (p > 0 ? -p * Math.Log(p) : 0) + (p < 1 ? -(1 - p) * Math.Log(1 - p) : 0);

    public override double Magnitude(Matrix<double> y, Matrix<double> x)
    {
        var s = 0.0;
        foreach (var e in x.Enumerate()) s += Math.Abs(e) + Math.Log(2);
        return s;
    }
}

/// <summary>
/// The Huber loss with δ = 1, ℓ(Y, X) = Σ h(X_ij − Y_ij), h(r) = r²/2 for |r| ≤ 1 and |r| − ½ beyond: ∇ℓ = clip(X − Y, −1, 1),
/// L = 1, not strongly convex; −ℓ*(−G) = ⟨G, Y⟩ − ½‖G‖_F² when every |G_ij| ≤ 1, else −∞.
/// </summary>
public sealed class HuberLoss : ConvexLoss
{
    public override string Name => "huber";
    public override string Formula => "Σ h(X_ij − Y_ij), h(r) = r²/2 (|r| ≤ 1), |r| − 1/2 (|r| > 1)";
    public override double Lipschitz => 1;
    public override double StrongConvexity => 0;

    public static double H(double r) => Math.Abs(r) <= 1 ? 0.5 * r * r : Math.Abs(r) - 0.5;

    public override double Value(Matrix<double> y, Matrix<double> x)
    {
        var s = 0.0;
        for (var i = 0; i < y.RowCount; i++)
            for (var j = 0; j < y.ColumnCount; j++) s += H(x[i, j] - y[i, j]);
        return s;
    }

    public override Matrix<double> Gradient(Matrix<double> y, Matrix<double> x) =>
        Matrix<double>.Build.Dense(y.RowCount, y.ColumnCount, (i, j) => Math.Clamp(x[i, j] - y[i, j], -1, 1));

    public override double Dual(Matrix<double> y, Matrix<double> g)
    {
        foreach (var e in g.Enumerate())
            if (Math.Abs(e) > 1) return double.NegativeInfinity;
        return g.PointwiseMultiply(y).Enumerate().Sum() - 0.5 * Norms.FrobeniusSquared(g);
    }

    public override double Magnitude(Matrix<double> y, Matrix<double> x) =>
        Norms.FrobeniusSquared(y.PointwiseAbs() + x.PointwiseAbs()) + (y.PointwiseAbs() + x.PointwiseAbs()).Enumerate().Sum();
}
