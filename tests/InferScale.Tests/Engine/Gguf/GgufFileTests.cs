using InferScale.Engine.Gguf;

namespace InferScale.Tests.Engine.Gguf;

public sealed class GgufFileTests
{
    private static byte[] Write(GgufWriter writer)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    private static float[] RandomFloats(int n, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    [Fact]
    public void Read_EveryValueType_RoundTripsTypesAndValues()
    {
        var nested = GgufValue.FromArray(GgufValueType.Array, new[]
        {
            GgufValue.FromArray(GgufValueType.UInt16, new ushort[] { 1, 65535 }),
            GgufValue.FromStringArray(["x", "yz"]),
        });
        var writer = new GgufWriter()
            .Add("u8", GgufValue.FromUInt8(200)).Add("i8", GgufValue.FromInt8(-100))
            .Add("u16", GgufValue.FromUInt16(60000)).Add("i16", GgufValue.FromInt16(-30000))
            .AddUInt32("u32", 4_000_000_000).AddInt32("i32", -2_000_000_000).AddFloat32("f32", 1.5f).AddBool("bool", true)
            .AddString("str", "héllo 🌍").Add("u64", GgufValue.FromUInt64(ulong.MaxValue)).Add("i64", GgufValue.FromInt64(long.MinValue))
            .Add("f64", GgufValue.FromFloat64(Math.PI)).AddStringArray("strs", ["a", "", "ü"]).AddInt32Array("ints", [1, -2, 3])
            .Add("bools", GgufValue.FromArray(GgufValueType.Bool, new[] { true, false })).Add("nested", nested)
            .Add("f64s", GgufValue.FromArray(GgufValueType.Float64, new[] { 0.25, -1e300 }));

        var file = GgufFile.Read(Write(writer), "mem");

        Assert.Equal(3u, file.Version);
        Assert.Equal(["u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool", "str", "u64", "i64", "f64", "strs", "ints", "bools", "nested", "f64s"], file.MetadataEntries.Select(kv => kv.Key));
        Assert.Equal(200, file.Metadata["u8"].AsUInt8());
        Assert.Equal(-100, file.GetInteger("i8"));
        Assert.Equal(60000, file.GetInteger("u16"));
        Assert.Equal(-30000, file.GetInteger("i16"));
        Assert.Equal(4_000_000_000u, file.GetUInt32("u32"));
        Assert.Equal(-2_000_000_000, file.GetInt32("i32"));
        Assert.Equal(1.5f, file.GetFloat32("f32"));
        Assert.True(file.GetBool("bool"));
        Assert.Equal("héllo 🌍", file.GetString("str"));
        Assert.Equal(ulong.MaxValue, file.GetUInt64("u64"));
        Assert.Equal(long.MinValue, file.Metadata["i64"].AsInt64());
        Assert.Equal(Math.PI, file.Metadata["f64"].AsFloat64());
        Assert.Equal(["a", "", "ü"], file.GetArray("strs").AsStringArray());
        Assert.Equal([1, -2, 3], file.GetArray("ints").AsInt32Array());
        Assert.Equal([true, false], file.GetArray("bools").AsArray().Select(v => v.AsBool()));
        var readNested = file.GetArray("nested").AsArray();
        Assert.Equal(GgufValueType.Array, file.Metadata["nested"].ElementType);
        Assert.Equal([1L, 65535L], readNested[0].ToIntegerArray());
        Assert.Equal(["x", "yz"], readNested[1].AsStringArray());
        Assert.Equal([0.25, -1e300], file.GetArray("f64s").AsArray().Select(v => v.AsFloat64()));
    }

    [Fact]
    public void Get_WrongTypeOrMissingKey_ThrowsNamingKeyAndFile()
    {
        var file = GgufFile.Read(Write(new GgufWriter().AddUInt32("n", 3)), "model.gguf");
        var wrong = Assert.Throws<GgufFormatException>(() => file.GetString("n"));
        Assert.Contains("'n'", wrong.Message);
        Assert.Contains("model.gguf", wrong.Message);
        Assert.Contains("UInt32", wrong.Message);
        var missing = Assert.Throws<GgufFormatException>(() => file.GetUInt32("absent"));
        Assert.Contains("'absent' is missing", missing.Message);
    }

    [Fact]
    public void ReadTensorAsFloat32_F32_IsBitExact()
    {
        var data = RandomFloats(96, 1, 1e3f);
        data[0] = float.Epsilon;
        data[1] = -0f;
        data[2] = float.MaxValue;
        var file = GgufFile.Read(Write(new GgufWriter().AddTensor("t", data, [32, 3], GgufTensorType.F32)), "mem");

        var tensor = file.GetTensor("t");
        Assert.Equal([32L, 3L], tensor.Shape);
        Assert.Equal(GgufTensorType.F32, tensor.Type);
        Assert.Equal(96, tensor.ElementCount);
        var read = file.ReadTensorAsFloat32("t");
        Assert.Equal(data.Select(BitConverter.SingleToInt32Bits), read.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void ReadTensorAsFloat32_F16_EqualsHalfRounding()
    {
        var data = RandomFloats(70, 2, 100f);
        var file = GgufFile.Read(Write(new GgufWriter().AddTensor("t", data, [70], GgufTensorType.F16)), "mem");

        Assert.Equal(140, file.GetTensor("t").ByteSize);
        Assert.Equal(data.Select(x => (float)(Half)x), file.ReadTensorAsFloat32("t"));
    }

    [Fact]
    public void ReadTensorAsFloat32_Q8_0_EqualsDequantizedQuantization()
    {
        var data = RandomFloats(64 * 3, 3, 5f);
        var file = GgufFile.Read(Write(new GgufWriter().AddTensor("t", data, [64, 3], GgufTensorType.Q8_0)), "mem");

        var bytes = new byte[6 * 34];
        GgufCodec.QuantizeQ8_0(data, bytes);
        var expected = new float[data.Length];
        GgufCodec.DequantizeQ8_0(bytes, expected);
        Assert.Equal(6 * 34, file.GetTensor("t").ByteSize);
        Assert.Equal(bytes, file.ReadTensorBytes(file.GetTensor("t")));
        Assert.Equal(expected, file.ReadTensorAsFloat32("t"));
        Assert.True(data.Zip(expected).All(p => MathF.Abs(p.First - p.Second) <= 5f / 127f));
    }

    [Fact]
    public void WriteTo_Layout_MatchesGgmlAlignmentRules()
    {
        var writer = new GgufWriter().AddString("general.name", "x")
            .AddTensor("a", RandomFloats(3, 4), [3], GgufTensorType.F32)
            .AddTensor("b", RandomFloats(5, 5), [5], GgufTensorType.F16);
        var bytes = Write(writer);
        var file = GgufFile.Read(bytes, "mem");

        Assert.Equal("GGUF"u8.ToArray(), bytes[..4]);
        Assert.Equal(3u, BitConverter.ToUInt32(bytes, 4));
        Assert.Equal(0, file.DataOffset % 32);
        Assert.Equal(0ul, file.Tensors[0].Offset);
        Assert.Equal(32ul, file.Tensors[1].Offset);
        Assert.Equal(file.DataOffset + 64, bytes.Length);
    }

    [Fact]
    public void SetAlignment_64_WritesKeyAndAlignsTensors()
    {
        var writer = new GgufWriter().SetAlignment(64)
            .AddTensor("a", RandomFloats(3, 6), [3], GgufTensorType.F32)
            .AddTensor("b", RandomFloats(3, 7), [3], GgufTensorType.F32);
        var file = GgufFile.Read(Write(writer), "mem");

        Assert.Equal(64u, file.Alignment);
        Assert.Equal(64u, file.GetUInt32("general.alignment"));
        Assert.Equal(0, file.DataOffset % 64);
        Assert.Equal(64ul, file.Tensors[1].Offset);
    }

    [Fact]
    public void WriteReadWrite_CopyingMetadataAndEncodedTensors_IsByteIdentical()
    {
        var writer = new GgufWriter().AddString("general.architecture", "test").AddStringArray("list", ["p", "q"])
            .AddTensor("f32", RandomFloats(40, 8), [8, 5], GgufTensorType.F32)
            .AddTensor("f16", RandomFloats(40, 9), [8, 5], GgufTensorType.F16)
            .AddTensor("q8", RandomFloats(64, 10), [32, 2], GgufTensorType.Q8_0);
        var first = Write(writer);
        var file = GgufFile.Read(first, "mem");

        var copy = new GgufWriter();
        foreach (var (key, value) in file.MetadataEntries)
            copy.Add(key, value);
        foreach (var t in file.Tensors)
            copy.AddEncodedTensor(t.Name, file.ReadTensorBytes(t), t.Shape.ToArray(), t.Type);
        Assert.Equal(first, Write(copy));

        var requantized = new GgufWriter();
        foreach (var (key, value) in file.MetadataEntries)
            requantized.Add(key, value);
        foreach (var t in file.Tensors)
            requantized.AddTensor(t.Name, file.ReadTensorAsFloat32(t), t.Shape.ToArray(), t.Type);
        Assert.Equal(first, Write(requantized));
    }

    [Fact]
    public void Read_FromDisk_ReadsTensorsByStreaming()
    {
        var path = Path.Combine(Path.GetTempPath(), $"inferscale-gguf-{Guid.NewGuid():N}.gguf");
        try
        {
            var data = RandomFloats(300_000, 11);
            new GgufWriter().AddTensor("big", data, [1000, 300], GgufTensorType.F32).WriteTo(path);
            var file = GgufFile.Read(path);
            Assert.Equal(path, file.Source);
            Assert.Equal(data, file.ReadTensorAsFloat32("big"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AddTensor_InvalidArguments_ThrowNamingTheTensor()
    {
        var writer = new GgufWriter();
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => writer.AddTensor("a", new float[5], [4], GgufTensorType.F32)).Message);
        Assert.Contains("multiple", Assert.Throws<ArgumentException>(() => writer.AddTensor("b", new float[16], [16], GgufTensorType.Q8_0)).Message);
        Assert.Contains("not supported", Assert.Throws<ArgumentException>(() => writer.AddTensor("c", new float[32], [32], GgufTensorType.Q4_K)).Message);
        Assert.Contains("longer", Assert.Throws<ArgumentException>(() => writer.AddTensor(new string('n', 64), new float[1], [1], GgufTensorType.F32)).Message);
        writer.AddTensor("d", new float[1], [1], GgufTensorType.F32);
        Assert.Contains("already", Assert.Throws<ArgumentException>(() => writer.AddTensor("d", new float[1], [1], GgufTensorType.F32)).Message);
        Assert.Throws<ArgumentException>(() => writer.AddUInt32("k", 1).AddUInt32("k", 2));
    }
}
