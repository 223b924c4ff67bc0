using FsCheck;
using FsCheck.Fluent;

namespace Verification.Generators;

/// <summary>
/// Shapes: dimensions and widths r below, equal to and above min(m, n). Sized shapes grow with the FsCheck size: the cap on
/// a dimension rises from 1 at size 1 to its maximum from size 60 on, and the largest shape is mixed in on purpose, so that
/// a run of the default length reaches both ends of every documented range.
/// </summary>
public static class Shapes
{
    public static Gen<int> Dimension(int max) => Gen.Choose(1, max);

    /// <summary>The cap on a dimension at an FsCheck size: 1 at size 1, <paramref name="max"/> from size 60 on.</summary>
    public static int Cap(int size, int max) => 1 + (max - 1) * Math.Clamp(size, 0, 60) / 60;

    /// <summary>A dimension up to the cap of the size: 1, the cap itself, or uniform in between.</summary>
    public static Gen<int> Dimension(int size, int max)
    {
        var cap = Cap(size, max);
        return Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Constant(cap)), (2, Gen.Choose(1, cap)));
    }

    /// <summary>Two dimensions (m, n) up to the cap of the size; at the cap, half the time both are the cap (the largest shape).</summary>
    public static Gen<(int M, int N)> Dimensions(int size, int max)
    {
        var cap = Cap(size, max);
        var any = from m in Dimension(size, max) from n in Dimension(size, max) select (m, n);
        return cap == max ? Gen.Frequency((1, Gen.Constant((cap, cap))), (1, any)) : any;
    }

    /// <summary>A width r relative to k = min(m, n): 1, below, equal, or above (up to k + 3, which is mixed in on purpose).</summary>
    public static Gen<int> Width(int m, int n)
    {
        var k = Math.Min(m, n);
        return Gen.Frequency(
            (1, Gen.Constant(1)),
            (2, Gen.Choose(1, k)),
            (2, Gen.Constant(k)),
            (2, Gen.Choose(k + 1, k + 3)),
            (1, Gen.Constant(k + 3)));
    }

    /// <summary>
    /// (m, n, r) for factor instances: <see cref="Dimensions"/>, and r from <see cref="Width"/> capped at <paramref name="maxWidth"/>;
    /// for the largest shape, half the time r = <paramref name="maxWidth"/> exactly.
    /// </summary>
    public static Gen<(int M, int N, int R)> Factors(int size, int maxDim, int maxWidth) =>
        from d in Dimensions(size, maxDim)
        from r in d.M == maxDim && d.N == maxDim
            ? Gen.Frequency((1, Gen.Constant(maxWidth)), (1, Width(d.M, d.N).Select(w => Math.Min(w, maxWidth))))
            : Width(d.M, d.N).Select(w => Math.Min(w, maxWidth))
        select (d.M, d.N, r);
}
