namespace InferScale.Cli.Commands;

/// <summary>What <c>bench engine</c> measures and for how long.</summary>
internal sealed record BenchEngineSettings
{
    public static BenchEngineSettings Full { get; } = new();

    public static BenchEngineSettings Quick { get; } = new()
    {
        Window = TimeSpan.FromSeconds(0.4),
        PeakWindow = TimeSpan.FromSeconds(0.3),
        Batches = [1, 8, 64],
        SharedPrefixModel = "1m",
    };

    /// <summary>Timed window per cell.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Timed window of the FMA peak microbenchmark.</summary>
    public TimeSpan PeakWindow { get; init; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Models { get; init; } = ["1m", "25m"];

    public IReadOnlyList<int> Batches { get; init; } = [1, 8, 32, 64, 256];

    /// <summary>Engine threads.</summary>
    public int Threads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>Prompt tokens every decoding sequence starts from.</summary>
    public int DecodeContext { get; init; } = 16;

    /// <summary>Decode steps before the sequences restart from the prompt (bounds the attention context).</summary>
    public int DecodeSteps { get; init; } = 128;

    /// <summary>Tokens per prefill measurement.</summary>
    public int PrefillTokens { get; init; } = 256;

    /// <summary>Samples of the shared-prefix comparison.</summary>
    public int SharedSamples { get; init; } = 64;

    /// <summary>Prompt tokens of the shared-prefix comparison.</summary>
    public int SharedPromptTokens { get; init; } = 200;

    /// <summary>Tokens generated per sample in the shared-prefix comparison.</summary>
    public int SharedCompletionTokens { get; init; } = 50;

    /// <summary>Model of the shared-prefix comparison.</summary>
    public string SharedPrefixModel { get; init; } = "25m";
}
