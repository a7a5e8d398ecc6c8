namespace InferScale.Cli.Commands;

/// <summary>The figures <c>bench engine --peer</c> measured: per cell, the medians over interleaved rounds.</summary>
internal sealed record BenchEnginePeerReport(int Threads, int Rounds, string LlamaExecutable, IReadOnlyList<BenchEnginePeerReport.Cell> Cells)
{
    /// <summary>
    /// One cell: <paramref name="Work"/> is <c>prefill</c> (one sequence of <paramref name="Tokens"/> prompt tokens) or
    /// <c>decode</c> (<paramref name="Batch"/> sequences, <paramref name="Tokens"/> steps each); tokens/s are medians over
    /// the rounds and <paramref name="Ratio"/> is the median of the per-round ratios ours ÷ llama.cpp.
    /// </summary>
    public sealed record Cell(string Model, string Type, string Work, int Batch, int Tokens, double Ours, double Llama, double Ratio);
}
