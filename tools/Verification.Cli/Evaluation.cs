using System.Text;
using Verification.Engine;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Cli;

/// <summary>`eval`: one claim on a user's instance, read by the claim's instance type and checked by the claim's own check.</summary>
public static class Evaluation
{
    public static int Run(string id, string inputPath, EvalOptions options, IReadOnlyList<IClaim>? fromFiles = null)
    {
        var claim = ClaimFiles.Find(id, fromFiles ?? []);
        if (claim is null) return Cli.Fail($"unknown claim id '{id}' (run `list` to see the catalog)");
        if (options.Samples < 2) return Cli.Fail("--samples must be at least 2");
        if (!claim.HasEval) return Cli.Fail($"claim '{id}' has no eval (its instances, {claim.InstanceTypeName}, are not read from JSON)");
        if (inputPath != "-" && !File.Exists(inputPath)) return Cli.Fail($"input file not found: {inputPath}");
        var json = BoundedInput.Read(inputPath);

        var report = claim.Evaluate(InputReader.FromJson(json, options));
        var outcome = report.Outcome;
        if (outcome.Status == OutcomeStatus.Discarded)
            return Cli.Fail($"the premise of {id} does not hold on this input: {outcome.Explanation}");
        if (outcome.Overflowed)
            return Cli.Fail($"{outcome.Explanation}; rescale the input{(claim.Modes.HasFlag(EvalModes.Exact) ? " or give it exactly (\"exact\": true)" : "")}");
        Console.Out.Write(Json(id, outcome));
        switch (outcome.Status)
        {
            case OutcomeStatus.Holds: return Cli.ExitOk;
            case OutcomeStatus.Fails: return Cli.ExitUnexpected;
            case OutcomeStatus.Inconclusive: return Cli.ExitInconclusive;
            default:
                Console.Error.WriteLine($"internal error: {outcome.Explanation} (please report it with the input)");
                return Cli.ExitInternal;
        }
    }

    /// <summary>
    /// The eval output: claim, status, holds, lhs, rhs, residual (exact when the check was exact), tolerance and its reason,
    /// explanation, backend, then the check's details in its order.
    /// </summary>
    public static string Json(string id, Outcome outcome) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("claim", id);
        w.WriteString("status", Names.Of(outcome.Status));
        if (outcome.IsConclusive) w.WriteBoolean("holds", outcome.Holds);
        else w.WriteNull("holds");
        JsonOutput.WriteValue(w, "lhs", outcome.Lhs);
        JsonOutput.WriteValue(w, "rhs", outcome.Rhs);
        var exactResidual = outcome.Details.FirstOrDefault(d => d.Name == "residualExact");
        if (exactResidual is not null) JsonOutput.WriteValue(w, "residual", exactResidual.Value);
        else JsonOutput.WriteNumber(w, "residual", outcome.Residual);
        JsonOutput.WriteNumber(w, "tolerance", outcome.Tolerance.Bound);
        w.WriteString("toleranceReason", outcome.Tolerance.Reason);
        w.WriteString("explanation", outcome.Explanation);
        w.WriteString("backend", Backend.Active);
        foreach (var d in outcome.Details.Where(d => d.Name != "residualExact")) JsonOutput.WriteValue(w, d.Name, d.Value);
        w.WriteEndObject();
    });

    /// <summary>
    /// `eval --describe`: a Markdown table of every claim with an eval, grouped by the same inputs and outputs: its inputs (from
    /// the instance type) and what eval returns besides status, holds, lhs and rhs (the details the check reports on the
    /// instance type's sample input, so the table cannot drift from the code).
    /// </summary>
    public static int Describe()
    {
        Console.Out.Write(DescribeMarkdown());
        return Cli.ExitOk;
    }

    public static string DescribeMarkdown()
    {
        var rows = new List<(List<string> Ids, string Inputs, string Outputs)>();
        foreach (var claim in Catalog.All.Where(c => c.HasEval))
        {
            var inputs = string.Join("; ", claim.Inputs.Select(i => $"`{i.Name}` {i.Description}"));
            var outputs = "";
            if (claim.SampleInput is { } sample)
            {
                var outcome = claim.Evaluate(InputReader.FromJson(sample, new EvalOptions())).Outcome;
                outputs = string.Join(", ", outcome.Details.Where(d => d.Name != "residualExact").Select(d => $"`{d.Name}`"));
            }
            var row = rows.FindIndex(r => r.Inputs == inputs && r.Outputs == outputs);
            if (row >= 0) rows[row].Ids.Add(claim.Id);
            else rows.Add(([claim.Id], inputs, outputs));
        }
        var sb = new StringBuilder("| claims | inputs | what `eval` returns besides `status`, `holds`, `lhs`, `rhs` |\n|---|---|---|\n");
        foreach (var (ids, inputs, outputs) in rows)
            sb.Append($"| {string.Join(", ", ids.Select(i => $"`{i}`"))} | {inputs} | {(outputs.Length == 0 ? "—" : outputs)} |\n");
        return sb.ToString();
    }
}
