using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Input;

/// <summary>Readers of the inputs that several instance types share: factor pairs, retain rates, weights and widths.</summary>
public static class Readers
{
    /// <summary>The magnitudes a floating-point claim accepts without rescaling: 1e-150 ≤ |x| ≤ 1e150 (or 0).</summary>
    public const double ModerateMin = 1e-150, ModerateMax = 1e150;

    /// <summary>
    /// A matrix whose nonzero entries lie within [1e-150, 1e150], so that products of a few entries neither overflow nor
    /// underflow; beyond that, one line that says how the statement scales (<paramref name="homogeneity"/>) and how to rescale.
    /// </summary>
    public static Matrix<double> Moderate(InputReader input, string name, string homogeneity)
    {
        var m = input.Matrix(name);
        foreach (var x in m.Enumerate())
            if (x != 0 && !(Math.Abs(x) >= ModerateMin && Math.Abs(x) <= ModerateMax))
                throw new InputException($"{name} has an entry {x:G3} outside 1e-150 ≤ |x| ≤ 1e150, where this claim's floating-point evaluation would overflow or lose all precision; {homogeneity}, so rescale the input");
        return m;
    }

    /// <summary>The homogeneity of the claims on factor pairs: each side scales by a power of c when U and V are both multiplied by c.</summary>
    public const string PairHomogeneity = "the claims on (U, V) are homogeneous under U → cU, V → cV";

    /// <summary>U (m×r) and V (n×r) with the same number of columns, of moderate magnitude.</summary>
    public static (Matrix<double> U, Matrix<double> V) Pair(InputReader input, string u = "U", string v = "V")
    {
        var left = Moderate(input, u, PairHomogeneity);
        var right = Moderate(input, v, PairHomogeneity);
        if (left.ColumnCount != right.ColumnCount)
            throw new InputException($"mismatched shapes: {u} has {left.ColumnCount} columns but {v} has {right.ColumnCount}");
        return (left, right);
    }

    /// <summary>A retain probability θ ∈ (0, 1].</summary>
    public static double RetainRate(InputReader input, string key = "theta")
    {
        var theta = input.Scalar(key);
        if (!(theta > 0 && theta <= 1)) throw new InputException($"{key} must lie in (0,1], got {theta}");
        return theta;
    }

    /// <summary>An exact retain probability θ ∈ (0, 1].</summary>
    public static Fraction ExactRetainRate(InputReader input, string key = "theta")
    {
        var theta = input.ExactScalar(key);
        if (theta <= Fraction.Zero || theta > Fraction.One) throw new InputException($"{key} must lie in (0,1], got {Exact.Format(theta)}");
        return theta;
    }

    /// <summary>λ ≥ 0 from "lambda", or from "theta" as (1 − θ)/θ: exactly one of the two keys.</summary>
    public static double Lambda(InputReader input, string lambdaKey = "lambda", string thetaKey = "theta")
    {
        if (input.Has(lambdaKey) == input.Has(thetaKey))
            throw new InputException($"give exactly one of \"{lambdaKey}\" (λ ≥ 0) or \"{thetaKey}\" (retain probability in (0,1])");
        if (input.Has(thetaKey))
        {
            var theta = RetainRate(input, thetaKey);
            var fromTheta = (1 - theta) / theta;
            if (!double.IsFinite(fromTheta))
                throw new InputException($"{thetaKey} = {theta} gives λ = (1 − θ)/θ beyond double precision; give \"{lambdaKey}\" instead, or a larger {thetaKey}");
            return fromTheta;
        }
        var lambda = input.Scalar(lambdaKey);
        if (!(lambda >= 0)) throw new InputException($"{lambdaKey} must be ≥ 0, got {lambda}");
        return lambda;
    }

    /// <summary>An exact λ ≥ 0 from "lambda", or from "theta" as (1 − θ)/θ.</summary>
    public static Fraction ExactLambda(InputReader input, string lambdaKey = "lambda", string thetaKey = "theta")
    {
        if (input.Has(lambdaKey) == input.Has(thetaKey))
            throw new InputException($"give exactly one of \"{lambdaKey}\" (λ ≥ 0) or \"{thetaKey}\" (retain probability in (0,1])");
        if (input.Has(thetaKey))
        {
            var theta = ExactRetainRate(input, thetaKey);
            return (Fraction.One - theta) / theta;
        }
        var lambda = input.ExactScalar(lambdaKey);
        if (lambda < Fraction.Zero) throw new InputException($"{lambdaKey} must be ≥ 0, got {Exact.Format(lambda)}");
        return lambda;
    }

    /// <summary>A width r between 1 and <paramref name="max"/>.</summary>
    public static int Width(InputReader input, int max = 64, string key = "r", string why = "eval runs local descent over (m + n)·r variables")
    {
        var r = input.Integer(key);
        if (r < 1) throw new InputException($"{key} must be at least 1, got {r}");
        if (r > max) throw new InputException($"{key} = {r} is above {max}; {why}");
        return r;
    }
}
