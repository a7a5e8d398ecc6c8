using InferScale.Engine;
using InferScale.Engine.Reward;

namespace InferScale.Tests.Engine.Reward;

public sealed class RewardDocumentTests
{
    private static readonly ITokenizer Bytes = ByteTokenizer.Instance;

    [Fact]
    public void Create_Solution_ScoresEachNonBlankLineAtItsNewline()
    {
        var doc = RewardDocument.Create(Bytes, "P:\n", "a = 1\n\n b = 2 \nend");

        Assert.Equal(["a = 1", "b = 2", "end"], doc.Steps);
        Assert.Equal(Bytes.BosId, doc.Tokens[0]);
        Assert.Equal(3, doc.PromptEnd);
        Assert.All(doc.StepEnds, e => Assert.Equal('\n', doc.Tokens[e]));
        Assert.Equal(doc.Tokens.Length - 1, doc.StepEnds[^1]);
        Assert.Equal(1 + 3 + "a = 1\n\n b = 2 \nend\n".Length, doc.Tokens.Length);
    }

    [Fact]
    public void Create_StepPrefix_IsATokenPrefixOfTheFullDocument()
    {
        const string solution = "x = 3 + 4 = 7\ny = 7 * 2 = 14\n</think>\nThe answer is \\boxed{14}.\n";
        var full = RewardDocument.Create(Bytes, "Problem: …\n", solution);

        for (var k = 1; k <= full.Steps.Count; k++)
        {
            var prefix = RewardDocument.Create(Bytes, "Problem: …\n", RewardDocument.Prefix(solution, k));
            var withoutNewline = RewardDocument.Create(Bytes, "Problem: …\n", RewardDocument.Prefix(solution, k).TrimEnd('\n'));
            Assert.Equal(full.Tokens.Take(prefix.Tokens.Length), prefix.Tokens);
            Assert.Equal(full.StepEnds.Take(k), prefix.StepEnds);
            Assert.Equal(prefix.Tokens, withoutNewline.Tokens);
        }
    }

    [Fact]
    public void Create_EmptySolution_HasNoSteps()
    {
        var doc = RewardDocument.Create(Bytes, "P\n", "");

        Assert.Empty(doc.StepEnds);
        Assert.Equal(doc.Tokens.Length - 1, doc.PromptEnd);
    }

    [Fact]
    public void Prefix_MoreStepsThanTheSolutionHas_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardDocument.Prefix("a\nb\n", 3));
    }
}
