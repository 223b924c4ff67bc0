using Verification.Input;
using Verification.Reporting;
using Verification.Topics.Symbolic;
using Verification.Symbolic;
using Verification.Symbolic.Derivations;

namespace Verification.Cli;

/// <summary>`derive ID` prints a symbolic derivation; `symbolic expand EXPR` prints a canonical form.</summary>
public static class Deriving
{
    public static int Derive(string id, string? sizeText, string format)
    {
        if (id.EndsWith(DerivationClaims.Suffix)) id = id[..^DerivationClaims.Suffix.Length];
        if (!Derivations.Ids.Contains(id))
            return Cli.Fail($"no derivation for '{id}'; derivable ids: {string.Join(", ", Derivations.Ids)}");
        var size = sizeText is null ? Derivations.DefaultSizes(id)[0] : ParseSize(id, sizeText);
        var d = Derivations.Find(id, size);
        var text = format switch
        {
            "json" => Json(d),
            "latex" => $"% {d.Id} at {d.Size}: {(d.Holds ? "holds" : "does not hold")}\n\\begin{{aligned}}\n\\text{{lhs}} &= {d.LhsLatex} \\\\\n\\text{{rhs}} &= {d.RhsLatex} \\\\\n\\text{{lhs}} - \\text{{rhs}} &= {d.DifferenceLatex}\n\\end{{aligned}}\n",
            _ => $"{d.Id} at {d.Size}: {(d.Holds ? "holds" : "DOES NOT HOLD")}\nlhs = {InfixPrinter.Print(d.Lhs)}\nrhs = {InfixPrinter.Print(d.Rhs)}\nlhs - rhs = {InfixPrinter.Print(d.Difference)}\n",
        };
        Console.Out.Write(text);
        return Cli.ExitOk;
    }

    /// <summary>"3,3,4" (the default size's dimensions in order) or "m=3,n=3,r=4" (named, others as default).</summary>
    public static DerivationSize ParseSize(string id, string text)
    {
        var defaults = Derivations.DefaultSizes(id)[0];
        var names = defaults.Dimensions.Select(d => d.Key).ToList();
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var size = defaults;
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=');
            var name = eq >= 0 ? parts[i][..eq].Trim() : (i < names.Count ? names[i] : throw new InputException($"--size has {parts.Length} values but {id} has {names.Count} dimensions ({string.Join(",", names)})"));
            var valueText = eq >= 0 ? parts[i][(eq + 1)..] : parts[i];
            if (!names.Contains(name) && name != "identityX") throw new InputException($"{id} has no dimension '{name}' (dimensions: {string.Join(",", names)})");
            if (!int.TryParse(valueText, out var value) || value < (name == "identityX" ? 0 : 1) || value > 6)
                throw new InputException($"--size: '{parts[i]}' must be an integer between 1 and 6");
            size = size.With(name, value);
        }
        return size;
    }

    private static string Json(Derivation d) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", d.Id);
        w.WriteStartObject("size");
        foreach (var dim in d.Size.Dimensions) w.WriteNumber(dim.Key, dim.Value);
        w.WriteEndObject();
        w.WriteString("statement", d.Statement);
        w.WriteString("lhs", InfixPrinter.Print(d.Lhs));
        w.WriteString("rhs", InfixPrinter.Print(d.Rhs));
        w.WriteString("difference", InfixPrinter.Print(d.Difference));
        w.WriteBoolean("holds", d.Holds);
        w.WriteString("lhsLatex", d.LhsLatex);
        w.WriteString("rhsLatex", d.RhsLatex);
        w.WriteString("differenceLatex", d.DifferenceLatex);
        w.WriteEndObject();
    });

    public static int Expand(string expression, string? bernoulli, string retain)
    {
        RationalFunction result;
        try
        {
            result = Parser.Parse(expression).Canonical();
        }
        catch (ParseException e)
        {
            return Cli.Fail(e.Message);
        }
        catch (DivideByZeroException)
        {
            return Cli.Fail("division by zero: a denominator of the expression expands to 0");
        }
        if (!string.IsNullOrWhiteSpace(bernoulli))
        {
            var masks = bernoulli.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Polynomial retainPolynomial;
            try
            {
                var r = Parser.Parse(retain).Canonical();
                if (!r.IsPolynomial) return Cli.Fail($"--retain must be a polynomial (a symbol such as theta), got '{retain}'");
                retainPolynomial = r.Numerator;
            }
            catch (ParseException e)
            {
                return Cli.Fail($"--retain: {e.Message}");
            }
            try
            {
                result = BernoulliMasks.Create(retainPolynomial, masks).Expectation(result);
            }
            catch (ArgumentException e)
            {
                return Cli.Fail(e.Message);
            }
        }
        Console.Out.WriteLine(InfixPrinter.Print(result));
        return Cli.ExitOk;
    }
}
