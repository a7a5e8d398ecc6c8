using System.Diagnostics.CodeAnalysis;
using InferScale.Engine.Gguf;
using InferScale.Engine.Kernels;

namespace InferScale.Engine;

/// <summary>
/// A weight matrix as the engine holds it: float32, or Q8_0 kept quantised (<see cref="Q8Matrix"/>, about 1.1 bytes
/// per weight). Either way the engine's products are bit-identical to those over <see cref="ToFloat32"/>. A float array
/// converts implicitly, so code that builds weights from floats (training, random models) is unchanged.
/// </summary>
public sealed class WeightMatrix
{
    private WeightMatrix(float[]? values, Q8Matrix? q8)
    {
        Values = values;
        Q8 = q8;
    }

    /// <summary>The float32 values; <see langword="null"/> when stored as Q8_0.</summary>
    public float[]? Values { get; }

    /// <summary>The Q8_0 blocks; <see langword="null"/> when stored as float32.</summary>
    public Q8Matrix? Q8 { get; }

    /// <summary><see cref="GgufTensorType.F32"/> or <see cref="GgufTensorType.Q8_0"/>.</summary>
    public GgufTensorType StorageType => Q8 is null ? GgufTensorType.F32 : GgufTensorType.Q8_0;

    /// <summary>Number of values.</summary>
    public long Length => Values?.LongLength ?? Q8!.Length;

    /// <summary>Bytes held in memory.</summary>
    public long ByteSize => Values is not null ? 4L * Values.LongLength : Q8!.ByteSize;

    /// <summary>Wraps float32 values (not copied).</summary>
    public static WeightMatrix FromFloat32(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new WeightMatrix(values, null);
    }

    /// <summary>Wraps Q8_0 blocks (not copied).</summary>
    public static WeightMatrix FromQ8(Q8Matrix q8)
    {
        ArgumentNullException.ThrowIfNull(q8);
        return new WeightMatrix(null, q8);
    }

    /// <summary>Wraps float32 values (not copied); <see langword="null"/> stays <see langword="null"/>.</summary>
    [return: NotNullIfNotNull(nameof(values))]
    public static implicit operator WeightMatrix?(float[]? values) => values is null ? null : FromFloat32(values);

    /// <summary>
    /// The values as float32: the stored array itself when float32 (not a copy), a new dequantised array when Q8_0
    /// (for the trainer, the GGUF writer and references that need plain floats).
    /// </summary>
    public float[] ToFloat32() => Values ?? Q8!.Dequantize();

    /// <summary>
    /// Joins matrices of one row width, rows of the first first: Q8_0 when all are Q8_0, else float32 (Q8_0 parts
    /// dequantised; the engine's results are the same either way).
    /// </summary>
    public static WeightMatrix Concat(params ReadOnlySpan<WeightMatrix> parts)
    {
        if (parts.Length == 0)
            throw new ArgumentException("Nothing to join.", nameof(parts));
        var allQ8 = true;
        foreach (var p in parts)
            allQ8 &= p.StorageType == GgufTensorType.Q8_0;
        if (allQ8)
        {
            var q = new Q8Matrix[parts.Length];
            for (var i = 0; i < q.Length; i++)
                q[i] = parts[i].Q8!;
            return FromQ8(Q8Matrix.Concat(q));
        }
        var result = new float[checked((int)SumLength(parts))];
        var at = 0;
        foreach (var p in parts)
        {
            var values = p.ToFloat32();
            values.CopyTo(result, at);
            at += values.Length;
        }
        return FromFloat32(result);
    }

    private static long SumLength(ReadOnlySpan<WeightMatrix> parts)
    {
        long n = 0;
        foreach (var p in parts)
            n += p.Length;
        return n;
    }

    /// <summary><c>y[batch, outDim] = x[batch, inDim] · Wᵀ</c> with the engine's batch-invariant kernel for the storage type.</summary>
    internal void MatMul(ReadOnlySpan<float> x, int batch, int inDim, int outDim, Span<float> y, WorkerPool? pool)
    {
        if (Values is not null)
            Kernels.MatMul.Compute(x, Values, batch, inDim, outDim, y, pool);
        else
            MatMulQ8.Compute(x, Q8!.Quants, Q8.Scales, batch, inDim, outDim, y, pool); // shape checked against the spans
    }

    /// <summary>Copies rows <paramref name="tokens"/> of this <c>[vocab, dim]</c> table into <paramref name="dst"/> (<c>[tokens, dim]</c>).</summary>
    internal void Lookup(int dim, ReadOnlySpan<int> tokens, Span<float> dst)
    {
        if (Values is not null)
        {
            Embedding.Lookup(Values, dim, tokens, dst);
            return;
        }
        var vocab = Length / dim;
        if (dst.Length < tokens.Length * dim)
            throw new ArgumentException($"Embedding: dst has {dst.Length} elements; {tokens.Length}×{dim} needed.", nameof(dst));
        for (var r = 0; r < tokens.Length; r++)
        {
            var t = tokens[r];
            if ((uint)t >= (ulong)vocab)
                throw new ArgumentOutOfRangeException(nameof(tokens), t, $"Token id {t} at row {r} is outside the vocabulary [0, {vocab}).");
            Q8!.DequantizeRow(t, dst.Slice(r * dim, dim));
        }
    }
}
