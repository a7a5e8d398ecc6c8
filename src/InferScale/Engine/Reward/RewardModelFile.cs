using InferScale.Engine.Training;

namespace InferScale.Engine.Reward;

/// <summary>A reward model loaded from GGUF by <see cref="RewardGguf.Load(string)"/>: the llama trunk, the value head and what it predicts.</summary>
public sealed class RewardModelFile
{
    /// <summary>Trunk shape, from the <c>llama.*</c> keys.</summary>
    public required TransformerConfig Config { get; init; }

    /// <summary>Trunk weights (float32).</summary>
    public required TransformerWeights Weights { get; init; }

    /// <summary>The scalar head.</summary>
    public required ValueHeadWeights ValueHead { get; init; }

    /// <summary>Process or outcome model (<c>inferscale.reward.kind</c>).</summary>
    public required RewardModelKind Kind { get; init; }

    /// <summary>The tokenizer the file describes.</summary>
    public required ITokenizer Tokenizer { get; init; }

    /// <summary><c>general.name</c>, or the file name.</summary>
    public required string Name { get; init; }

    /// <summary>The policy whose samples and rollouts made the labels (<c>inferscale.reward.policy</c>), if recorded.</summary>
    public string? Policy { get; init; }

    /// <summary>A training model holding these weights (for scoring or further training).</summary>
    public TrainingModel ToTrainingModel() => TrainingModel.FromWeights(Config, Weights, ValueHead);
}
