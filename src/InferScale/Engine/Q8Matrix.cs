using System.Buffers.Binary;
using System.Runtime.InteropServices;
using InferScale.Engine.Gguf;
using InferScale.Engine.Kernels;

namespace InferScale.Engine;

/// <summary>
/// A weight matrix <c>[Rows, Columns]</c> kept in ggml's Q8_0 form in memory: values in blocks of 32 along each row
/// (<c>Columns</c> a multiple of 32), each block an int8 per value and one scale. The scale is the file's f16 converted
/// to float32 (exactly), so <c>value = quant · scale</c> is the very float32 that <see cref="GgufCodec.DequantizeQ8_0"/>
/// produces: kernels that dequantise on the fly give bit-identical results to a float32 copy, while streaming about
/// 1.1 bytes per weight instead of 4. In memory the blocks are in <see cref="MatMulQ8"/>'s order (rows interleaved
/// by 8, so that one decoding step reads one sequential stream); every method here speaks plain row-major order.
/// </summary>
public sealed class Q8Matrix
{
    /// <summary>Values per block.</summary>
    public const int BlockSize = GgufCodec.Q8BlockSize;

    private Q8Matrix(int rows, int columns, sbyte[] quants, float[] scales)
    {
        Rows = rows;
        Columns = columns;
        Quants = quants;
        Scales = scales;
    }

    /// <summary>Rows (output width).</summary>
    public int Rows { get; }

    /// <summary>Values per row (input width), a multiple of 32.</summary>
    public int Columns { get; }

    /// <summary>The int8 values, <see cref="Length"/> of them, in the kernel's interleaved order (see <see cref="MatMulQ8"/>).</summary>
    internal sbyte[] Quants { get; }

    /// <summary>One scale per block, in the kernel's interleaved order.</summary>
    internal float[] Scales { get; }

    /// <summary>Number of values.</summary>
    public long Length => Quants.LongLength;

    /// <summary>Bytes held in memory (int8 values plus float32 scales).</summary>
    public long ByteSize => Quants.LongLength + 4L * Scales.LongLength;

    /// <summary>Reads a <c>[rows, columns]</c> matrix from GGUF Q8_0 blocks (34 bytes each: f16 scale, 32 int8; row-major).</summary>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is not a multiple of 32 or the data has the wrong size.</exception>
    public static Q8Matrix FromGguf(ReadOnlySpan<byte> data, int rows, int columns)
    {
        if (rows <= 0 || columns <= 0 || columns % BlockSize != 0 || (long)rows * columns > Array.MaxLength)
            throw new ArgumentException($"A Q8_0 matrix needs positive rows and a row width that is a multiple of {BlockSize}; got [{rows}, {columns}].", nameof(columns));
        var length = rows * columns;
        var blocks = length / BlockSize;
        if (data.Length != (long)blocks * GgufCodec.Q8BlockBytes)
            throw new ArgumentException($"[{rows}, {columns}] Q8_0 values take {(long)blocks * GgufCodec.Q8BlockBytes} bytes; got {data.Length}.", nameof(data));
        var quants = new sbyte[length];
        var scales = new float[blocks];
        for (var b = 0; b < blocks; b++)
        {
            var block = data.Slice(b * GgufCodec.Q8BlockBytes, GgufCodec.Q8BlockBytes);
            scales[b] = (float)BinaryPrimitives.ReadHalfLittleEndian(block);
            MemoryMarshal.Cast<byte, sbyte>(block[2..]).CopyTo(quants.AsSpan(b * BlockSize, BlockSize));
        }
        return FromRowMajor(rows, columns, quants, scales);
    }

    /// <summary>Quantises a row-major <c>[rows, columns]</c> matrix exactly as ggml's <c>quantize_row_q8_0_ref</c> (and our GGUF writer) do.</summary>
    public static Q8Matrix Quantize(ReadOnlySpan<float> values, int columns)
    {
        if (columns <= 0 || values.Length % columns != 0)
            throw new ArgumentException($"{values.Length} values are not whole rows of {columns}.", nameof(columns));
        var bytes = new byte[(long)values.Length / BlockSize * GgufCodec.Q8BlockBytes];
        GgufCodec.QuantizeQ8_0(values, bytes);
        return FromGguf(bytes, values.Length / columns, columns);
    }

    /// <summary>Joins matrices of the same row width one after another (rows of the first, then of the second, …).</summary>
    /// <exception cref="ArgumentException">The row widths differ.</exception>
    public static Q8Matrix Concat(params ReadOnlySpan<Q8Matrix> parts)
    {
        if (parts.Length == 0)
            throw new ArgumentException("Nothing to join.", nameof(parts));
        var columns = parts[0].Columns;
        var rows = 0;
        foreach (var p in parts)
        {
            if (p.Columns != columns)
                throw new ArgumentException($"Cannot join a matrix of row width {p.Columns} to ones of {columns}.", nameof(parts));
            rows = checked(rows + p.Rows);
        }
        var quants = new sbyte[checked(rows * columns)];
        var scales = new float[quants.Length / BlockSize];
        var row = 0;
        foreach (var p in parts)
        {
            var (q, s) = p.RowMajor();
            q.CopyTo(quants, row * columns);
            s.CopyTo(scales, row * (columns / BlockSize));
            row += p.Rows;
        }
        return FromRowMajor(rows, columns, quants, scales);
    }

    /// <summary>The GGUF Q8_0 blocks (34 bytes each, row-major); the scales were f16 values, so this gives back the bytes read.</summary>
    public byte[] ToGguf()
    {
        var (quants, scales) = RowMajor();
        var bytes = new byte[scales.LongLength * GgufCodec.Q8BlockBytes];
        for (var b = 0; b < scales.Length; b++)
        {
            var block = bytes.AsSpan(b * GgufCodec.Q8BlockBytes, GgufCodec.Q8BlockBytes);
            BinaryPrimitives.WriteHalfLittleEndian(block, (Half)scales[b]);
            MemoryMarshal.Cast<sbyte, byte>(quants.AsSpan(b * BlockSize, BlockSize)).CopyTo(block[2..]);
        }
        return bytes;
    }

    /// <summary>All values as float32, row-major (<c>quant · scale</c>), bit-identical to <see cref="GgufCodec.DequantizeQ8_0"/> of the file's blocks.</summary>
    public float[] Dequantize()
    {
        var result = new float[Length];
        for (var r = 0; r < Rows; r++)
            DequantizeRow(r, result.AsSpan(r * Columns, Columns));
        return result;
    }

    /// <summary>Writes row <paramref name="row"/> as float32 into <paramref name="destination"/> (at least <see cref="Columns"/> long).</summary>
    public void DequantizeRow(int row, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        if (destination.Length < Columns)
            throw new ArgumentException($"The destination has {destination.Length} elements; a row has {Columns}.", nameof(destination));
        for (var b = 0; b < Columns / BlockSize; b++)
        {
            var (qi, si) = MatMulQ8.BlockIndex(row, b, Rows, Columns);
            var d = Scales[si];
            var y = destination.Slice(b * BlockSize, BlockSize);
            var q = Quants.AsSpan((int)qi, BlockSize);
            for (var j = 0; j < BlockSize; j++)
                y[j] = q[j] * d;
        }
    }

    private static Q8Matrix FromRowMajor(int rows, int columns, sbyte[] quants, float[] scales)
    {
        var q = new sbyte[quants.Length];
        var s = new float[scales.Length];
        MatMulQ8.Pack(quants, scales, rows, columns, q, s);
        return new Q8Matrix(rows, columns, q, s);
    }

    private (sbyte[] Quants, float[] Scales) RowMajor()
    {
        var q = new sbyte[Quants.Length];
        var s = new float[Scales.Length];
        MatMulQ8.Unpack(Quants, Scales, Rows, Columns, q, s);
        return (q, s);
    }
}
