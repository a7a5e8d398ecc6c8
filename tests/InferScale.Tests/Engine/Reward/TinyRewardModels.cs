using InferScale.Engine;
using InferScale.Engine.Reward;
using InferScale.Engine.Training;
using InferScale.Tasks.Arith;

namespace InferScale.Tests.Engine.Reward;

/// <summary>Small byte-level reward models and labelled arith solutions for the reward tests.</summary>
internal static class TinyRewardModels
{
    public static ByteTokenizer Tokenizer => ByteTokenizer.Instance;

    /// <summary>The <c>tiny</c> preset (byte vocabulary) with a value head, randomly initialised.</summary>
    public static TrainingModel Create(ulong seed, int context = 320) =>
        TrainingModel.CreateInitialized(ModelPresets.Get("tiny", Tokenizer.VocabSize) with { ContextLength = context }, seed, valueHead: true);

    /// <summary>Writes <paramref name="model"/> as a reward GGUF to a temporary file and returns its path.</summary>
    public static string Save(TrainingModel model, RewardModelKind kind = RewardModelKind.Process)
    {
        var path = Path.Combine(Path.GetTempPath(), $"inferscale-rm-{Guid.NewGuid():N}.gguf");
        RewardGguf.Save(path, model, Tokenizer.Vocabulary, "tiny-rm", kind, "tiny-policy");
        return path;
    }

    /// <summary>
    /// Training problems' reference solutions labelled 1 at every step, and copies whose first computed value is off
    /// by one labelled 0 at every step; problems cycle through the first <paramref name="levels"/> levels.
    /// </summary>
    public static List<LabelledSolution> Labelled(int problems, int levels = 1)
    {
        var generator = new ArithGenerator();
        var list = new List<LabelledSolution>();
        for (var i = 0; i < problems; i++)
        {
            var index = 5L * (i / levels) + i % levels;
            var p = generator.Training(index);
            var good = p.Solution;
            var lines = good.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var first = lines[0];
            var eq = first.LastIndexOf(" = ", StringComparison.Ordinal);
            var wrongValue = long.Parse(first[(eq + 3)..], System.Globalization.CultureInfo.InvariantCulture) + 1;
            var bad = string.Join('\n', [$"{first[..eq]} = {wrongValue}", .. lines.Skip(1)]) + "\n";
            list.Add(Solution(index, p, 0, good, true, [.. lines.Select(_ => 1.0)]));
            list.Add(Solution(index, p, 1, bad, false, [.. lines.Select(_ => 0.0)]));
        }
        return list;
    }

    private static LabelledSolution Solution(long index, ArithProblem p, int sample, string text, bool correct, double[] values) => new()
    {
        ProblemIndex = index,
        ProblemId = p.Id,
        Level = p.Level,
        Prompt = p.Prompt,
        Gold = p.Answer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Sample = sample,
        Solution = text,
        Correct = correct,
        StepValues = values,
    };
}
