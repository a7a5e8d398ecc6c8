namespace InferScale.Backends.OpenAI;

/// <summary>How a generator with several endpoints picks one for each HTTP attempt.</summary>
public enum LoadBalancingPolicy
{
    /// <summary>The endpoint with the fewest requests in flight (queued or sent); ties go round robin.</summary>
    LeastOutstandingRequests,

    /// <summary>Each endpoint in turn.</summary>
    RoundRobin,
}
