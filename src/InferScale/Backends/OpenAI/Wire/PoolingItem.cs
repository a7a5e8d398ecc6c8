using System.Text.Json;

namespace InferScale.Backends.OpenAI.Wire;

/// <summary>One pooled output of a <c>/pooling</c> response.</summary>
internal sealed class PoolingItem
{
    public int Index { get; init; }
    public JsonElement Data { get; init; }
}
