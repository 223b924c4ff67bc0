using BenchmarkDotNet.Attributes;
using Verification.LinearAlgebra;
using Verification.Reference;
using Verification.Topics.DropBlock;
using Verification.Topics.Dropout;

namespace Verification.Benchmarks;

/// <summary>
/// The DropBlock exact expectation over 2^r block masks at m = n = 64 with r blocks of b = 4 units (d = 4r), on the shared
/// Gray-code kernel (forming the block Gram terms included), against the dropout kernel at the same r (the baseline: after the
/// block terms are formed the walk is the same) and a numpy user's batched Gram trick on the same block terms.
/// The accuracy properties (DropBlockExpectationProperties) check the same inputs.
/// </summary>
public class DropBlockExactExpectation
{
    private DropBlockCase block = null!;
    private DropoutCase dropout = null!;

    [Params(20, 24)]
    public int R { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        block = DropBlockCase.Random(64, 64, R, 4, 0.8, 1);
        dropout = Instances.Exact(R);
    }

    [Benchmark(Baseline = true, Description = "dropout, Gray-code Gram walk over r units")]
    public double Dropout() => MaskEnumeration.Expectation(dropout);

    [Benchmark(Description = "DropBlock, block Gram terms + the same walk over r blocks (this project)")]
    public double DropBlock() => GrayCodeEnumeration.Expectation(DropBlockObjective.Terms(block), block.Theta);

    [Benchmark(Description = "DropBlock, batched Gram trick, MathNet products (numpy-style)")]
    public double DropBlockBatchedGram() => DropBlockReference.ExpectationByBatchedGram(block);
}
