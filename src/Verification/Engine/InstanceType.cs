using FsCheck;
using FsCheck.Fluent;
using Verification.Input;
using Verification.Reporting;

namespace Verification.Engine;

/// <summary>An input key that `eval` reads for an instance type, with what it means.</summary>
public sealed record InputField(string Name, string Description);

/// <summary>A documented range of one measured size of an instance (a dimension, a width, a rank) that a run must reach.</summary>
public sealed record SizeRange(string Name, int Min, int Max);

/// <summary>What a run's random cases reached of a documented size range (null when no case measured it).</summary>
public sealed record SizeCoverage(SizeRange Documented, int? Min, int? Max)
{
    public bool Covers => Min == Documented.Min && Max == Documented.Max;
}

/// <summary>
/// A kind of instance, defined once and shared by every claim about it: an FsCheck <see cref="Arbitrary{T}"/> (generator and
/// shrinker toward small, simple instances), <see cref="Describe"/> (the instance as named values, named as in THEORY.md),
/// the reader of a user's instance for `eval`, and the documented size ranges that a run's instances must cover.
/// </summary>
public sealed record InstanceType<T>(string Name, Arbitrary<T> Arbitrary, Func<T, IReadOnlyList<NamedValue>> Describe)
{
    /// <summary>Reads a user's instance from `eval` JSON (validating it; bad input throws <see cref="InputException"/>); null when the type has no `eval`.</summary>
    public Func<InputReader, T>? Reader { get; init; }

    /// <summary>The keys <see cref="Reader"/> reads, for `eval --describe` and the README.</summary>
    public IReadOnlyList<InputField> Inputs { get; init; } = [];

    /// <summary>A small instance as `eval` JSON: the example of `eval --describe`, run by the tests.</summary>
    public string? SampleInput { get; init; }

    /// <summary>Sizes of an instance by name (m, n, r, rank, …), for the coverage test of <see cref="Sizes"/>.</summary>
    public Func<T, IReadOnlyDictionary<string, int>> Measure { get; init; } = _ => new Dictionary<string, int>();

    /// <summary>The documented ranges of <see cref="Measure"/>'s sizes: a run of the runner's default length reaches both ends of each.</summary>
    public IReadOnlyList<SizeRange> Sizes { get; init; } = [];

    public Gen<T> Generator => Arbitrary.Generator;

    public IEnumerable<T> Shrink(T instance) => Arbitrary.Shrinker(instance);

    public bool CanRead => Reader is not null;

    public T Read(InputReader input) =>
        Reader is null ? throw new InputException($"instances of type '{Name}' cannot be read from JSON yet") : Reader(input);

    /// <summary>The same type with documented size ranges, measured by <paramref name="measure"/>.</summary>
    public InstanceType<T> WithSizes(IReadOnlyList<SizeRange> sizes, Func<T, IReadOnlyDictionary<string, int>> measure) =>
        this with { Sizes = sizes, Measure = measure };

    /// <summary>The same type with another generator (a sub-family of instances, e.g. a premise met by construction).</summary>
    public InstanceType<T> WithGenerator(string name, Gen<T> generator) =>
        this with { Name = name, Arbitrary = Arb.From(generator, Arbitrary.Shrinker) };
}

public static class InstanceType
{
    /// <summary>An instance type from a generator, a shrinker and a description.</summary>
    public static InstanceType<T> Create<T>(string name, Gen<T> generator, Func<T, IEnumerable<T>> shrink, Func<T, IReadOnlyList<NamedValue>> describe) =>
        new(name, Arb.From(generator, shrink), describe);
}
