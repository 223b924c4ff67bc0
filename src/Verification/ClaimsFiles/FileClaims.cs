using Fractions;
using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Symbolic;
using M = Verification.Symbolic.SymbolicMatrix;

namespace Verification.ClaimsFiles;

/// <summary>
/// A claim of a claims file as an ordinary claim of the engine (<see cref="Claim{T}"/> over <see cref="FileInstance"/>),
/// so that the runner, the reports, replays and shrinking are those of the catalog. A polynomial equation is first decided
/// symbolically at the smallest sizes (its fixed examples: every dimension at its minimum, then one above), then checked
/// exactly at random rational points across the dimension ranges (Schwartz–Zippel); any other claim is checked in floating
/// point on random instances, each side with a rigorous error bound, and a failure shrinks to small dimensions and integers.
/// </summary>
public static class FileClaims
{
    /// <summary>The work budget of one symbolic derivation (term operations of the symbolic engine): about a second here.</summary>
    public const long SymbolicWorkBudget = 1_000_000;

    /// <summary>The work budget of one exact evaluation at a point (term operations, weighted by coefficient size): past it, no evidence.</summary>
    public const long ExactWorkBudget = 100_000_000;

    /// <summary>Every claim of a claims file, as claims of the engine.</summary>
    public static IReadOnlyList<Claim<FileInstance>> Load(string path) => ClaimsFile.Load(path).Select(Create).ToList();

    public static Claim<FileInstance> Create(ClaimModel model)
    {
        var instances = FileInstances.For(model);
        var examples = SymbolicSizes(model).Select(dims => new FileInstance(InstanceMode.Symbolic, dims, [])).ToArray();
        var evidence = Evidence(model, examples);
        var sides = $"lhs: {model.Lhs.Text}; rhs: {model.Rhs.Text}";
        Func<FileInstance, Outcome> check = i => Check(model, i);
        var claim = model.Kind switch
        {
            ClaimKind.Control => Claim.Control(model.Id, model.Title, model.Statement, instances, check, evidence, model.Source, sides),
            ClaimKind.AsStated => Claim.AsStated(model.Id, model.Title, model.Statement, model.Source, instances, check, model.Decision!.Value, evidence, sides),
            ClaimKind.Open => Claim.Open(model.Id, model.Title, model.Statement, model.Source, instances, check, model.Decision!.Value, evidence, sides),
            _ => Claim.Theorem(model.Id, model.Title, model.Statement, model.Source, instances, check, evidence, sides),
        };
        return claim with
        {
            Examples = examples,
            Modes = (model.IsExact ? EvalModes.Exact : EvalModes.None) | (model.HasBernoulli ? EvalModes.MonteCarlo : EvalModes.None),
        };
    }

    /// <summary>The sizes decided symbolically: every dimension at its minimum, then every dimension one above (within its range).</summary>
    public static IReadOnlyList<IReadOnlyList<KeyValuePair<string, int>>> SymbolicSizes(ClaimModel model)
    {
        if (!model.IsExact || model.Relation != Relation.Equal) return [];
        var smallest = model.Dimensions.Select(d => new KeyValuePair<string, int>(d.Name, d.Min)).ToList();
        var next = model.Dimensions.Select(d => new KeyValuePair<string, int>(d.Name, Math.Min(d.Max, d.Min + 1))).ToList();
        return next.SequenceEqual(smallest) ? [smallest] : [smallest, next];
    }

    private static string Evidence(ClaimModel model, IReadOnlyList<FileInstance> examples)
    {
        var ranges = model.Dimensions.Count == 0 ? "" : $" for {string.Join(", ", model.Dimensions)}";
        if (model.IsExact)
            return (examples.Count > 0 ? $"symbolic expansion at {string.Join("; ", examples.Select(e => e.SizeText))} (the difference of the sides must expand to 0; past the work budget, an exact evaluation instead); then " : "")
                   + $"exact rational arithmetic at random rational points{ranges} (Schwartz–Zippel){(model.HasBernoulli ? "; expectations over Bernoulli masks exactly (E z = retain, z² = z)" : "")}";
        return $"floating point on random instances{ranges}, each side with a rigorous running error bound (γ_n·Σ|terms| at every sum and product, SVD backward stability and Weyl's inequality, the inverse perturbation bound)"
               + (model.HasBernoulli ? "; expectations by the dropout checker's kernels where the integrand has their form, exactly when it is polynomial, by enumeration when the masks are few, else by Monte Carlo with a 1 − 1e-9 empirical-Bernstein interval" : "");
    }

    public static Outcome Check(ClaimModel model, FileInstance instance)
    {
        try
        {
            return instance.Mode switch
            {
                InstanceMode.Symbolic => Symbolically(model, instance),
                InstanceMode.Exact => Exactly(model, instance, ""),
                _ => Floating(model, instance),
            };
        }
        catch (DomainException e)
        {
            return Outcome.Discard($"outside the expression's domain: {e.Message}");
        }
        catch (UnsettledException e)
        {
            return Outcome.Inconclusive(e.Message);
        }
        catch (DivideByZeroException)
        {
            return Outcome.Discard("outside the expression's domain: a division by zero");
        }
        catch (WorkLimitException e)
        {
            return Outcome.Inconclusive($"too large to evaluate exactly at {instance.SizeText}: {Plain(e)}");
        }
    }

    private static Outcome Symbolically(ClaimModel model, FileInstance instance)
    {
        var dims = instance.DimensionMap;
        var values = model.Deterministic.ToDictionary(s => s.Name, s => ExactEvaluator.Variables(s, dims), StringComparer.Ordinal);
        M lhs, rhs;
        var difference = new List<RationalFunction>();
        try
        {
            using var budget = WorkBudget.Limit(SymbolicWorkBudget);
            var evaluator = new ExactEvaluator(model, dims, values);
            lhs = evaluator.Evaluate(model.Lhs);
            rhs = evaluator.Evaluate(model.Rhs);
            for (var i = 0; i < lhs.Rows; i++)
                for (var j = 0; j < lhs.Columns; j++)
                    difference.Add(lhs[i, j] - rhs[i, j]);
        }
        catch (WorkLimitException e)
        {
            // Too large to decide symbolically: an exact evaluation at a rational point of the same size instead (and say so).
            var point = Runner.Generate(FileInstances.Generator(model with { Dimensions = model.Dimensions.Select(d => d with { Min = dims[d.Name], Max = dims[d.Name] }).ToList() },
                InstanceMode.Exact), Runner.CaseSeed(0x5EED, dims.Values.Sum()), 100);
            return Exactly(model, point, $"too large to decide symbolically at {instance.SizeText} ({Plain(e)}): evaluated exactly at a rational point instead; ");
        }
        var holds = difference.All(d => d.IsZero);
        var text = difference.Count == 1 ? difference[0].ToInfix() : "[" + string.Join("; ", difference.Select(d => d.ToInfix())) + "]";
        var terms = difference.Sum(d => d.Numerator.TermCount);
        var witness = holds ? null : Witness(model, difference.First(d => !d.IsZero));
        var outcome = Outcome.Decide(holds, Value.Of(Text(lhs)), Value.Of(Text(rhs)),
                holds ? $"symbolic: the difference of the sides expands to 0 at {instance.SizeText}"
                    : $"symbolic: the difference of the sides at {instance.SizeText} is {text} (its {terms} {(terms == 1 ? "term is" : "terms are")} the residual){(witness is null ? "" : $"; it is nonzero at {witness}")}",
                residual: terms)
            .WithDetails(new NamedValue("method", Value.Of("symbolic expansion")), new NamedValue("difference", Value.Of(text)));
        return witness is null ? outcome : outcome.WithDetails(new NamedValue("witness", Value.Of(witness)));
    }

    /// <summary>
    /// A point with small values where a nonzero difference does not vanish (its variables at 0, ±1, 2 and scalars at simple
    /// values of their ranges): a random search, then each variable simplified to 0, then to 1, while the difference stays nonzero.
    /// </summary>
    private static string? Witness(ClaimModel model, RationalFunction difference)
    {
        var variables = difference.Variables;
        var scalars = model.Deterministic.Where(s => s.Kind == SymbolKind.Scalar).ToDictionary(s => s.Name, s => s.Range, StringComparer.Ordinal);
        Fraction[] Choices(string v) => scalars.TryGetValue(v, out var range)
            ? new[] { new Fraction(1, 2), Fraction.One, new Fraction(1, 4), new Fraction(2), Fraction.Zero, -Fraction.One }.Where(range.Contains).DefaultIfEmpty(Fraction.One).ToArray()
            : [Fraction.One, -Fraction.One, new Fraction(2), Fraction.Zero];
        bool Nonzero(Dictionary<string, Fraction> point, out Fraction value)
        {
            value = Fraction.Zero;
            if (difference.Denominator.Evaluate(point).IsZero) return false;
            value = difference.Evaluate(point);
            return !value.IsZero;
        }
        var rng = new SplitMix64(0x5EED);
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var point = variables.ToDictionary(v => v, v => { var c = Choices(v); return attempt == 0 ? c[0] : c[(int)(rng.NextUInt64() % (ulong)c.Length)]; }, StringComparer.Ordinal);
            if (!Nonzero(point, out _)) continue;
            foreach (var target in new[] { Fraction.Zero, Fraction.One })
                foreach (var v in variables)
                {
                    if (point[v] == target || (scalars.TryGetValue(v, out var range) && !range.Contains(target))) continue;
                    var previous = point[v];
                    point[v] = target;
                    if (!Nonzero(point, out _)) point[v] = previous;
                }
            Nonzero(point, out var value);
            return string.Join(", ", variables.Select(v => $"{v} = {Exact.Format(point[v])}")) + $" (difference {Exact.Format(value)})";
        }
        return null;
    }

    /// <summary>The budget's message without the advice of the `symbolic` command (which has --max-terms; check and eval do not).</summary>
    private static string Plain(WorkLimitException e) => e.Message.Replace(" (raise the budget with --max-terms)", "", StringComparison.Ordinal);

    private static string Text(M m) => m.Rows == 1 && m.Columns == 1 ? m[0, 0].ToInfix() : m.ToString();

    private static Outcome Exactly(ClaimModel model, FileInstance instance, string prefix)
    {
        M lhs, rhs;
        using (WorkBudget.Limit(ExactWorkBudget))
        {
            var evaluator = new ExactEvaluator(model, instance.DimensionMap, instance.ExactValues());
            lhs = evaluator.Evaluate(model.Lhs);
            rhs = evaluator.Evaluate(model.Rhs);
        }
        var how = $"{prefix}exact rational arithmetic at {instance.SizeText}{(model.HasBernoulli ? " (expectations over the masks exactly: E z = retain, z² = z)" : "")}";
        Fraction Value0(M m, int i, int j) => m[i, j].ConstantValue;
        var worst = (Residual: Fraction.Zero, I: 0, J: 0, Holds: true);
        for (var i = 0; i < lhs.Rows; i++)
            for (var j = 0; j < lhs.Columns; j++)
            {
                var (l, r) = (Value0(lhs, i, j), Value0(rhs, i, j));
                var (holds, residual) = model.Relation switch
                {
                    Relation.Equal => (l == r, Fraction.Abs(l - r)),
                    Relation.AtMost => (l <= r, l > r ? l - r : Fraction.Zero),
                    _ => (l >= r, l < r ? r - l : Fraction.Zero),
                };
                if ((!holds && worst.Holds) || (holds == worst.Holds && residual > worst.Residual)) worst = (residual, i, j, holds);
            }
        var scalar = lhs.Rows == 1 && lhs.Columns == 1;
        var where = scalar ? "" : $" (entry {worst.I + 1},{worst.J + 1})";
        var (lv, rv) = (Value0(lhs, worst.I, worst.J), Value0(rhs, worst.I, worst.J));
        var outcome = model.Relation == Relation.Equal && scalar
            ? Outcome.Exact(lv, rv, $"{how}: difference {Exact.Format(lv - rv)}")
            : Outcome.Decide(worst.Holds, Value.Of(lv), Value.Of(rv), $"{how}: lhs {model.RelationText} rhs{where} {(worst.Holds ? "holds" : "fails")} (lhs − rhs = {Exact.Format(lv - rv)})", residual: Doubles.Of(worst.Residual));
        return outcome.WithDetails(
            new NamedValue("residualExact", Value.Of(worst.Residual)),
            new NamedValue("method", Value.Of(prefix.Length > 0 ? "exact evaluation (symbolic budget exceeded)" : "exact rational arithmetic")),
            new NamedValue("dimensions", Value.Of(instance.SizeText)));
    }

    private static Outcome Floating(ClaimModel model, FileInstance instance)
    {
        var evaluator = new FloatEvaluator(model, instance.DimensionMap, instance.FloatingValues(), instance.Settings);
        var lhs = evaluator.Evaluate(model.Lhs);
        var rhs = evaluator.Evaluate(model.Rhs);
        var methods = evaluator.Methods.Count == 0 ? "" : $"; {string.Join("; ", evaluator.Methods)}";
        var parts = new List<Outcome>();
        var scalar = lhs.Rows == 1 && lhs.Columns == 1;
        for (var i = 0; i < lhs.Rows; i++)
            for (var j = 0; j < lhs.Columns; j++)
            {
                var (l, el, r, er) = (lhs[i, j], lhs.ErrorAt(i, j), rhs[i, j], rhs.ErrorAt(i, j));
                var tolerance = new Tolerance(el + er, $"running error bounds of the sides: lhs ±{el:G3}, rhs ±{er:G3} (γ_n·Σ|terms| at every sum and product{(methods.Contains("Monte Carlo", StringComparison.Ordinal) ? ", the Monte Carlo interval" : "")})");
                var explanation = $"lhs {model.RelationText} rhs{(scalar ? "" : $" (entry {i + 1},{j + 1})")} checked in floating point at {instance.SizeText}{methods}";
                parts.Add(model.Relation switch
                {
                    Relation.Equal => Outcome.Within(l, r, tolerance, explanation),
                    Relation.AtMost => Outcome.AtMost(l, r, tolerance, explanation),
                    _ => Outcome.AtLeast(l, r, tolerance, explanation),
                });
            }
        return Outcome.All(parts.ToArray()).WithDetails(
            new NamedValue("method", Value.Of("floating point with running error bounds")),
            new NamedValue("dimensions", Value.Of(instance.SizeText)));
    }
}
