using InferScale.Engine.Gguf;

namespace InferScale.Tests.Engine.Gguf;

public sealed class GgufRobustnessTests
{
    private static GgufFormatException Fails(byte[] bytes) => Assert.Throws<GgufFormatException>(() => GgufFile.Read(bytes, "bad.gguf"));

    private static byte[] ValidFile()
    {
        var random = new Random(5);
        float[] Floats(int n) => Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
        var writer = new GgufWriter()
            .AddString("general.architecture", "llama").AddUInt32("llama.block_count", 1)
            .AddStringArray("tokenizer.ggml.tokens", ["a", "b", "ab"]).AddInt32Array("tokenizer.ggml.token_type", [1, 1, 1])
            .Add("nested", GgufValue.FromArray(GgufValueType.Array, new[] { GgufValue.FromInt32Array([1, 2]) }))
            .AddTensor("w32", Floats(8), [4, 2], GgufTensorType.F32)
            .AddTensor("w16", Floats(8), [8], GgufTensorType.F16)
            .AddTensor("wq8", Floats(64), [32, 2], GgufTensorType.Q8_0);
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Read_BadMagic_NamesFileAndMagic()
    {
        var e = Fails(RawGguf.Header(0, 0, magic: 0x4C4C5546).ToArray());
        Assert.Contains("bad.gguf", e.Message);
        Assert.Contains("magic", e.Message);
        Assert.Equal(0, e.Offset);
    }

    [Theory]
    [InlineData(2u)]
    [InlineData(4u)]
    public void Read_OtherVersion_Fails(uint version) =>
        Assert.Contains($"version {version}", Fails(RawGguf.Header(0, 0, version: version).ToArray()).Message);

    [Fact]
    public void Read_EmptyAndTinyFiles_Fail()
    {
        Assert.Contains("too short", Fails([]).Message);
        Assert.Contains("truncated", Fails(RawGguf.Header(0, 0).ToArray()[..10]).Message);
    }

    [Fact]
    public void Read_AbsurdTensorCount_FailsBeforeAllocating() =>
        Assert.Contains("tensor count", Fails(RawGguf.Header(1ul << 40, 0).ToArray()).Message);

    [Fact]
    public void Read_AbsurdKvCount_Fails() =>
        Assert.Contains("key-value count", Fails(RawGguf.Header(0, ulong.MaxValue).ToArray()).Message);

    [Fact]
    public void Read_StringLength2Pow60_Fails()
    {
        var e = Fails(RawGguf.Header(0, 1).U64(1ul << 60).Bytes(16).ToArray());
        Assert.Contains("metadata key #0", e.Message);
        Assert.Contains("1152921504606846976", e.Message);
    }

    [Fact]
    public void Read_HugeArrayCount_Fails() =>
        Assert.Contains("element count", Fails(RawGguf.Header(0, 1).Str("k").U32(9).U32(8).U64(1ul << 50).Bytes(40).ToArray()).Message);

    [Fact]
    public void Read_UnknownValueType_Fails() =>
        Assert.Contains("unknown value type 13", Fails(RawGguf.Header(0, 1).Str("k").U32(13).U32(0).ToArray()).Message);

    [Fact]
    public void Read_BoolNotZeroOrOne_Fails() =>
        Assert.Contains("bool", Fails(RawGguf.Header(0, 1).Str("flag").U32(7).U8(2).ToArray()).Message);

    [Fact]
    public void Read_DuplicateKey_Fails() =>
        Assert.Contains("duplicate metadata key 'k'", Fails(RawGguf.Header(0, 2).Str("k").U32(4).U32(1).Str("k").U32(4).U32(2).ToArray()).Message);

    [Fact]
    public void Read_DeeplyNestedArrays_FailsWithoutStackOverflow()
    {
        var raw = RawGguf.Header(0, 1).Str("bomb").U32(9);
        for (var i = 0; i < 10_000; i++)
            raw.U32(9).U64(1);
        Assert.Contains("nest deeper", Fails(raw.U32(4).U64(0).ToArray()).Message);
    }

    [Fact]
    public void Read_BadAlignment_Fails() =>
        Assert.Contains("power of two", Fails(RawGguf.Header(0, 1).Str("general.alignment").U32(4).U32(48).ToArray()).Message);

    [Fact]
    public void Read_UnknownTensorType_NamesTensor()
    {
        var e = Fails(RawGguf.Header(1, 0).Tensor("w", [4], 4, 0).Align().Bytes(32).ToArray());
        Assert.Contains("tensor 'w'", e.Message);
        Assert.Contains("unknown tensor type 4", e.Message);
    }

    [Fact]
    public void Read_TooManyDimensions_Fails() =>
        Assert.Contains("5 dimensions", Fails(RawGguf.Header(1, 0).Tensor("w", [1, 1, 1, 1, 1], 0, 0).Align().Bytes(32).ToArray()).Message);

    [Fact]
    public void Read_Q8RowNotMultipleOf32_Fails() =>
        Assert.Contains("not a multiple", Fails(RawGguf.Header(1, 0).Tensor("w", [16], 8, 0).Align().Bytes(64).ToArray()).Message);

    [Fact]
    public void Read_ElementCountOverflow_Fails() =>
        Assert.Contains("more elements", Fails(RawGguf.Header(1, 0).Tensor("w", [1ul << 40, 1ul << 40], 0, 0).Align().Bytes(32).ToArray()).Message);

    [Fact]
    public void Read_TensorDataPastEnd_Fails()
    {
        var e = Fails(RawGguf.Header(1, 0).Tensor("w", [16], 0, 0).Align().Bytes(32).ToArray());
        Assert.Contains("tensor 'w'", e.Message);
        Assert.Contains("holds only 32 bytes", e.Message);
    }

    [Fact]
    public void Read_OffsetBeyondData_Fails() =>
        Assert.Contains("tensor 'w'", Fails(RawGguf.Header(1, 0).Tensor("w", [1], 0, 1ul << 62).Align().Bytes(32).ToArray()).Message);

    [Fact]
    public void Read_MisalignedOffset_Fails() =>
        Assert.Contains("not a multiple of the alignment", Fails(RawGguf.Header(1, 0).Tensor("w", [1], 0, 4).Align().Bytes(64).ToArray()).Message);

    [Fact]
    public void Read_OverlappingTensors_Fails()
    {
        var e = Fails(RawGguf.Header(2, 0).Tensor("a", [16], 0, 0).Tensor("b", [8], 0, 32).Align().Bytes(128).ToArray());
        Assert.Contains("overlap", e.Message);
        Assert.Contains("'a'", e.Message);
        Assert.Contains("'b'", e.Message);
    }

    [Fact]
    public void Read_DuplicateTensorName_Fails() =>
        Assert.Contains("duplicate tensor name 'a'", Fails(RawGguf.Header(2, 0).Tensor("a", [8], 0, 0).Tensor("a", [8], 0, 32).Align().Bytes(64).ToArray()).Message);

    [Fact]
    public void ReadTensorAsFloat32_UnsupportedKnownType_FailsNamingTensor()
    {
        var file = GgufFile.Read(RawGguf.Header(1, 0).Tensor("k", [256], 12, 0).Align().Bytes(160).ToArray(), "k.gguf");
        Assert.Equal(GgufTensorType.Q4_K, file.Tensors[0].Type);
        var e = Assert.Throws<GgufFormatException>(() => file.ReadTensorAsFloat32("k"));
        Assert.Contains("Q4_K", e.Message);
    }

    [Fact]
    public void Read_EveryTruncation_FailsCleanly()
    {
        var valid = ValidFile();
        var parsed = GgufFile.Read(valid, "ok");
        var lastTensorEnd = parsed.DataOffset + (long)parsed.Tensors[^1].Offset + parsed.Tensors[^1].ByteSize;

        for (var length = 0; length < lastTensorEnd; length++)
            Assert.Throws<GgufFormatException>(() => GgufFile.Read(valid[..length], "cut"));
    }

    [Fact]
    public void Read_RandomByteFlips_OnlyEverFailsWithGgufFormatException()
    {
        var valid = ValidFile();
        var random = new Random(12345);
        var failures = 0;
        for (var trial = 0; trial < 3000; trial++)
        {
            var bytes = (byte[])valid.Clone();
            var flips = 1 + random.Next(4);
            for (var f = 0; f < flips; f++)
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                var file = GgufFile.Read(bytes, "flipped");
                foreach (var t in file.Tensors)
                {
                    if (GgufTensorTypeInfo.CanDequantize(t.Type))
                        file.ReadTensorAsFloat32(t);
                }
            }
            catch (GgufFormatException)
            {
                failures++;
            }
        }
        Assert.InRange(failures, 1, 2999);
    }
}
