using System.Text.Json.Nodes;
using InferScale.Verification;

namespace InferScale.Tests.Verification;

/// <summary>Agreement with the labelled cases of Math-Verify's own test suite (shared data, 268 cases).</summary>
public sealed class MathVerifyCasesTests
{
    [Fact]
    public void Verify_MathVerifyCases_AgreesWithAtLeast95Percent()
    {
        var lines = File.ReadAllLines(InferScale.Tests.Support.RepoPaths.Shared("answer-equivalence", "math-verify-cases.jsonl")).Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal(268, lines.Count);
        var disagreements = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var record = JsonNode.Parse(lines[i])!.AsObject();
            var expected = (record["expected"] ?? record["result"])!.GetValue<int>() != 0;
            var actual = MathAnswerChecker.Default.Verify(record["gold"]!.GetValue<string>(), record["pred"]!.GetValue<string>()).IsEquivalent;
            if (actual != expected)
                disagreements.Add(i + 1);
        }
        var agreement = 1.0 - (double)disagreements.Count / lines.Count;
        Assert.True(agreement >= 0.95, $"agreement {agreement:P1}; disagreeing lines: {string.Join(", ", disagreements)}");
    }
}
