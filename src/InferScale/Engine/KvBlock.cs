namespace InferScale.Engine;

/// <summary>
/// One page of the KV cache: <see cref="KvCache.BlockSize"/> positions of every layer's keys and values, laid out
/// <c>[layer][key|value][position in block][kvDim]</c>. Shared between sequences by reference count.
/// </summary>
internal sealed class KvBlock(float[] data)
{
    public float[] Data { get; } = data;

    public int RefCount { get; set; }
}
