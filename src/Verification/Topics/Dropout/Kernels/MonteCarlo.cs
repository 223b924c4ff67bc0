using Verification.LinearAlgebra;

namespace Verification.Topics.Dropout;

/// <summary>Dropout's Monte Carlo estimate: the shared mask sampler (<see cref="MaskMonteCarlo"/>) on the instance's Gram terms.</summary>
public static class MonteCarlo
{
    public const double DefaultDelta = MaskMonteCarlo.DefaultDelta;

    /// <summary>
    /// Samples masks z_k ~ Bernoulli(θ) until the empirical-Bernstein interval is narrow enough (see
    /// <see cref="MaskMonteCarlo.Expectation"/>), with the loss bound B = <see cref="DropoutObjective.LossBound"/>.
    /// </summary>
    public static MonteCarloEstimate Expectation(DropoutCase c, ulong seed, long maxSamples = 1 << 20, double relativeWidth = 1e-3, int batch = 4096, double delta = DefaultDelta) =>
        MaskMonteCarlo.Expectation(GramTerms.Of(c), c.Theta, DropoutObjective.LossBound(c), seed, maxSamples, relativeWidth, batch, delta);

    public static (double Lower, double Upper) Interval(double mean, double m2, long n, double bound, double delta) =>
        MaskMonteCarlo.Interval(mean, m2, n, bound, delta);
}
