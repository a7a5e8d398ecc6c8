using System.Buffers.Binary;
using InferScale.Engine.Gguf;

namespace InferScale.Tests.Engine.Gguf;

public sealed class GgufCodecTests
{
    [Fact]
    public void QuantizeQ8_0_HalfwayValues_RoundAwayFromZeroLikeRoundf()
    {
        // amax = 127 gives d = 1 exactly, so q = roundf(x): 2.5 -> 3 and -2.5 -> -3 (banker's rounding would give 2).
        var x = new float[32];
        x[0] = 127f;
        x[1] = 2.5f;
        x[2] = -2.5f;
        x[3] = 0.49f;
        x[4] = -126.5f;
        var block = new byte[34];

        GgufCodec.QuantizeQ8_0(x, block);

        Assert.Equal((Half)1f, BinaryPrimitives.ReadHalfLittleEndian(block));
        Assert.Equal(127, (sbyte)block[2]);
        Assert.Equal(3, (sbyte)block[3]);
        Assert.Equal(-3, (sbyte)block[4]);
        Assert.Equal(0, (sbyte)block[5]);
        Assert.Equal(-127, (sbyte)block[6]);
    }

    [Fact]
    public void QuantizeQ8_0_KnownBlock_MatchesHandComputedScaleAndQuants()
    {
        // x_j = j - 16: amax = 16, d = 16/127 (stored as f16), id = 1/d (from the f32 d), q = roundf(x·id).
        var x = Enumerable.Range(0, 32).Select(j => (float)(j - 16)).ToArray();
        var block = new byte[34];

        GgufCodec.QuantizeQ8_0(x, block);

        var d = 16f / 127f;
        Assert.Equal((Half)d, BinaryPrimitives.ReadHalfLittleEndian(block));
        for (var j = 0; j < 32; j++)
            Assert.Equal((sbyte)MathF.Round(x[j] * (1f / d), MidpointRounding.AwayFromZero), (sbyte)block[2 + j]);
        Assert.Equal(-127, (sbyte)block[2]);
        Assert.Equal(8, (sbyte)block[2 + 17]); // 1 · 127/16 = 7.9375
    }

    [Fact]
    public void QuantizeQ8_0_ZeroBlock_HasZeroScaleAndQuants()
    {
        var block = new byte[34];
        Array.Fill(block, (byte)0xAB);
        GgufCodec.QuantizeQ8_0(new float[32], block);
        Assert.All(block, b => Assert.Equal(0, b));
    }

    [Fact]
    public void DequantizeQ8_0_Block_IsScaleTimesQuant()
    {
        var block = new byte[34];
        BinaryPrimitives.WriteHalfLittleEndian(block, (Half)0.5f);
        block[2] = unchecked((byte)(sbyte)-7);
        block[3] = 100;
        var y = new float[32];

        GgufCodec.DequantizeQ8_0(block, y);

        Assert.Equal(-3.5f, y[0]);
        Assert.Equal(50f, y[1]);
        Assert.Equal(0f, y[2]);
    }

    [Fact]
    public void Decode_BF16_ShiftsIntoHighBits()
    {
        var data = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(data, 0x3F80);          // 1.0
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2), 0xC040); // -3.0
        var y = new float[2];
        GgufCodec.Decode(data, GgufTensorType.BF16, y);
        Assert.Equal([1f, -3f], y);
    }

    [Fact]
    public void ByteSize_KnownTypes_MatchGgmlBlockLayouts()
    {
        Assert.Equal(400, GgufTensorTypeInfo.ByteSize(GgufTensorType.F32, 100));
        Assert.Equal(200, GgufTensorTypeInfo.ByteSize(GgufTensorType.F16, 100));
        Assert.Equal(68, GgufTensorTypeInfo.ByteSize(GgufTensorType.Q8_0, 64));
        Assert.Equal(144, GgufTensorTypeInfo.ByteSize(GgufTensorType.Q4_K, 256));
        Assert.Throws<ArgumentException>(() => GgufTensorTypeInfo.ByteSize(GgufTensorType.Q8_0, 33));
        Assert.False(GgufTensorTypeInfo.IsKnown((GgufTensorType)4));
    }
}
