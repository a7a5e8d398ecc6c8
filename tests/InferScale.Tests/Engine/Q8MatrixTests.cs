using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Tests.Engine.Kernels;

namespace InferScale.Tests.Engine;

public sealed class Q8MatrixTests
{
    private static byte[] Encoded(float[] values)
    {
        var bytes = new byte[values.Length / 32 * GgufCodec.Q8BlockBytes];
        GgufCodec.QuantizeQ8_0(values, bytes);
        return bytes;
    }

    [Fact]
    public void FromGguf_Dequantize_IsBitIdenticalToTheCodecAndGivesTheBytesBack()
    {
        var values = KernelData.Random(96 * 5, 1, 2f);
        values[7] = 0f;
        var bytes = Encoded(values);
        var expected = new float[values.Length];
        GgufCodec.DequantizeQ8_0(bytes, expected);

        var q = Q8Matrix.FromGguf(bytes, values.Length);

        Assert.True(expected.AsSpan().SequenceEqual(q.Dequantize()));
        Assert.Equal(bytes, q.ToGguf());
        Assert.Equal(values.Length + 4L * values.Length / 32, q.ByteSize);
        var row = new float[96];
        q.Dequantize(2 * 96, row);
        Assert.True(expected.AsSpan(2 * 96, 96).SequenceEqual(row));
    }

    [Fact]
    public void Concat_JoinsRowsInOrder()
    {
        var a = KernelData.Random(64, 2);
        var b = KernelData.Random(128, 3);
        var joined = Q8Matrix.Concat(Q8Matrix.Quantize(a), Q8Matrix.Quantize(b));
        Assert.Equal([.. Q8Matrix.Quantize(a).Dequantize(), .. Q8Matrix.Quantize(b).Dequantize()], joined.Dequantize());
    }

    [Fact]
    public void FromGguf_WrongSizes_ThrowNamingTheCounts()
    {
        Assert.Contains("multiple of 32", Assert.Throws<ArgumentException>(() => Q8Matrix.FromGguf(new byte[34], 31)).Message);
        Assert.Contains("take 68 bytes", Assert.Throws<ArgumentException>(() => Q8Matrix.FromGguf(new byte[34], 64)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Q8Matrix.Quantize(new float[64]).Dequantize(16, new float[32]));
    }

    [Fact]
    public void WeightMatrix_ConcatMixedTypes_FallsBackToFloat32WithTheSameValues()
    {
        var a = KernelData.Random(64, 4);
        var q = Q8Matrix.Quantize(KernelData.Random(64, 5));
        var joined = WeightMatrix.Concat(a, WeightMatrix.FromQ8(q));
        Assert.Equal(GgufTensorType.F32, joined.StorageType);
        Assert.Equal([.. a, .. q.Dequantize()], joined.ToFloat32());
        Assert.Equal(GgufTensorType.Q8_0, WeightMatrix.Concat(WeightMatrix.FromQ8(q), WeightMatrix.FromQ8(q)).StorageType);
        Assert.Same(a, ((WeightMatrix)a).ToFloat32());
    }
}
