using System.Buffers.Binary;
using System.Runtime.InteropServices;
using InferScale.Engine.Gguf;

namespace InferScale.Engine;

/// <summary>
/// A weight tensor kept in ggml's Q8_0 form in memory: values in blocks of 32 (consecutive in row-major order, so
/// along a row when the row width is a multiple of 32), each block an int8 per value and one scale. The scale is the
/// file's f16 converted to float32 (exactly), so <c>value = quant · scale</c> is the very float32 that
/// <see cref="GgufCodec.DequantizeQ8_0"/> produces: kernels that dequantise on the fly give bit-identical results to
/// a float32 copy, while streaming about 1.1 bytes per weight instead of 4.
/// </summary>
public sealed class Q8Matrix
{
    /// <summary>Values per block.</summary>
    public const int BlockSize = GgufCodec.Q8BlockSize;

    private Q8Matrix(sbyte[] quants, float[] scales)
    {
        Quants = quants;
        Scales = scales;
    }

    /// <summary>The int8 values, <see cref="Length"/> of them, row-major.</summary>
    public sbyte[] Quants { get; }

    /// <summary>One scale per block of <see cref="BlockSize"/> values (<c>Length / 32</c>).</summary>
    public float[] Scales { get; }

    /// <summary>Number of values.</summary>
    public long Length => Quants.LongLength;

    /// <summary>Bytes held in memory (int8 values plus float32 scales).</summary>
    public long ByteSize => Quants.LongLength + 4L * Scales.LongLength;

    /// <summary>Reads <paramref name="length"/> values from GGUF Q8_0 blocks (34 bytes each: f16 scale, 32 int8).</summary>
    /// <exception cref="ArgumentException"><paramref name="length"/> is not a multiple of 32 or the data has the wrong size.</exception>
    public static Q8Matrix FromGguf(ReadOnlySpan<byte> data, long length)
    {
        if (length <= 0 || length % BlockSize != 0 || length > Array.MaxLength)
            throw new ArgumentException($"A Q8_0 tensor holds a positive multiple of {BlockSize} values; got {length}.", nameof(length));
        var blocks = (int)(length / BlockSize);
        if (data.Length != (long)blocks * GgufCodec.Q8BlockBytes)
            throw new ArgumentException($"{length} Q8_0 values take {(long)blocks * GgufCodec.Q8BlockBytes} bytes; got {data.Length}.", nameof(data));
        var quants = new sbyte[length];
        var scales = new float[blocks];
        for (var b = 0; b < blocks; b++)
        {
            var block = data.Slice(b * GgufCodec.Q8BlockBytes, GgufCodec.Q8BlockBytes);
            scales[b] = (float)BinaryPrimitives.ReadHalfLittleEndian(block);
            MemoryMarshal.Cast<byte, sbyte>(block[2..]).CopyTo(quants.AsSpan(b * BlockSize, BlockSize));
        }
        return new Q8Matrix(quants, scales);
    }

    /// <summary>Quantises <paramref name="values"/> (a multiple of 32) exactly as ggml's <c>quantize_row_q8_0_ref</c> (and our GGUF writer) do.</summary>
    public static Q8Matrix Quantize(ReadOnlySpan<float> values)
    {
        var bytes = new byte[(long)values.Length / BlockSize * GgufCodec.Q8BlockBytes];
        GgufCodec.QuantizeQ8_0(values, bytes);
        return FromGguf(bytes, values.Length);
    }

    /// <summary>Joins matrices with the same row width one after another (rows of the first, then of the second, …).</summary>
    public static Q8Matrix Concat(params ReadOnlySpan<Q8Matrix> parts)
    {
        long length = 0;
        long blocks = 0;
        foreach (var p in parts)
        {
            length += p.Length;
            blocks += p.Scales.LongLength;
        }
        var quants = new sbyte[length];
        var scales = new float[blocks];
        long q = 0, s = 0;
        foreach (var p in parts)
        {
            p.Quants.CopyTo(quants.AsSpan((int)q));
            p.Scales.CopyTo(scales.AsSpan((int)s));
            q += p.Length;
            s += p.Scales.LongLength;
        }
        return new Q8Matrix(quants, scales);
    }

    /// <summary>The GGUF Q8_0 blocks (34 bytes each); the scales were f16 values, so this gives back the bytes read.</summary>
    public byte[] ToGguf()
    {
        var bytes = new byte[Scales.LongLength * GgufCodec.Q8BlockBytes];
        for (var b = 0; b < Scales.Length; b++)
        {
            var block = bytes.AsSpan(b * GgufCodec.Q8BlockBytes, GgufCodec.Q8BlockBytes);
            BinaryPrimitives.WriteHalfLittleEndian(block, (Half)Scales[b]);
            MemoryMarshal.Cast<sbyte, byte>(Quants.AsSpan(b * BlockSize, BlockSize)).CopyTo(block[2..]);
        }
        return bytes;
    }

    /// <summary>All values as float32 (<c>quant · scale</c>), bit-identical to <see cref="GgufCodec.DequantizeQ8_0"/> of the file's blocks.</summary>
    public float[] Dequantize()
    {
        var result = new float[Length];
        Dequantize(0, result);
        return result;
    }

    /// <summary>Writes values <c>[start, start + destination.Length)</c> as float32; <paramref name="start"/> and the length must be multiples of 32.</summary>
    public void Dequantize(long start, Span<float> destination)
    {
        if (start < 0 || start % BlockSize != 0 || destination.Length % BlockSize != 0 || start + destination.Length > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"Values [{start}, {start + destination.Length}) are not whole blocks of this {Length}-value Q8_0 tensor.");
        var block0 = (int)(start / BlockSize);
        for (var b = 0; b < destination.Length / BlockSize; b++)
        {
            var d = Scales[block0 + b];
            var q = Quants.AsSpan((int)start + b * BlockSize, BlockSize);
            var y = destination.Slice(b * BlockSize, BlockSize);
            for (var j = 0; j < BlockSize; j++)
                y[j] = q[j] * d;
        }
    }
}
