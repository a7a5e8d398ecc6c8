namespace InferScale.Cli.Commands;

/// <summary>The figures <c>bench engine</c> measured.</summary>
internal sealed record BenchEngineReport(
    double PeakGflops,
    int Threads,
    IReadOnlyList<BenchEngineReport.DecodeCell> Decode,
    IReadOnlyList<BenchEngineReport.PrefillCell> Prefill,
    double SharedPrefixSpeedup,
    string SharedPrefixModel,
    double SharedSeconds,
    double IndependentSeconds,
    string SharedPrefixShape)
{
    public sealed record DecodeCell(string Model, int Batch, double TokensPerSecond, double Gflops);

    public sealed record PrefillCell(string Model, int Tokens, double TokensPerSecond, double Gflops);
}
