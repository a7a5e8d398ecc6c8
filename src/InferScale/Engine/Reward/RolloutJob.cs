namespace InferScale.Engine.Reward;

/// <summary>
/// One sample to draw: fork <see cref="Parent"/> at <see cref="Length"/> positions and continue it, the first token
/// drawn from <see cref="Logits"/> (the model's output after the parent's position <c>Length − 1</c>), with the random
/// stream <c>SampleRandom(Seed, Index)</c> — the stream <see cref="EngineGenerator"/> gives sample <c>Index</c> of a
/// request seeded with <c>Seed</c>, so a rollout equals that generator sample.
/// </summary>
internal sealed class RolloutJob(SequenceHandle parent, int length, float[] logits, ulong seed, int index)
{
    public SequenceHandle Parent { get; } = parent;

    public int Length { get; } = length;

    public float[] Logits { get; } = logits;

    public ulong Seed { get; } = seed;

    public int Index { get; } = index;

    /// <summary>The generated text (EOS not included), set when the rollout finished.</summary>
    public string? Text { get; set; }

    /// <summary>Tokens generated (a final EOS included, as the generator counts them).</summary>
    public int Tokens { get; set; }
}
