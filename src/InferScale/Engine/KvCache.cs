namespace InferScale.Engine;

/// <summary>
/// The pool of paged KV blocks behind an <see cref="EngineSession"/>. Blocks are reference-counted: forked sequences
/// share their prefix's blocks, a shared partially filled block is copied on its first write, and released blocks
/// return to a free list for reuse. Memory per position is <c>layers · 2 · kvDim · 4</c> bytes (float32).
/// Not thread-safe (owned by one session).
/// </summary>
public sealed class KvCache
{
    private readonly Stack<KvBlock> _free = new();
    private readonly int _layerStride;

    internal KvCache(TransformerConfig config, int blockSize)
    {
        BlockSize = blockSize;
        KvDim = config.KvDim;
        Layers = config.Layers;
        _layerStride = 2 * blockSize * config.KvDim;
        FloatsPerBlock = config.Layers * _layerStride;
    }

    /// <summary>Positions per block.</summary>
    public int BlockSize { get; }

    /// <summary>Width of one key (or value) row.</summary>
    public int KvDim { get; }

    /// <summary>Layers held per block.</summary>
    public int Layers { get; }

    /// <summary>Floats in one block (all layers, keys and values).</summary>
    public int FloatsPerBlock { get; }

    /// <summary>Blocks ever allocated (in use or free).</summary>
    public int BlocksAllocated { get; private set; }

    /// <summary>Blocks referenced by at least one sequence.</summary>
    public int BlocksInUse => BlocksAllocated - _free.Count;

    /// <summary>Bytes held by allocated blocks.</summary>
    public long BytesAllocated => (long)BlocksAllocated * FloatsPerBlock * sizeof(float);

    /// <summary>Bytes of float32 KV cache one position needs (all layers, keys and values).</summary>
    public static long BytesPerPosition(TransformerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return 2L * config.Layers * config.KvDim * sizeof(float);
    }

    /// <summary>Offset of a layer's keys for position slot 0 inside a block.</summary>
    internal int KeyOffset(int layer) => layer * _layerStride;

    /// <summary>Offset of a layer's values for position slot 0 inside a block.</summary>
    internal int ValueOffset(int layer) => layer * _layerStride + BlockSize * KvDim;

    internal KvBlock Rent()
    {
        if (!_free.TryPop(out var block))
        {
            block = new KvBlock(new float[FloatsPerBlock]);
            BlocksAllocated++;
        }
        block.RefCount = 1;
        return block;
    }

    internal static void AddRef(KvBlock block) => block.RefCount++;

    internal void Release(KvBlock block)
    {
        if (block.RefCount <= 0)
            throw new InvalidOperationException("A KV block was released more often than it was referenced.");
        if (--block.RefCount == 0)
            _free.Push(block);
    }

    /// <summary>Copies the first <paramref name="positions"/> slots of every layer of <paramref name="source"/> into a fresh block.</summary>
    internal KvBlock CopyOnWrite(KvBlock source, int positions)
    {
        var copy = Rent();
        var rowFloats = positions * KvDim;
        for (var l = 0; l < Layers; l++)
        {
            Array.Copy(source.Data, KeyOffset(l), copy.Data, KeyOffset(l), rowFloats);
            Array.Copy(source.Data, ValueOffset(l), copy.Data, ValueOffset(l), rowFloats);
        }
        Release(source);
        return copy;
    }
}
