using System.Buffers;
using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace InferScale.Engine.Gguf;

/// <summary>
/// Converts float32 values to and from ggml storage types. Q8_0 follows ggml's <c>quantize_row_q8_0_ref</c> bit for bit:
/// per block of 32, <c>d = amax / 127</c> stored as f16 (round to nearest even), <c>q = roundf(x · (1/d))</c> with halves
/// away from zero, and dequantisation <c>x = f16→f32(d) · q</c>.
/// </summary>
public static class GgufCodec
{
    /// <summary>Values per Q8_0 block.</summary>
    public const int Q8BlockSize = 32;

    /// <summary>Bytes per Q8_0 block (f16 scale + 32 int8).</summary>
    public const int Q8BlockBytes = 34;

    /// <summary>Encodes <paramref name="values"/> as <paramref name="type"/> (F32, F16 or Q8_0) into <paramref name="destination"/>, which must be exactly the encoded size.</summary>
    public static void Encode(ReadOnlySpan<float> values, GgufTensorType type, Span<byte> destination)
    {
        var size = GgufTensorTypeInfo.ByteSize(type, values.Length);
        if (destination.Length != size)
            throw new ArgumentException($"{values.Length} values as {type} take {size} bytes; the destination has {destination.Length}.", nameof(destination));
        switch (type)
        {
            case GgufTensorType.F32:
                MemoryMarshal.AsBytes(values).CopyTo(destination);
                if (!BitConverter.IsLittleEndian)
                    BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, int>(destination), MemoryMarshal.Cast<byte, int>(destination));
                break;
            case GgufTensorType.F16:
                TensorPrimitives.ConvertToHalf(values, MemoryMarshal.Cast<byte, Half>(destination));
                if (!BitConverter.IsLittleEndian)
                    BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, short>(destination), MemoryMarshal.Cast<byte, short>(destination));
                break;
            case GgufTensorType.Q8_0:
                QuantizeQ8_0(values, destination);
                break;
            default:
                throw new NotSupportedException($"Writing tensors of type {type} is not supported (F32, F16, Q8_0).");
        }
    }

    /// <summary>Decodes <paramref name="data"/> of <paramref name="type"/> (F32, F16, BF16 or Q8_0) into <paramref name="destination"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> data, GgufTensorType type, Span<float> destination)
    {
        var size = GgufTensorTypeInfo.ByteSize(type, destination.Length);
        if (data.Length != size)
            throw new ArgumentException($"{destination.Length} values of {type} take {size} bytes; got {data.Length}.", nameof(data));
        switch (type)
        {
            case GgufTensorType.F32:
                data.CopyTo(MemoryMarshal.AsBytes(destination));
                if (!BitConverter.IsLittleEndian)
                    BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(destination), MemoryMarshal.Cast<float, int>(destination));
                break;
            case GgufTensorType.F16:
                if (BitConverter.IsLittleEndian)
                {
                    TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(data), destination);
                }
                else
                {
                    for (var i = 0; i < destination.Length; i++)
                        destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data[(2 * i)..]);
                }
                break;
            case GgufTensorType.BF16:
                for (var i = 0; i < destination.Length; i++)
                    destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(data[(2 * i)..]) << 16);
                break;
            case GgufTensorType.Q8_0:
                DequantizeQ8_0(data, destination);
                break;
            default:
                throw new NotSupportedException($"Reading tensors of type {type} as float32 is not supported (F32, F16, BF16, Q8_0).");
        }
    }

    /// <summary>ggml's <c>quantize_row_q8_0_ref</c>: <paramref name="values"/> (a multiple of 32) into Q8_0 blocks.</summary>
    public static void QuantizeQ8_0(ReadOnlySpan<float> values, Span<byte> destination)
    {
        if (values.Length % Q8BlockSize != 0)
            throw new ArgumentException($"Q8_0 needs a multiple of {Q8BlockSize} values; got {values.Length}.", nameof(values));
        var blocks = values.Length / Q8BlockSize;
        if (destination.Length < blocks * Q8BlockBytes)
            throw new ArgumentException("The destination is too small.", nameof(destination));
        for (var b = 0; b < blocks; b++)
        {
            var x = values.Slice(b * Q8BlockSize, Q8BlockSize);
            var y = destination.Slice(b * Q8BlockBytes, Q8BlockBytes);
            var amax = 0f;
            for (var j = 0; j < Q8BlockSize; j++)
                amax = MathF.Max(amax, MathF.Abs(x[j]));
            var d = amax / 127f;
            var id = d != 0f ? 1f / d : 0f;
            BinaryPrimitives.WriteHalfLittleEndian(y, (Half)d);
            for (var j = 0; j < Q8BlockSize; j++)
                y[2 + j] = (byte)(sbyte)MathF.Round(x[j] * id, MidpointRounding.AwayFromZero);
        }
    }

    /// <summary>ggml's <c>dequantize_row_q8_0</c>: Q8_0 blocks into float32 (<c>x = d · q</c>).</summary>
    public static void DequantizeQ8_0(ReadOnlySpan<byte> data, Span<float> destination)
    {
        if (destination.Length % Q8BlockSize != 0)
            throw new ArgumentException($"Q8_0 holds a multiple of {Q8BlockSize} values; got {destination.Length}.", nameof(destination));
        var blocks = destination.Length / Q8BlockSize;
        if (data.Length < blocks * Q8BlockBytes)
            throw new ArgumentException("The data is too short.", nameof(data));
        for (var b = 0; b < blocks; b++)
        {
            var block = data.Slice(b * Q8BlockBytes, Q8BlockBytes);
            var d = (float)BinaryPrimitives.ReadHalfLittleEndian(block);
            var qs = MemoryMarshal.Cast<byte, sbyte>(block[2..]);
            var y = destination.Slice(b * Q8BlockSize, Q8BlockSize);
            for (var j = 0; j < Q8BlockSize; j++)
                y[j] = qs[j] * d;
        }
    }

    /// <summary>Streams <paramref name="destination"/>.Length values of <paramref name="type"/> from <paramref name="stream"/> in chunks.</summary>
    internal static void Decode(Stream stream, GgufTensorType type, float[] destination, Func<Exception, Exception> truncated)
    {
        GgufTensorTypeInfo.TryGetLayout(type, out var blockSize, out var blockBytes);
        const int chunkBlocksTarget = 1 << 15;
        var chunkBlocks = Math.Max(1, chunkBlocksTarget * 4 / blockBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkBlocks * blockBytes);
        try
        {
            var totalBlocks = destination.LongLength / blockSize;
            long done = 0;
            while (done < totalBlocks)
            {
                var n = (int)Math.Min(chunkBlocks, totalBlocks - done);
                var bytes = buffer.AsSpan(0, n * blockBytes);
                try
                {
                    stream.ReadExactly(bytes);
                }
                catch (EndOfStreamException ex)
                {
                    throw truncated(ex);
                }
                Decode(bytes, type, destination.AsSpan((int)(done * blockSize), n * blockSize));
                done += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
