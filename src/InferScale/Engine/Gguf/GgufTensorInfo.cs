namespace InferScale.Engine.Gguf;

/// <summary>
/// One tensor's entry in a GGUF file. <see cref="Shape"/> is in ggml order (<c>ne[0]</c> is the innermost, contiguous
/// dimension), so a row-major <c>[out, in]</c> matrix has <c>Shape = [in, out]</c>.
/// </summary>
public sealed class GgufTensorInfo
{
    internal GgufTensorInfo(string name, long[] shape, GgufTensorType type, ulong offset, long elementCount, long byteSize)
    {
        Name = name;
        ShapeArray = shape;
        Type = type;
        Offset = offset;
        ElementCount = elementCount;
        ByteSize = byteSize;
    }

    /// <summary>Tensor name, e.g. <c>blk.0.attn_q.weight</c>.</summary>
    public string Name { get; }

    /// <summary>Dimensions in ggml order (<c>ne[0]</c> first).</summary>
    public IReadOnlyList<long> Shape => Array.AsReadOnly(ShapeArray);

    internal long[] ShapeArray { get; }

    /// <summary>Storage type.</summary>
    public GgufTensorType Type { get; }

    /// <summary>Offset of the tensor's data from the start of the data section.</summary>
    public ulong Offset { get; }

    /// <summary>Number of values (product of <see cref="Shape"/>).</summary>
    public long ElementCount { get; }

    /// <summary>Bytes the data takes in the file (without alignment padding).</summary>
    public long ByteSize { get; }

    /// <summary>The shape as text, e.g. <c>[64, 256]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", ShapeArray) + "]";

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Type} {ShapeText} @ {Offset}";
}
