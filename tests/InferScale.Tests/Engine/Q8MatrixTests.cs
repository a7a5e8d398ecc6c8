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
    public void FromGguf_DequantizeAndRows_AreBitIdenticalToTheCodecAndGiveTheBytesBack()
    {
        var values = KernelData.Random(96 * 15, 1, 2f); // 15 rows of 96: one interleaved group of 8, then 7 row-major rows
        values[7] = 0f;
        var bytes = Encoded(values);
        var expected = new float[values.Length];
        GgufCodec.DequantizeQ8_0(bytes, expected);

        var q = Q8Matrix.FromGguf(bytes, 15, 96);

        Assert.True(expected.AsSpan().SequenceEqual(q.Dequantize()));
        Assert.Equal(bytes, q.ToGguf());
        Assert.Equal(values.Length + 4L * values.Length / 32, q.ByteSize);
        var row = new float[96];
        for (var r = 0; r < q.Rows; r++)
        {
            q.DequantizeRow(r, row);
            Assert.True(expected.AsSpan(r * 96, 96).SequenceEqual(row), $"row {r} differs");
        }
    }

    [Fact]
    public void Concat_JoinsRowsInOrder()
    {
        var a = KernelData.Random(64 * 5, 2);
        var b = KernelData.Random(64 * 9, 3);
        var joined = Q8Matrix.Concat(Q8Matrix.Quantize(a, 64), Q8Matrix.Quantize(b, 64));
        Assert.Equal(14, joined.Rows);
        Assert.Equal([.. Q8Matrix.Quantize(a, 64).Dequantize(), .. Q8Matrix.Quantize(b, 64).Dequantize()], joined.Dequantize());
        Assert.Throws<ArgumentException>(() => Q8Matrix.Concat(Q8Matrix.Quantize(a, 64), Q8Matrix.Quantize(a, 32)));
    }

    [Fact]
    public void FromGguf_WrongSizes_ThrowNamingTheCounts()
    {
        Assert.Contains("multiple of 32", Assert.Throws<ArgumentException>(() => Q8Matrix.FromGguf(new byte[34], 1, 31)).Message);
        Assert.Contains("take 68 bytes", Assert.Throws<ArgumentException>(() => Q8Matrix.FromGguf(new byte[34], 2, 32)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Q8Matrix.Quantize(new float[64], 32).DequantizeRow(2, new float[32]));
    }

    [Fact]
    public void WeightMatrix_ConcatMixedTypes_FallsBackToFloat32WithTheSameValues()
    {
        var a = KernelData.Random(64, 4);
        var q = Q8Matrix.Quantize(KernelData.Random(64, 5), 32);
        var joined = WeightMatrix.Concat(a, WeightMatrix.FromQ8(q));
        Assert.Equal(GgufTensorType.F32, joined.StorageType);
        Assert.Equal([.. a, .. q.Dequantize()], joined.ToFloat32());
        Assert.Equal(GgufTensorType.Q8_0, WeightMatrix.Concat(WeightMatrix.FromQ8(q), WeightMatrix.FromQ8(q)).StorageType);
        Assert.Same(a, ((WeightMatrix)a).ToFloat32());
    }
}
