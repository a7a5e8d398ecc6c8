namespace InferScale.Generation;

/// <summary>
/// How tokens are drawn. Immutable; validated by <see cref="Validate"/> (generators call it once per request).
/// </summary>
public sealed record SamplingOptions
{
    /// <summary>Greedy decoding (temperature 0).</summary>
    public static SamplingOptions Greedy { get; } = new() { Temperature = 0 };

    /// <summary>Softmax temperature; 0 means greedy. Default 1.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus threshold in (0, 1]; 1 disables. Default 1.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Keep only the k most likely tokens; 0 disables. Default 0.</summary>
    public int TopK { get; init; }

    /// <summary>Drop tokens whose probability is below <c>MinP</c> times the most likely one's; 0 disables. Default 0.</summary>
    public double MinP { get; init; }

    /// <summary>Base seed; sample <c>i</c> of a request draws from a stream derived from (seed, i) alone. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Maximum tokens to generate per sample. Default 512.</summary>
    public int MaxTokens { get; init; } = 512;

    /// <summary>Stop strings; generation ends before the first match, which is not included in the text.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Number of alternative tokens to report per position; 0 reports no logprobs. Default 0.</summary>
    public int TopLogprobs { get; init; }

    /// <summary>Whether to report per-token logprobs (implied when <see cref="TopLogprobs"/> &gt; 0).</summary>
    public bool Logprobs { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!(Temperature >= 0) || double.IsInfinity(Temperature))
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "Temperature must be a finite number >= 0 (0 means greedy).");
        if (!(TopP > 0 && TopP <= 1))
            throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "TopP must be in (0, 1]; use 1 to disable nucleus sampling.");
        if (TopK < 0)
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "TopK must be >= 0; use 0 to disable.");
        if (!(MinP >= 0 && MinP < 1))
            throw new ArgumentOutOfRangeException(nameof(MinP), MinP, "MinP must be in [0, 1); use 0 to disable.");
        if (MaxTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "MaxTokens must be >= 1.");
        if (TopLogprobs < 0 || TopLogprobs > 20)
            throw new ArgumentOutOfRangeException(nameof(TopLogprobs), TopLogprobs, "TopLogprobs must be in [0, 20].");
        foreach (var s in Stop)
        {
            if (string.IsNullOrEmpty(s))
                throw new ArgumentException("Stop strings must be non-empty.", nameof(Stop));
        }
    }
}
