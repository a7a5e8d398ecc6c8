namespace InferScale.Cli.Commands;

/// <summary>What <c>inferscale bench gateway</c> measured.</summary>
/// <param name="Problems">Problems in the sampling job.</param>
/// <param name="SamplesPerProblem">Samples per problem (one call each, n = this).</param>
/// <param name="InProcessSamplesPerSecond">The job calling the engine in-process.</param>
/// <param name="GatewaySamplesPerSecond">The same job through the HTTP generator and the gateway over the engine.</param>
/// <param name="SameSamples">Whether both produced the same completion tokens (the same work).</param>
/// <param name="Load">One entry per concurrency level.</param>
internal sealed record BenchGatewayReport(
    int Problems, int SamplesPerProblem, double InProcessSamplesPerSecond, double GatewaySamplesPerSecond, bool SameSamples, IReadOnlyList<BenchGatewayLoad> Load)
{
    /// <summary>Gateway samples/s over in-process samples/s.</summary>
    public double Ratio => GatewaySamplesPerSecond / InProcessSamplesPerSecond;
}

/// <summary>One load-test level.</summary>
/// <param name="Clients">Concurrent clients.</param>
/// <param name="Ok">200 answers.</param>
/// <param name="RateLimited">429 answers (the concurrency cap; clients wait Retry-After, then go on).</param>
/// <param name="Errors">Any other outcome (must be 0).</param>
/// <param name="Seconds">Wall time of the level.</param>
/// <param name="P50Ms">Median latency of 200 answers.</param>
/// <param name="P99Ms">99th percentile latency of 200 answers.</param>
internal sealed record BenchGatewayLoad(int Clients, int Ok, int RateLimited, int Errors, double Seconds, double P50Ms, double P99Ms)
{
    /// <summary>200 answers per second.</summary>
    public double RequestsPerSecond => Ok / Seconds;
}
