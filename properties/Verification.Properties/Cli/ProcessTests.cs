using System.Diagnostics;
using System.Text.Json;
using Verification.Engine;
using Verification.Properties.Engine;
using Xunit;

namespace Verification.Properties.Cli;

/// <summary>Runs the built command line as separate processes (`dotnet Verification.Cli.dll …`), as CI and a shell do.</summary>
public static class CliProcess
{
    /// <summary>The command line's build output beside this test build (same configuration).</summary>
    public static string Dll { get; } = Path.Combine(Snapshots.Snapshot.RepositoryRoot, "tools", "Verification.Cli", "bin",
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug", "net10.0", "Verification.Cli.dll");

    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info)!;
    }

    public static (int Code, string Out, string Err) Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}

/// <summary>
/// The fan-out path end to end: four `check --shard K/4` processes in parallel, then `merge`, give the report of one
/// unsharded `check` process (timing aside); and `list` loads neither the plotting nor the console-table libraries.
/// </summary>
public class ProcessTests
{
    private static readonly string[] Ids = ["dropout.expectation", "dropout.expectation.control", "nuclear.variational"];

    [Fact]
    public void Four_shard_processes_merged_equal_the_unsharded_run()
    {
        var folder = Directory.CreateTempSubdirectory("verification-shards-").FullName;
        var env = new Dictionary<string, string> { ["VERIFICATION_BACKEND"] = "managed" };
        string[] Common(string format, string output) => [.. Ids, "--seed", TestSettings.Seed.ToString(), "--cases", "60", "--format", format, "--out", output];

        var shards = Enumerable.Range(1, 4)
            .Select(k => CliProcess.Start(env, ["check", .. Common("json", Path.Combine(folder, $"shard-{k}.json")), "--shard", $"{k}/4"]))
            .ToArray();
        foreach (var p in shards)
        {
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        }
        var whole = CliProcess.Run(env, ["check", .. Common("json", Path.Combine(folder, "whole.json"))]);
        Assert.True(whole.Code == 0, whole.Err);
        var files = Enumerable.Range(1, 4).Select(k => Path.Combine(folder, $"shard-{k}.json")).Reverse().ToArray();
        var merged = CliProcess.Run(env, ["merge", .. files, "--format", "json", "--out", Path.Combine(folder, "merged.json")]);
        Assert.True(merged.Code == 0, merged.Err);

        var expected = ShardingTests.WithoutTiming(File.ReadAllText(Path.Combine(folder, "whole.json")));
        Assert.Equal(expected, ShardingTests.WithoutTiming(File.ReadAllText(Path.Combine(folder, "merged.json"))));
        using var shard = JsonDocument.Parse(File.ReadAllText(files[0]));
        Assert.Equal(4, shard.RootElement.GetProperty("shard").GetProperty("index").GetInt32());
        Assert.Contains("refuted", expected);
    }

    [Fact]
    public void Merge_of_an_incomplete_split_is_bad_input()
    {
        var folder = Directory.CreateTempSubdirectory("verification-shards-").FullName;
        var path = Path.Combine(folder, "shard-1.json");
        Assert.Equal(0, CliProcess.Run(null, "check", "nuclear.variational", "--cases", "8", "--shard", "1/2", "--out", path).Code);
        var (code, _, err) = CliProcess.Run(null, "merge", path);
        Assert.Equal(2, code);
        Assert.Contains("1/2 to 2/2", err);
    }

    [Fact]
    public void List_loads_neither_the_plotting_nor_the_table_library()
    {
        var log = Path.Combine(Path.GetTempPath(), $"assemblies-{Guid.NewGuid():N}.txt");
        var env = new Dictionary<string, string>
        {
            ["DOTNET_STARTUP_HOOKS"] = typeof(ProcessTests).Assembly.Location,
            [StartupHook.Variable] = log,
        };
        var (code, output, err) = CliProcess.Run(env, "list");
        Assert.True(code == 0, err);
        Assert.Contains("nuclear.variational", output);
        var loaded = File.ReadAllLines(log);
        Assert.Contains("Verification", loaded);
        foreach (var heavy in new[] { "ScottPlot", "SkiaSharp", "Spectre.Console" }) Assert.DoesNotContain(heavy, loaded);

        var plot = Path.Combine(Path.GetTempPath(), $"plot-{Guid.NewGuid():N}.png");
        Assert.Equal(0, CliProcess.Run(env, "plot", "dropout.autoencoder-landscape", "--out", plot).Code);
        Assert.Contains("ScottPlot", File.ReadAllLines(log));
    }
}
