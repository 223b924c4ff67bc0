using System.CommandLine;
using Verification.Input;
using Verification.Numerics;
using Verification.Symbolic;

namespace Verification.Cli;

/// <summary>
/// The command line: `list`, `check`, `merge`, `eval`, `derive`, `symbolic`, `plot`. Exit codes: 0 as expected (eval: the statement
/// holds), 1 a verdict differs from its expected one (eval: it does not hold), 2 bad input, 3 an internal error (a check
/// that threw), 4 eval could not decide (inconclusive).
/// </summary>
public static class Cli
{
    public const int ExitOk = 0;
    public const int ExitUnexpected = 1;
    public const int ExitBadInput = 2;
    public const int ExitInternal = 3;
    public const int ExitInconclusive = 4;

    public static int Run(string[] args)
    {
        var root = new RootCommand("Verification: the theory of deep learning (Vidal, JHU) as executable checks.");
        root.Subcommands.Add(ListCommand());
        root.Subcommands.Add(CheckCommand());
        root.Subcommands.Add(MergeCommand());
        root.Subcommands.Add(EvalCommand());
        root.Subcommands.Add(DeriveCommand());
        root.Subcommands.Add(SymbolicCommand());
        root.Subcommands.Add(PlotCommand());

        // Response files (@file) are off: an argument starting with @ is an argument, never a file to read.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (args.Length > 0 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0]))
        {
            var nearest = root.Subcommands.Select(c => c.Name).MinBy(name => Distance(name, args[0]))!;
            return Fail($"unknown command '{args[0]}'; did you mean '{nearest}'? (commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))})");
        }
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"error: {Plain(parse.Errors[0].Message)} (see --help)");
            return ExitBadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            return Fail(e.Message);
        }
        catch (LimitExceededException e)
        {
            return Fail(e.Message);
        }
        catch (WorkLimitException e)
        {
            return Fail(e.Message);
        }
        catch (KeyNotFoundException e)
        {
            return Fail(e.Message.Trim('\''));
        }
        catch (IOException e)
        {
            return Fail(e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect of ours, not bad input: still one line, and a distinct exit code.
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message} (please report it with the command line)");
            return ExitInternal;
        }
    }

    /// <summary>Parser messages without .NET type names: "as expected type 'System.Int32'" reads "as an integer".</summary>
    private static string Plain(string message) => System.Text.RegularExpressions.Regex.Replace(message, @"(as )?(expected )?type '?System\.(\w+)'?",
        m => m.Groups[3].Value switch
        {
            "Int32" or "Int64" => "as an integer",
            "UInt64" or "UInt32" => "as a non-negative integer",
            "Double" => "as a number",
            "Boolean" => "as true or false",
            _ => "as a " + m.Groups[3].Value.ToLowerInvariant(),
        });

    /// <summary>Levenshtein distance, for "did you mean".</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitBadInput;
    }

    private static Command ListCommand()
    {
        var format = new Option<string>("--format") { Description = "table, json or markdown (the README's catalog table)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "markdown");
        var command = new Command("list", "List every claim: id, kind, expected verdict, title, source.") { format };
        command.SetAction(p => Listing.Print(p.GetValue(format)!));
        return command;
    }

    private static Command CheckCommand()
    {
        var ids = new Argument<string[]>("ids") { Description = "claim ids (default: the whole catalog)", Arity = ArgumentArity.ZeroOrMore };
        var cases = new Option<int>("--cases") { Description = "random cases per claim", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "run seed; the same seed gives the same report", DefaultValueFactory = _ => 1 };
        var format = FormatOption(json: "json (with --shard, the only one)");
        var output = new Option<string?>("--out") { Description = "write the report to this file (and print a one-line summary)" };
        var shard = new Option<string?>("--shard") { Description = "run shard K of N (K/N, e.g. 2/4): random cases i with i mod N = K − 1, plus the examples and the sweep in shard 1; `merge` combines the shards' JSON reports" };
        var (baseline, factor) = BaselineOptions();
        var backend = BackendOption();
        var (claims, claimsOnly) = (ClaimFiles.Option(), ClaimFiles.OnlyOption());
        var command = new Command("check", "Check claims and report their verdicts.") { ids, cases, seed, format, output, shard, baseline, factor, backend, claims, claimsOnly };
        command.SetAction(p =>
        {
            UseBackend(p.GetValue(backend)!);
            var shardText = p.GetValue(shard);
            var chosen = p.GetValue(format) ?? (shardText is null ? "table" : "json");
            var fromFiles = ClaimFiles.Load(p.GetValue(claims));
            return Checking.Run(p.GetValue(ids) ?? [], p.GetValue(cases), p.GetValue(seed), shardText,
                new ReportOptions(chosen, p.GetValue(output), p.GetValue(baseline), p.GetValue(factor)), fromFiles, p.GetValue(claimsOnly));
        });
        return command;
    }

    private static Command MergeCommand()
    {
        var reports = new Argument<string[]>("reports") { Description = "the JSON reports of the N shards of a run (check --shard K/N --format json), in any order", Arity = ArgumentArity.OneOrMore };
        var format = FormatOption(json: "json");
        var output = new Option<string?>("--out") { Description = "write the merged report to this file (and print a one-line summary)" };
        var (baseline, factor) = BaselineOptions();
        var claims = ClaimFiles.Option();
        claims.Description = "with --baseline: a claims file of the run (repeatable), so that its claims missing from the shards count as disappeared only if they left the file";
        var command = new Command("merge", "Merge the shards' reports of a run into the report of the whole run (exit codes as check).") { reports, format, output, baseline, factor, claims };
        command.SetAction(p => Checking.Merge(p.GetValue(reports) ?? [], new ReportOptions(p.GetValue(format) ?? "table", p.GetValue(output), p.GetValue(baseline), p.GetValue(factor)),
            ClaimFiles.Load(p.GetValue(claims))));
        return command;
    }

    private static Option<string?> FormatOption(string json)
    {
        var format = new Option<string?>("--format") { Description = $"table (the default), {json}, markdown (a pull-request comment or $GITHUB_STEP_SUMMARY) or junit (JUnit XML)" };
        format.AcceptOnlyFromAmong("table", "json", "markdown", "junit");
        return format;
    }

    private static (Option<string?> Baseline, Option<double> Factor) BaselineOptions()
    {
        var baseline = new Option<string?>("--baseline") { Description = "a stored JSON report: list the regressions against it (a verdict changed, a claim disappeared, a counterexample changed, a residual grew) and exit 1 on any" };
        var factor = new Option<double>("--residual-factor")
        {
            Description = "with --baseline: a claim's largest residual may grow by this factor before it is a regression",
            DefaultValueFactory = _ => Reporting.Baseline.DefaultResidualFactor,
        };
        factor.Validators.Add(r => { if (!(r.GetValueOrDefault<double>() >= 1)) r.AddError("--residual-factor must be a number ≥ 1"); });
        return (baseline, factor);
    }

    private static Option<string> BackendOption()
    {
        var backend = new Option<string>("--backend")
        {
            Description = "auto (OpenBLAS when present), managed or openblas; the default comes from VERIFICATION_BACKEND, else auto",
            DefaultValueFactory = _ => Backend.Requested.ToString().ToLowerInvariant(),
        };
        backend.AcceptOnlyFromAmong("auto", "managed", "openblas");
        return backend;
    }

    private static void UseBackend(string name)
    {
        try
        {
            Backend.Use(Backend.Parse(name)!.Value);
        }
        catch (InvalidOperationException e)
        {
            throw new InputException(e.Message);
        }
    }

    private static Command DeriveCommand()
    {
        var id = new Argument<string>("id") { Description = "a derivable claim id (dropout.expectation, dropblock.expectation.as-stated, …)" };
        var size = new Option<string?>("--size") { Description = "sizes, e.g. 3,3,4 (in the order m,n,r,…) or m=3,n=3,r=4" };
        var format = new Option<string>("--format") { Description = "text, latex or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "latex", "json");
        var maxTerms = MaxTermsOption();
        var command = new Command("derive", "Derive both sides of an identity symbolically and their difference.") { id, size, format, maxTerms };
        command.SetAction(p =>
        {
            using var budget = WorkBudget.Limit(p.GetValue(maxTerms));
            return Deriving.Derive(p.GetValue(id)!, p.GetValue(size), p.GetValue(format)!);
        });
        return command;
    }

    private static Command SymbolicCommand()
    {
        var expression = new Argument<string>("expression") { Description = "an infix expression: + - * / ^, integers, 3/4, names like u1, U_11, theta or θ" };
        var bernoulli = new Option<string?>("--bernoulli") { Description = "mask variables z1,z2,… (idempotent, independent); takes the expectation over them" };
        var retain = new Option<string>("--retain") { Description = "the retain probability of each mask", DefaultValueFactory = _ => "theta" };
        var maxTerms = MaxTermsOption();
        var expand = new Command("expand", "Print the canonical form of an expression.") { expression, bernoulli, retain, maxTerms };
        expand.SetAction(p =>
        {
            using var budget = WorkBudget.Limit(p.GetValue(maxTerms));
            return Deriving.Expand(p.GetValue(expression)!, p.GetValue(bernoulli), p.GetValue(retain)!);
        });
        return new Command("symbolic", "The symbolic engine.") { expand };
    }

    /// <summary>The work budget of symbolic expansion: products of terms (default 10⁷, a few seconds here).</summary>
    public const long DefaultMaxTerms = 10_000_000;

    private static Option<long> MaxTermsOption()
    {
        var option = new Option<long>("--max-terms") { Description = "the most products of terms an expansion may form before it is refused", DefaultValueFactory = _ => DefaultMaxTerms };
        option.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1) r.AddError("--max-terms must be at least 1"); });
        return option;
    }

    private static Command PlotCommand()
    {
        var claim = new Argument<string>("claim") { Description = "the claim id (a claim with a figure; an unknown one lists them)" };
        var output = new Option<string?>("--out") { Description = "the PNG file to write" };
        var command = new Command("plot", "Draw a claim's pictures to a PNG file.") { claim, output };
        command.SetAction(p => Plotting.Run(p.GetValue(claim)!, p.GetValue(output)));
        return command;
    }

    private static Command EvalCommand()
    {
        var claim = new Argument<string?>("claim") { Description = "the claim id", Arity = ArgumentArity.ZeroOrOne };
        var input = new Option<string?>("--input") { Description = "a JSON file with the claim's inputs (use - for standard input)" };
        var describe = new Option<bool>("--describe") { Description = "print, as a Markdown table, every claim's eval inputs and the values eval returns" };
        var monteCarlo = new Option<bool>("--monte-carlo") { Description = "estimate by Monte Carlo instead of exact enumeration" };
        var samples = new Option<long>("--samples") { Description = "Monte Carlo sample budget", DefaultValueFactory = _ => 1 << 20 };
        var seed = new Option<ulong>("--seed") { Description = "Monte Carlo seed", DefaultValueFactory = _ => 1 };
        var maxWork = new Option<double>("--max-work") { Description = "the most multiply-adds a Monte Carlo estimate may take (default 1e11, about a minute here)", DefaultValueFactory = _ => 1e11 };
        var backend = BackendOption();
        var claims = ClaimFiles.Option();
        var command = new Command("eval", "Evaluate one claim on your own instance (JSON); prints JSON. Exit 0 holds, 1 does not hold, 2 bad input, 4 inconclusive.")
            { claim, input, describe, monteCarlo, samples, seed, maxWork, backend, claims };
        command.SetAction(p =>
        {
            if (p.GetValue(describe)) return Evaluation.Describe();
            UseBackend(p.GetValue(backend)!);
            var id = p.GetValue(claim) ?? throw new InputException("give a claim id (or --describe)");
            var path = p.GetValue(input) ?? throw new InputException("--input FILE is required (use - for standard input)");
            var budget = p.GetValue(maxWork);
            if (!(budget > 0) || !double.IsFinite(budget)) throw new InputException("--max-work must be a positive number");
            return Evaluation.Run(id, path, new EvalOptions(p.GetValue(monteCarlo), p.GetValue(samples), p.GetValue(seed)) { MaxWork = budget }, ClaimFiles.Load(p.GetValue(claims)));
        });
        return command;
    }
}
