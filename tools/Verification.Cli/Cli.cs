using System.CommandLine;
using Verification.Claims;

namespace Verification.Cli;

/// <summary>The command line: `list`, `check`, `eval`, `plot`. Exit codes: 0 as expected, 1 a verdict differs from its expected one, 2 bad input.</summary>
public static class Cli
{
    public const int ExitOk = 0;
    public const int ExitUnexpected = 1;
    public const int ExitBadInput = 2;

    public static int Run(string[] args)
    {
        var root = new RootCommand("Verification: the theory of deep learning (Vidal, JHU) as executable checks.");
        root.Subcommands.Add(ListCommand());
        root.Subcommands.Add(CheckCommand());
        root.Subcommands.Add(EvalCommand());
        root.Subcommands.Add(PlotCommand());

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"error: {parse.Errors[0].Message} (see --help)");
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
        catch (Verification.Dropout.EnumerationLimitException e)
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
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitBadInput;
    }

    private static Command ListCommand()
    {
        var format = new Option<string>("--format") { Description = "table, json or markdown", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "markdown");
        var command = new Command("list", "List every claim: id, kind, title, source.") { format };
        command.SetAction(p => Listing.Print(p.GetValue(format)!));
        return command;
    }

    private static Command CheckCommand()
    {
        var ids = new Argument<string[]>("ids") { Description = "claim ids (default: the whole catalog)", Arity = ArgumentArity.ZeroOrMore };
        var cases = new Option<int>("--cases") { Description = "random cases per claim", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "run seed; the same seed gives the same report", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "table, json or markdown", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "markdown");
        var output = new Option<string?>("--out") { Description = "write the report to this file" };
        var command = new Command("check", "Check claims and report their verdicts.") { ids, cases, seed, format, output };
        command.SetAction(p => Checking.Run(p.GetValue(ids) ?? [], p.GetValue(cases), p.GetValue(seed), p.GetValue(format)!, p.GetValue(output)));
        return command;
    }

    private static Command PlotCommand()
    {
        var claim = new Argument<string>("claim") { Description = "the claim id (plots exist for dropout.autoencoder-landscape)" };
        var output = new Option<string?>("--out") { Description = "the PNG file to write" };
        var command = new Command("plot", "Draw a claim's pictures to a PNG file.") { claim, output };
        command.SetAction(p => Plotting.Run(p.GetValue(claim)!, p.GetValue(output)));
        return command;
    }

    private static Command EvalCommand()
    {
        var claim = new Argument<string>("claim") { Description = "the claim id" };
        var input = new Option<string>("--input") { Description = "a JSON file with the claim's inputs (use - for standard input)", Required = true };
        var monteCarlo = new Option<bool>("--monte-carlo") { Description = "estimate by Monte Carlo instead of exact enumeration" };
        var samples = new Option<long>("--samples") { Description = "Monte Carlo sample budget", DefaultValueFactory = _ => 1 << 20 };
        var seed = new Option<ulong>("--seed") { Description = "Monte Carlo seed", DefaultValueFactory = _ => 1 };
        var command = new Command("eval", "Evaluate one claim on your own instance (JSON); prints JSON.") { claim, input, monteCarlo, samples, seed };
        command.SetAction(p => Evaluation.Run(p.GetValue(claim)!, p.GetValue(input)!,
            new EvalOptions(p.GetValue(monteCarlo), p.GetValue(samples), p.GetValue(seed))));
        return command;
    }
}
