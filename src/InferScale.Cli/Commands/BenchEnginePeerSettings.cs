using InferScale.Engine.Gguf;

namespace InferScale.Cli.Commands;

/// <summary>What <c>bench engine --peer</c> measures: the cells, their shapes and how many interleaved rounds.</summary>
internal sealed record BenchEnginePeerSettings
{
    public static BenchEnginePeerSettings Full { get; } = new();

    public static BenchEnginePeerSettings Quick { get; } = new() { DecodeTokens = 32, PrefillTokens = 128, Rounds = 1 };

    public IReadOnlyList<string> Models { get; init; } = ["1m", "25m"];

    public IReadOnlyList<GgufTensorType> Types { get; init; } = [GgufTensorType.F32, GgufTensorType.Q8_0];

    /// <summary>Parallel sequences of the decode cells.</summary>
    public IReadOnlyList<int> Batches { get; init; } = [1, 8, 32, 64];

    /// <summary>Prompt tokens of every decoding sequence (llama-batched-bench's <c>-npp</c>; not timed).</summary>
    public int DecodePrompt { get; init; } = 16;

    /// <summary>Timed decode steps per cell (<c>-ntg</c>): contexts run from <see cref="DecodePrompt"/> to its sum with this.</summary>
    public int DecodeTokens { get; init; } = 128;

    /// <summary>Prompt tokens of the prefill cell (one sequence).</summary>
    public int PrefillTokens { get; init; } = 256;

    /// <summary>Measurements per cell and engine, alternating ours and llama.cpp's.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Threads of both engines.</summary>
    public int Threads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>Folder for the GGUF files; <see langword="null"/>: a temporary folder removed afterwards.</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Throws <see cref="CliException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Models.Count == 0 || Types.Count == 0 || Batches.Count == 0)
            throw new CliException("bench engine --peer needs at least one model, type and batch size.");
        if (Batches.Any(b => b is < 1 or > 256))
            throw new CliException("Peer batch sizes must be in [1, 256].");
        if (DecodePrompt < 1 || DecodeTokens < 1 || PrefillTokens < 1)
            throw new CliException("Peer prompt, decode and prefill token counts must be positive.");
        if (DecodePrompt + DecodeTokens > 1024 || PrefillTokens > 1024)
            throw new CliException("Peer sequences must fit the presets' 1024-token context.");
        if (Rounds < 1)
            throw new CliException($"--rounds must be at least 1; got {Rounds}.");
    }
}
