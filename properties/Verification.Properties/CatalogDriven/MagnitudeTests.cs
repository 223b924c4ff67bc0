using System.Globalization;
using System.Text.Json.Nodes;
using Verification.Engine;
using Verification.Input;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.CatalogDriven;

/// <summary>
/// Issue 9's magnitude class, for every theorem of the catalog with <c>eval</c> (so a new topic is covered without a line
/// here): its sample input with every matrix and vector entry scaled by 10^k, k from −320 to 300, is either refused
/// (bad input, a limit), inconclusive (overflow, lost precision), or holds. A theorem never fails because of magnitude.
/// </summary>
public class MagnitudeTests
{
    public static TheoryData<string, int> TheoremsWithEval()
    {
        var data = new TheoryData<string, int>();
        foreach (var c in Verification.Catalog.All.Where(c => c.HasEval && c.Kind == ClaimKind.Theorem && c.SampleInput is not null))
            foreach (var k in new[] { -320, -300, -150, 150, 200, 300 })
                data.Add(c.Id, k);
        return data;
    }

    /// <summary>The sample input with every number inside an array (matrix and vector entries) multiplied by 10^k.</summary>
    public static string Scaled(string json, int exponent)
    {
        var root = JsonNode.Parse(json)!;
        var factor = Math.Pow(10, exponent);
        JsonNode? Scale(JsonNode? node, bool inArray) => node switch
        {
            JsonArray a => new JsonArray(a.Select(x => Scale(x, true)).ToArray()),
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Scale(p.Value, false)))),
            JsonValue v when inArray && v.TryGetValue<double>(out var d) => JsonValue.Create(d * factor),
            _ => node?.DeepClone(),
        };
        return Scale(root, false)!.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(TheoremsWithEval))]
    public void A_theorem_never_fails_because_of_magnitude(string id, int exponent)
    {
        var claim = Verification.Catalog.Find(id);
        var json = Scaled(claim.SampleInput!, exponent);
        Outcome outcome;
        try
        {
            outcome = claim.Evaluate(InputReader.FromJson(json, new EvalOptions())).Outcome;
        }
        catch (Exception e) when (e is InputException or ArgumentException or LimitExceededException)
        {
            return; // refused with a reason: what eval prints as one line and exit 2
        }
        Assert.True(!outcome.IsConclusive || outcome.Holds,
            $"{id} at 10^{exponent.ToString(CultureInfo.InvariantCulture)}: {Names.Of(outcome.Status)}: {outcome.Explanation}\ninput: {json}");
    }

    [Fact]
    public void Scaling_reaches_the_entries_and_leaves_scalars_alone()
    {
        var scaled = JsonNode.Parse(Scaled("{\"Y\": [[1, 2]], \"theta\": 0.5, \"r\": 2}", 200))!;
        Assert.Equal(2e200, scaled["Y"]![0]![1]!.GetValue<double>());
        Assert.Equal(0.5, scaled["theta"]!.GetValue<double>());
    }
}
