namespace InferScale.Backends.OpenAI.Wire;

/// <summary>Response of vLLM's <c>/pooling</c>: <c>data[i].data</c> holds the pooled output (a number, a list, or a list of lists).</summary>
internal sealed class PoolingResponseBody
{
    public List<PoolingItem>? Data { get; init; }
    public WireUsage? Usage { get; init; }
}
