using FsCheck;
using FsCheck.Fluent;
using Fractions;
using Verification.Numerics;

namespace Verification.Generators;

/// <summary>Exact rational generators for exact checks: p/q with small numerators and denominators (not only dyadic).</summary>
public static class Rationals
{
    public static Gen<Fraction> Small(int maxNumerator = 5, int maxDenominator = 7) =>
        Gen.Zip(Gen.Choose(-maxNumerator, maxNumerator), Gen.Choose(1, maxDenominator)).Select(t => new Fraction(t.Item1, t.Item2));

    /// <summary>θ = p/q ∈ (0, 1], including exactly 1.</summary>
    public static Gen<Fraction> RetainRate { get; } =
        Gen.Choose(1, 9).SelectMany(q => Gen.Choose(1, q).Select(p => new Fraction(p, q)));

    /// <summary>θ = p/q ∈ (0, 1), never 1 (dropout active, λ &gt; 0).</summary>
    public static Gen<Fraction> RetainRateBelowOne { get; } =
        Gen.Choose(2, 9).SelectMany(q => Gen.Choose(1, q - 1).Select(p => new Fraction(p, q)));

    public static Gen<ExactMatrix> Matrix(int rows, int columns) =>
        Gen.ArrayOf(Small(), rows * columns).Select(a => ExactMatrix.Create(rows, columns, (i, j) => a[i * columns + j]));
}
