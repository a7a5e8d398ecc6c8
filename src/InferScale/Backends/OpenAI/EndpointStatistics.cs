namespace InferScale.Backends.OpenAI;

/// <summary>A snapshot of one endpoint's counters.</summary>
/// <param name="Endpoint">The endpoint's base address.</param>
/// <param name="Attempts">HTTP attempts sent to it.</param>
/// <param name="Failures">Attempts that failed (any reason other than caller cancellation).</param>
/// <param name="TimesCooledDown">How often it was taken out of rotation.</param>
/// <param name="MaxInFlight">The most attempts it had in flight at once (holding a concurrency slot).</param>
public sealed record EndpointStatistics(Uri Endpoint, long Attempts, long Failures, long TimesCooledDown, int MaxInFlight);
