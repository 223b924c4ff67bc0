using Spectre.Console;
using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Cli;

public static class Checking
{
    public static int Run(string[] ids, int cases, ulong seed, string format, string? output, IReadOnlyList<IClaim>? fromFiles = null, bool filesOnly = false)
    {
        if (cases < 1) return Cli.Fail("--cases must be at least 1");
        var pool = ClaimFiles.Pool(fromFiles ?? [], filesOnly);
        var unknown = ids.Where(id => pool.All(c => c.Id != id)).ToList();
        if (unknown.Count > 0) return Cli.Fail($"unknown claim id '{unknown[0]}' (run `list` to see the catalog)");
        var claims = ids.Length == 0 ? pool : ids.Distinct().Select(id => pool.First(c => c.Id == id)).ToList();
        if (output is not null) EnsureWritable(output);

        // Ctrl-C stops the run between cases and exits 130, instead of killing it mid-report.
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return Run(claims, cases, seed, format, output, interrupt.Token);
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

    /// <summary>Fails before the run, not after it, when the report cannot be written.</summary>
    private static void EnsureWritable(string output)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null && !Directory.Exists(directory)) throw new Input.InputException($"output folder not found: {directory}");
        using (new FileStream(output, FileMode.OpenOrCreate, FileAccess.Write)) { }
    }

    private static int Run(IReadOnlyList<IClaim> claims, int cases, ulong seed, string format, string? output, CancellationToken cancellation)
    {

        var reports = new List<ClaimReport>();
        var interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (interactive)
        {
            AnsiConsole.Progress().AutoClear(true).Start(ctx =>
            {
                foreach (var claim in claims)
                {
                    var task = ctx.AddTask(Markup.Escape(claim.Id), maxValue: cases);
                    reports.Add(claim.Run(new RunSettings(cases, seed) { Progress = done => task.Value = done, Cancellation = cancellation }));
                    task.Value = cases;
                }
            });
        }
        else
        {
            foreach (var claim in claims) reports.Add(claim.Run(new RunSettings(cases, seed) { Cancellation = cancellation }));
        }

        var report = new RunReport(seed, cases, Backend.Active, reports);
        var text = format switch
        {
            "json" => ReportFormats.Json(report),
            "markdown" => ReportFormats.Markdown(report),
            _ => null,
        };
        if (output is not null)
        {
            File.WriteAllText(output, text ?? ReportFormats.Markdown(report));
            Summary(report);
        }
        else if (text is not null) Console.Out.Write(text);
        else Table(report);
        return ExitCodeFor(report);
    }

    /// <summary>0 iff every claim's verdict equals its expected verdict, else 1.</summary>
    public static int ExitCodeFor(RunReport report) => report.AllAsExpected ? Cli.ExitOk : Cli.ExitUnexpected;

    private static void Summary(RunReport report)
    {
        var unexpected = report.Claims.Count(c => !c.AsExpected);
        Console.Out.WriteLine($"{report.Claims.Count} claims checked, {report.Claims.Count - unexpected} as expected, {unexpected} not");
    }

    private static void Table(RunReport report)
    {
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
