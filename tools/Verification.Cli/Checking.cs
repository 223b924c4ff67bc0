using Spectre.Console;
using Verification.Engine;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Cli;

/// <summary>What `check` and `merge` were asked for besides the claims: the format, the output file, and the baseline.</summary>
public sealed record ReportOptions(string Format, string? Output, string? Baseline = null, double ResidualFactor = Reporting.Baseline.DefaultResidualFactor);

public static class Checking
{
    public static int Run(string[] ids, int cases, ulong seed, string? shard, ReportOptions options, IReadOnlyList<IClaim>? fromFiles = null, bool filesOnly = false)
    {
        if (cases < 1) return Cli.Fail("--cases must be at least 1");
        var pool = ClaimFiles.Pool(fromFiles ?? [], filesOnly);
        var unknown = ids.Where(id => pool.All(c => c.Id != id)).ToList();
        if (unknown.Count > 0) return Cli.Fail($"unknown claim id '{unknown[0]}' (run `list` to see the catalog)");
        ShardSpec? split = null;
        if (shard is not null)
        {
            try
            {
                split = ShardSpec.Parse(shard);
            }
            catch (ArgumentException e)
            {
                return Cli.Fail($"--shard: {e.Message}");
            }
            if (options.Format != "json") return Cli.Fail("a shard writes the JSON report that `merge` reads: use --format json with --shard");
            if (options.Baseline is not null) return Cli.Fail("--baseline compares a whole run: give it to `merge`, not to a shard");
        }
        var claims = ids.Length == 0 ? pool : ids.Distinct().Select(id => pool.First(c => c.Id == id)).ToList();
        var baseline = ReadBaseline(options);
        if (options.Output is not null) EnsureWritable(options.Output);
        // A claim of the baseline "exists" when it is in the catalog or in one of this run's claims files.
        var files = (fromFiles ?? []).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        bool Exists(string id) => Catalog.Contains(id) || files.Contains(id);

        // Ctrl-C stops the run between cases and exits 130, instead of killing it mid-report.
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var report = Run(claims, cases, seed, split, interrupt.Token) with { Shard = split };
            return Emit(Compare(report, baseline, options, Exists), options);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted: no report was written");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>`merge`: the shards' JSON reports combined into the whole run's report.</summary>
    public static int Merge(string[] files, ReportOptions options, IReadOnlyList<IClaim>? fromFiles = null)
    {
        if (files.Length == 0) return Cli.Fail("give the shard reports to merge (the JSON files of check --shard K/N --format json)");
        var shards = files.Select(f => Read(f, "report")).ToArray();
        var baseline = ReadBaseline(options);
        if (options.Output is not null) EnsureWritable(options.Output);
        RunReport merged;
        try
        {
            merged = Sharding.Merge(shards);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message);
        }
        var known = (fromFiles ?? []).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return Emit(Compare(merged, baseline, options, id => Catalog.Contains(id) || known.Contains(id)), options);
    }

    private static RunReport? ReadBaseline(ReportOptions options)
    {
        if (options.Baseline is null) return null;
        if (!(options.ResidualFactor >= 1)) throw new InputException("--residual-factor must be a number ≥ 1");
        var baseline = Read(options.Baseline, "baseline");
        if (baseline.Shard is not null) throw new InputException($"the baseline {options.Baseline} is one shard's report: merge the shards first");
        return baseline;
    }

    private static RunReport Read(string path, string what)
    {
        if (!File.Exists(path)) throw new InputException($"{what} file not found: {path}");
        try
        {
            return ReportReader.Read(File.ReadAllText(path), path);
        }
        catch (FormatException e)
        {
            throw new InputException(e.Message);
        }
    }

    private static RunReport Compare(RunReport report, RunReport? baseline, ReportOptions options, Func<string, bool>? exists = null) =>
        baseline is null ? report : report with { Baseline = Reporting.Baseline.Compare(report, baseline, options.ResidualFactor, options.Baseline!, exists ?? Catalog.Contains) };

    /// <summary>Fails before the run, not after it, when the report cannot be written.</summary>
    private static void EnsureWritable(string output)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null && !Directory.Exists(directory)) throw new InputException($"output folder not found: {directory}");
        using (new FileStream(output, FileMode.OpenOrCreate, FileAccess.Write)) { }
    }

    private static RunReport Run(IReadOnlyList<IClaim> claims, int cases, ulong seed, ShardSpec? shard, CancellationToken cancellation)
    {
        var reports = new List<ClaimReport>();
        RunSettings Settings() => new(cases, seed) { Cancellation = cancellation, Shard = shard };
        var interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (interactive)
        {
            AnsiConsole.Progress().AutoClear(true).Start(ctx =>
            {
                foreach (var claim in claims)
                {
                    var task = ctx.AddTask(Markup.Escape(claim.Id), maxValue: cases);
                    reports.Add(claim.Run(Settings() with { Progress = done => task.Value = done }));
                    task.Value = cases;
                }
            });
        }
        else
        {
            foreach (var claim in claims) reports.Add(claim.Run(Settings()));
        }
        return new RunReport(seed, cases, Backend.Active, reports);
    }

    private static int Emit(RunReport report, ReportOptions options)
    {
        var text = options.Format switch
        {
            "json" => ReportFormats.Json(report),
            "markdown" => ReportFormats.Markdown(report),
            "junit" => ReportFormats.Junit(report),
            _ => null,
        };
        if (options.Output is not null)
        {
            File.WriteAllText(options.Output, text ?? ReportFormats.Markdown(report));
            Summary(report);
        }
        else if (text is not null) Console.Out.Write(text);
        else Table(report);
        return ExitCodeFor(report);
    }

    /// <summary>
    /// 0 iff every claim's verdict equals its expected verdict and nothing regressed against the baseline, else 1. A shard's run
    /// exits 0 once its report is written: its verdicts are partial, and `merge` decides.
    /// </summary>
    public static int ExitCodeFor(RunReport report) =>
        report.Shard is not null || (report.AllAsExpected && !report.Regressed) ? Cli.ExitOk : Cli.ExitUnexpected;

    private static void Summary(RunReport report)
    {
        if (report.Shard is not null)
        {
            Console.Out.WriteLine($"shard {report.Shard}: {report.Claims.Count} claims checked (partial verdicts: merge the shards' reports for the run's)");
            return;
        }
        var unexpected = report.Claims.Count(c => !c.AsExpected);
        var regressions = report.Baseline is { } b ? $"; {b.Regressions.Count} {(b.Regressions.Count == 1 ? "regression" : "regressions")} against {b.Source}" : "";
        Console.Out.WriteLine($"{report.Claims.Count} claims checked, {report.Claims.Count - unexpected} as expected, {unexpected} not{regressions}");
    }

    private static void Table(RunReport report)
    {
        // Redirected output (CI logs, files) gets wide tables instead of Spectre's 80-column default.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;
        var table = new Table().AddColumns("id", "kind", "verdict", "expected", "cases", "held", "discarded", "inconcl.", "screened", "max residual", "time (s)");
        foreach (var c in report.Claims)
        {
            var colour = c.AsExpected ? "green" : "red";
            table.AddRow(Markup.Escape(c.Id), Names.Of(c.Kind), $"[{colour}]{Names.Of(c.Verdict)}[/]", Names.Of(c.Expected),
                c.Counts.Checked.ToString(), c.Counts.Held.ToString(), c.Counts.Discarded.ToString(), c.Counts.Inconclusive.ToString(), c.Counts.Screened.ToString(),
                ReportFormats.Format(c.MaxResidual), c.Seconds.ToString("0.000"));
        }
        AnsiConsole.Write(table);
        // Plain lines (no markup): they do not wrap, and they copy cleanly into a bug report.
        foreach (var c in report.Claims)
        {
            if (c.Health is not null) Console.Out.WriteLine($"Inconclusive {c.Id}: {c.Health}");
            if (c.Counterexample is { } x) Case($"Counterexample to {c.Id}", x);
            if (c.Error is { } e) Case($"Error in the check of {c.Id}", e);
        }
        if (report.Baseline is { } baseline)
        {
            Console.Out.WriteLine($"Against the baseline {baseline.Source} (residuals may grow ×{ReportFormats.Format(baseline.ResidualFactor)}): "
                                  + (baseline.Regressions.Count == 0 ? "no regression" : $"{baseline.Regressions.Count} regressions"));
            foreach (var r in baseline.Regressions) Console.Out.WriteLine($"  regression ({Reporting.Baseline.NameOf(r.Kind)}): {r.Message}");
            if (baseline.NewClaims.Count > 0) Console.Out.WriteLine($"  new claims: {string.Join(", ", baseline.NewClaims)}");
            foreach (var note in baseline.Notes) Console.Out.WriteLine($"  note: {note}");
        }
        Summary(report);
    }

    private static void Case(string heading, Counterexample x)
    {
        Console.Out.WriteLine($"{heading} ({x.ShrinkSteps} shrink steps): {x.Explanation}");
        foreach (var v in x.Instance) Console.Out.WriteLine($"  {v.Name} = {v.Value}");
        Console.Out.WriteLine($"  lhs = {x.Lhs}, rhs = {x.Rhs}, residual {ReportFormats.Format(x.Residual)} (tolerance {ReportFormats.Format(x.Tolerance)}: {x.ToleranceReason})");
        Console.Out.WriteLine($"  replay: {x.CSharpSnippet}");
    }
}
