using InferScale.Engine;
using InferScale.Engine.Training;
using InferScale.Tasks.Arith;

namespace InferScale.Tests.Engine.Training;

public sealed class ArithTrainingDataTests
{
    private static readonly TrainingOptions Options = new() { Seed = 3, SelfCheckRate = 0.5 };

    [Fact]
    public void Batch_SameStepTwoInstances_Identical_OtherStepDiffers()
    {
        var a = new ArithTrainingData(ByteTokenizer.Instance, Options).Batch(17, 3, 256);
        var b = new ArithTrainingData(ByteTokenizer.Instance, Options).Batch(17, 3, 256);
        var c = new ArithTrainingData(ByteTokenizer.Instance, Options).Batch(18, 3, 256);

        Assert.Equal(a.Inputs, b.Inputs);
        Assert.Equal(a.LossMask, b.LossMask);
        Assert.NotEqual(a.Inputs, c.Inputs);
    }

    [Fact]
    public void Batch_MaskedTargets_AreExactlyTheCompletionsAndEos()
    {
        var data = new ArithTrainingData(ByteTokenizer.Instance, Options);
        var batch = data.Batch(5, 4, 256);
        batch.Validate(259, 256);
        var tok = ByteTokenizer.Instance;

        for (var b = 0; b < 4; b++)
        {
            var row = Enumerable.Range(b * 256, 256).ToArray();
            // Each document starts with BOS at position 0 and its prompt is not trained.
            var starts = row.Where(i => batch.Positions[i] == 0 && batch.Inputs[i] == tok.BosId).ToList();
            Assert.NotEmpty(starts);
            foreach (var s in starts)
            {
                var end = s;
                while (end + 1 < row[^1] + 1 && batch.Positions[end + 1] != 0)
                    end++;
                var trained = Enumerable.Range(s, end - s + 1).Where(i => batch.LossMask[i] == 1).Select(i => batch.Targets[i]).ToArray();
                var prompt = Enumerable.Range(s, end - s + 1).Where(i => batch.LossMask[i] == 0).Select(i => batch.Inputs[i]).ToArray();
                var completion = tok.Decode(trained);
                Assert.StartsWith("Problem: ", tok.Decode(prompt));
                Assert.EndsWith(ArithFormat.ThinkOpen, tok.Decode(prompt)); // the prompt's last token is the input that predicts the completion
                if (trained.Length > 0 && trained[^1] == tok.EosId)
                    Assert.EndsWith(ArithFormat.End, completion);
                Assert.DoesNotContain("Problem:", completion);
            }
        }
        Assert.Contains(batch.LossMask, m => m == 0);
        Assert.InRange(batch.TrainedTokens, 200, 800);
    }

    [Fact]
    public void Batch_TrainOnPrompt_MasksOnlyPaddingAndDocumentBoundaries()
    {
        var data = new ArithTrainingData(ByteTokenizer.Instance, Options with { TrainOnPrompt = true });
        var batch = data.Batch(0, 2, 256);

        for (var i = 0; i < batch.Inputs.Length; i++)
        {
            var sameDocument = i % 256 < 255 && batch.Positions[i + 1] == batch.Positions[i] + 1;
            var lastInRow = i % 256 == 255;
            if (!lastInRow)
                Assert.Equal(sameDocument ? 1f : 0f, batch.LossMask[i]);
        }
    }

    [Fact]
    public void Batch_SelfCheckRate_SomeDocumentsHaveWaitTraces()
    {
        var data = new ArithTrainingData(ByteTokenizer.Instance, Options);
        var text = string.Concat(Enumerable.Range(0, 10).Select(s => ByteTokenizer.Instance.Decode(data.Batch(s, 2, 256).Inputs)));

        Assert.Contains("Wait, ", text);
    }
}
