using InferScale.Engine.Reward;
using InferScale.Engine.Training;
using Xunit.Abstractions;

namespace InferScale.Tests.Engine.Reward;

public sealed class RewardTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void Train_TinyRewardModelOnAHandfulOfLabelledSolutions_LossFalls()
    {
        // Two reference solutions labelled 1 and their off-by-one copies labelled 0, the same batch every step.
        var data = new RewardTrainingData(TinyRewardModels.Tokenizer, TinyRewardModels.Labelled(2), RewardModelKind.Process, seed: 1);
        var options = new TrainingOptions { Steps = 30, BatchSize = 2, SequenceLength = 192, LearningRate = 1e-2f, WarmupSteps = 2, Seed = 1 };
        var trainer = Trainer.FromModel(TinyRewardModels.Create(1, context: 192), options, new SameBatch(data.Batch(0, 2, 192)));

        var losses = new List<float>();
        while (!trainer.IsComplete)
            losses.Add(trainer.RunStep().Loss);

        var first = losses[0];
        var last = losses.TakeLast(3).Average();
        output.WriteLine($"loss {first:F4} → {last:F4}: {string.Join(" ", losses.Select(l => l.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.True(last < first * 0.5, $"loss did not fall: {first:F4} → {last:F4}");
    }

    [Fact]
    public void Batch_ProcessLabels_SitOnEachStepsNewlineWithItsValue()
    {
        var one = TinyRewardModels.Labelled(1)[0];
        one = one with { StepValues = [.. one.StepValues.Select((_, i) => 0.1 * (i + 1))] };
        var data = new RewardTrainingData(TinyRewardModels.Tokenizer, [one], RewardModelKind.Process, seed: 4);

        var batch = data.Batch(0, 1, 320);

        var weighted = Enumerable.Range(0, batch.LossMask.Length).Where(i => batch.LossMask[i] != 0).ToList();
        Assert.Equal(one.StepValues.Count, weighted.Count);
        Assert.All(weighted, i => Assert.Equal('\n', batch.Inputs[i]));
        Assert.Equal(one.StepValues.Select(v => (float)v), weighted.Select(i => batch.ValueTargets[i]));
        Assert.Equal(one.Prompt + one.Solution, new string([.. batch.Inputs.Skip(1).Take(one.Prompt.Length + one.Solution.Length).Select(t => (char)t)]));
        batch.Validate(259, 320);
    }

    [Fact]
    public void Batch_OutcomeLabels_AreTheOutcomeAtEveryStep()
    {
        foreach (var s in TinyRewardModels.Labelled(1))
        {
            var data = new RewardTrainingData(TinyRewardModels.Tokenizer, [s with { StepValues = [.. s.StepValues.Select(_ => 0.5)] }], RewardModelKind.Outcome, seed: 4);

            var batch = data.Batch(0, 1, 320);

            var labels = Enumerable.Range(0, batch.LossMask.Length).Where(i => batch.LossMask[i] != 0).Select(i => batch.ValueTargets[i]).ToList();
            Assert.Equal(s.StepValues.Count, labels.Count);
            Assert.All(labels, v => Assert.Equal(s.Correct ? 1f : 0f, v));
        }
    }

    [Fact]
    public void Batch_SameStep_IsAPureFunctionOfSeedAndStep()
    {
        var labelled = TinyRewardModels.Labelled(5);
        var a = new RewardTrainingData(TinyRewardModels.Tokenizer, labelled, RewardModelKind.Process, seed: 9);
        var b = new RewardTrainingData(TinyRewardModels.Tokenizer, labelled, RewardModelKind.Process, seed: 9);

        _ = a.Batch(0, 2, 320);
        var late = a.Batch(7, 2, 320);
        var direct = b.Batch(7, 2, 320);

        Assert.Equal(late.Inputs, direct.Inputs);
        Assert.Equal(late.ValueTargets, direct.ValueTargets);
        Assert.NotEqual(late.Inputs, a.Batch(8, 2, 320).Inputs);
    }

    [Fact]
    public void Create_ValuesDoNotMatchSteps_ThrowsNamingTheSolution()
    {
        var labelled = TinyRewardModels.Labelled(1);
        labelled[0] = labelled[0] with { StepValues = [1.0] };

        var ex = Assert.Throws<ArgumentException>(() => new RewardTrainingData(TinyRewardModels.Tokenizer, labelled, RewardModelKind.Process, 1));

        Assert.Contains(labelled[0].ProblemId, ex.Message, StringComparison.Ordinal);
    }

    private sealed class SameBatch(TrainingBatch batch) : ITrainingData
    {
        public TrainingBatch Batch(long step, int batchSize, int sequenceLength) => batch;
    }
}
