using System.Text;
using System.Text.Json;
using Verification.Claims;

namespace Verification.Cli;

public static class Evaluation
{
    public static int Run(string id, string inputPath, EvalOptions options)
    {
        if (!Catalog.Contains(id)) return Cli.Fail($"unknown claim id '{id}' (run `list` to see the catalog)");
        if (options.Samples < 2) return Cli.Fail("--samples must be at least 2");
        string json;
        if (inputPath == "-") json = Console.In.ReadToEnd();
        else if (!File.Exists(inputPath)) return Cli.Fail($"input file not found: {inputPath}");
        else json = File.ReadAllText(inputPath);

        var input = ClaimInput.FromJson(json, options);
        var outcome = Catalog.Find(id).Evaluate(input);

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("claim", id);
            w.WriteBoolean("holds", outcome.Holds);
            w.WritePropertyName("lhs");
            ReportFormats.WriteValue(w, outcome.Lhs);
            w.WritePropertyName("rhs");
            ReportFormats.WriteValue(w, outcome.Rhs);
            w.WritePropertyName("residual");
            var exactResidual = outcome.Details.FirstOrDefault(d => d.Name == "residualExact");
            if (exactResidual is not null) ReportFormats.WriteValue(w, exactResidual.Value);
            else ReportFormats.WriteNumber(w, outcome.Residual);
            w.WritePropertyName("tolerance");
            ReportFormats.WriteNumber(w, outcome.Tolerance);
            w.WriteString("explanation", outcome.Explanation);
            w.WriteString("backend", Verification.LinearAlgebra.Backend.Active);
            foreach (var d in outcome.Details.Where(d => d.Name != "residualExact"))
            {
                w.WritePropertyName(d.Name);
                ReportFormats.WriteValue(w, d.Value);
            }
            w.WriteEndObject();
        }
        Console.Out.Write(Encoding.UTF8.GetString(stream.ToArray()) + "\n");
        return Cli.ExitOk;
    }
}
