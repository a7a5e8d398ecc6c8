namespace InferScale.Engine.Gguf;

/// <summary>Block layout of the ggml tensor types (from ggml's type traits) and byte sizes of tensors.</summary>
public static class GgufTensorTypeInfo
{
    /// <summary>Whether <paramref name="type"/> is a ggml type this library knows the layout of.</summary>
    public static bool IsKnown(GgufTensorType type) => TryGetLayout(type, out _, out _);

    /// <summary>Values per block and bytes per block of <paramref name="type"/>; false for an unknown code.</summary>
    public static bool TryGetLayout(GgufTensorType type, out int blockSize, out int blockBytes)
    {
        (blockSize, blockBytes) = type switch
        {
            GgufTensorType.F32 => (1, 4),
            GgufTensorType.F16 => (1, 2),
            GgufTensorType.Q4_0 => (32, 18),
            GgufTensorType.Q4_1 => (32, 20),
            GgufTensorType.Q5_0 => (32, 22),
            GgufTensorType.Q5_1 => (32, 24),
            GgufTensorType.Q8_0 => (32, 34),
            GgufTensorType.Q8_1 => (32, 36),
            GgufTensorType.Q2_K => (256, 84),
            GgufTensorType.Q3_K => (256, 110),
            GgufTensorType.Q4_K => (256, 144),
            GgufTensorType.Q5_K => (256, 176),
            GgufTensorType.Q6_K => (256, 210),
            GgufTensorType.Q8_K => (256, 292),
            GgufTensorType.IQ2_XXS => (256, 66),
            GgufTensorType.IQ2_XS => (256, 74),
            GgufTensorType.IQ3_XXS => (256, 98),
            GgufTensorType.IQ1_S => (256, 50),
            GgufTensorType.IQ4_NL => (32, 18),
            GgufTensorType.IQ3_S => (256, 110),
            GgufTensorType.IQ2_S => (256, 82),
            GgufTensorType.IQ4_XS => (256, 136),
            GgufTensorType.I8 => (1, 1),
            GgufTensorType.I16 => (1, 2),
            GgufTensorType.I32 => (1, 4),
            GgufTensorType.I64 => (1, 8),
            GgufTensorType.F64 => (1, 8),
            GgufTensorType.IQ1_M => (256, 56),
            GgufTensorType.BF16 => (1, 2),
            GgufTensorType.TQ1_0 => (256, 54),
            GgufTensorType.TQ2_0 => (256, 66),
            GgufTensorType.MXFP4 => (32, 17),
            _ => (0, 0),
        };
        return blockSize > 0;
    }

    /// <summary>Whether the reader converts <paramref name="type"/> to float32.</summary>
    public static bool CanDequantize(GgufTensorType type) =>
        type is GgufTensorType.F32 or GgufTensorType.F16 or GgufTensorType.BF16 or GgufTensorType.Q8_0;

    /// <summary>Whether <see cref="GgufWriter"/> can encode float32 data as <paramref name="type"/>.</summary>
    public static bool CanQuantize(GgufTensorType type) =>
        type is GgufTensorType.F32 or GgufTensorType.F16 or GgufTensorType.Q8_0;

    /// <summary>Bytes that <paramref name="elements"/> values of <paramref name="type"/> take (a whole number of blocks).</summary>
    /// <exception cref="ArgumentException">Unknown type, or <paramref name="elements"/> is not a multiple of the block size.</exception>
    public static long ByteSize(GgufTensorType type, long elements)
    {
        if (!TryGetLayout(type, out var blockSize, out var blockBytes))
            throw new ArgumentException($"Unknown ggml tensor type {(uint)type}.", nameof(type));
        ArgumentOutOfRangeException.ThrowIfNegative(elements);
        if (elements % blockSize != 0)
            throw new ArgumentException($"{type} stores blocks of {blockSize} values; {elements} is not a multiple.", nameof(elements));
        return checked(elements / blockSize * blockBytes);
    }
}
