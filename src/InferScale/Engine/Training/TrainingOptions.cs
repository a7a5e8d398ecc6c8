using InferScale.Tasks.Arith;

namespace InferScale.Engine.Training;

/// <summary>
/// Hyper-parameters of one training run. Everything here shapes the result, so a checkpoint stores it and a resumed
/// run must use the same values; thread counts are not here because they never change the result.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Optimiser steps in the run (the cosine schedule ends here).</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Rows per batch (B).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Positions per row (T); at most the model's context length.</summary>
    public int SequenceLength { get; init; } = 256;

    /// <summary>Peak learning rate, reached at the end of warm-up.</summary>
    public float LearningRate { get; init; } = 3e-3f;

    /// <summary>The cosine decay's floor as a fraction of <see cref="LearningRate"/>.</summary>
    public float MinLearningRateRatio { get; init; } = 0.1f;

    /// <summary>Steps of linear warm-up from <c>LearningRate/WarmupSteps</c> to <see cref="LearningRate"/>.</summary>
    public int WarmupSteps { get; init; } = 100;

    /// <summary>AdamW β1.</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>AdamW β2.</summary>
    public float Beta2 { get; init; } = 0.95f;

    /// <summary>AdamW ε.</summary>
    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>Decoupled weight decay, applied to projection matrices and an untied output head only (not to norms or the token embedding).</summary>
    public float WeightDecay { get; init; } = 0.1f;

    /// <summary>Global gradient-norm clip (≤ 0 disables clipping).</summary>
    public float GradClip { get; init; } = 1f;

    /// <summary>Seeds the initial weights and the data stream.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Share of arith training completions with a self-check <c>Wait</c> trace.</summary>
    public double SelfCheckRate { get; init; } = 0.15;

    /// <summary>How often each arith level appears in the training stream (default: uniform, levels cycle 1–5).</summary>
    public ArithLevelMix LevelMix { get; init; } = ArithLevelMix.Uniform;

    /// <summary>Also train on prompt tokens (default: the loss covers the completion and EOS only).</summary>
    public bool TrainOnPrompt { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option; <paramref name="config"/> bounds <see cref="SequenceLength"/>.</summary>
    public void Validate(TransformerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        static void Check(bool ok, string name, object value, string rule)
        {
            if (!ok)
                throw new ArgumentOutOfRangeException(name, $"{name} is {value}; it must be {rule}.");
        }

        Check(Steps >= 1, nameof(Steps), Steps, "≥ 1");
        Check(BatchSize >= 1, nameof(BatchSize), BatchSize, "≥ 1");
        Check(SequenceLength >= 2 && SequenceLength <= config.ContextLength, nameof(SequenceLength), SequenceLength, $"in 2..{config.ContextLength} (the context length)");
        Check(LearningRate > 0 && float.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "> 0");
        Check(MinLearningRateRatio is >= 0 and <= 1, nameof(MinLearningRateRatio), MinLearningRateRatio, "in [0, 1]");
        Check(WarmupSteps >= 0, nameof(WarmupSteps), WarmupSteps, "≥ 0");
        Check(Beta1 is >= 0 and < 1, nameof(Beta1), Beta1, "in [0, 1)");
        Check(Beta2 is >= 0 and < 1, nameof(Beta2), Beta2, "in [0, 1)");
        Check(Epsilon > 0, nameof(Epsilon), Epsilon, "> 0");
        Check(WeightDecay >= 0 && float.IsFinite(WeightDecay), nameof(WeightDecay), WeightDecay, "≥ 0");
        Check(float.IsFinite(GradClip), nameof(GradClip), GradClip, "finite");
        Check(SelfCheckRate is >= 0 and <= 1, nameof(SelfCheckRate), SelfCheckRate, "in [0, 1]");
        if (LevelMix is null)
            throw new ArgumentNullException(nameof(LevelMix), "LevelMix is null; use ArithLevelMix.Uniform for the default stream.");
        if ((long)BatchSize * SequenceLength > 1 << 22)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), $"BatchSize × SequenceLength is {(long)BatchSize * SequenceLength}; it must be ≤ {1 << 22}.");
    }
}
