namespace InferScale.Cli.Commands;

/// <summary>Settings of <c>inferscale bench gateway</c>.</summary>
internal sealed record BenchGatewaySettings
{
    public string Model { get; init; } = "models/arith-0.3m.gguf";
    public int Problems { get; init; } = 12;
    public int Samples { get; init; } = 16;
    public int MaxTokens { get; init; } = 96;
    public int Rounds { get; init; } = 4;
    public string LoadModel { get; init; } = "greedy@1/arith-0.3m";
    public int LoadMaxTokens { get; init; } = 16;
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 16, 64];
    public int Requests { get; init; } = 400;
    public double SecondsPerLevel { get; init; } = 20;
    public int MaxConcurrent { get; init; } = 16;
}
