using System.Collections.ObjectModel;
using System.Text;

namespace InferScale.Engine.Gguf;

/// <summary>
/// A parsed GGUF v3 file: metadata, tensor table and a way to read tensors as float32. Parsing reads the header only
/// (tensor data is streamed on demand from the file); every count, length, shape and data range is validated against
/// the file size, and any problem raises <see cref="GgufFormatException"/> naming the file, offset and field.
/// Instances are immutable and thread-safe.
/// </summary>
public sealed class GgufFile
{
    private readonly Func<Stream> _open;
    private readonly Dictionary<string, GgufTensorInfo> _tensorsByName;

    private GgufFile(string source, Func<Stream> open, uint version, List<KeyValuePair<string, GgufValue>> metadata,
        List<GgufTensorInfo> tensors, uint alignment, long dataOffset, long fileLength)
    {
        Source = source;
        _open = open;
        Version = version;
        MetadataEntries = metadata.AsReadOnly();
        Metadata = new ReadOnlyDictionary<string, GgufValue>(metadata.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
        Tensors = tensors.AsReadOnly();
        _tensorsByName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Alignment = alignment;
        DataOffset = dataOffset;
        FileLength = fileLength;
    }

    /// <summary>The path (or in-memory name) the file was read from.</summary>
    public string Source { get; }

    /// <summary>Format version (always 3).</summary>
    public uint Version { get; }

    /// <summary>Metadata by key.</summary>
    public IReadOnlyDictionary<string, GgufValue> Metadata { get; }

    /// <summary>Metadata in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, GgufValue>> MetadataEntries { get; }

    /// <summary>Tensor infos in file order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Alignment of the data section and of tensor offsets.</summary>
    public uint Alignment { get; }

    /// <summary>Absolute file offset where the data section starts.</summary>
    public long DataOffset { get; }

    /// <summary>Length of the file in bytes when it was read.</summary>
    public long FileLength { get; }

    /// <summary>Reads and validates the header and tensor table of the GGUF file at <paramref name="path"/>.</summary>
    /// <exception cref="GgufFormatException">The file is not a valid GGUF v3 file.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static GgufFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Stream Open() => new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var stream = Open();
        return Parse(stream, path, Open);
    }

    /// <summary>Parses a GGUF file held in memory; <paramref name="sourceName"/> is used in error messages.</summary>
    /// <exception cref="GgufFormatException">The bytes are not a valid GGUF v3 file.</exception>
    public static GgufFile Read(byte[] contents, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(sourceName);
        Stream Open() => new MemoryStream(contents, writable: false);
        using var stream = Open();
        return Parse(stream, sourceName, Open);
    }

    /// <summary>Whether the metadata has <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => Metadata.ContainsKey(key);

    /// <summary>The value of <paramref name="key"/>, or throws <see cref="GgufFormatException"/> naming the missing key.</summary>
    public GgufValue Get(string key) =>
        Metadata.TryGetValue(key, out var value) ? value : throw new GgufFormatException(Source, null, $"metadata key '{key}' is missing.");

    /// <summary>The string value of <paramref name="key"/>.</summary>
    public string GetString(string key) => Typed(key, v => v.AsString());

    /// <summary>The u32 value of <paramref name="key"/>.</summary>
    public uint GetUInt32(string key) => Typed(key, v => v.AsUInt32());

    /// <summary>The i32 value of <paramref name="key"/>.</summary>
    public int GetInt32(string key) => Typed(key, v => v.AsInt32());

    /// <summary>The u64 value of <paramref name="key"/>.</summary>
    public ulong GetUInt64(string key) => Typed(key, v => v.AsUInt64());

    /// <summary>The f32 value of <paramref name="key"/>.</summary>
    public float GetFloat32(string key) => Typed(key, v => v.AsFloat32());

    /// <summary>The bool value of <paramref name="key"/>.</summary>
    public bool GetBool(string key) => Typed(key, v => v.AsBool());

    /// <summary>Any integer-typed value of <paramref name="key"/>, widened to <see cref="long"/>.</summary>
    public long GetInteger(string key) => Typed(key, v => v.ToInteger());

    /// <summary>The array value of <paramref name="key"/> (use the value's typed accessors for its elements).</summary>
    public GgufValue GetArray(string key) => Typed(key, v => v.Type == GgufValueType.Array ? v : throw new InvalidCastException($"Expected an array; the value is {v.Describe()}."));

    /// <summary>The tensor named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public GgufTensorInfo? FindTensor(string name) => _tensorsByName.GetValueOrDefault(name);

    /// <summary>The tensor named <paramref name="name"/>; throws <see cref="GgufFormatException"/> when absent.</summary>
    public GgufTensorInfo GetTensor(string name) =>
        FindTensor(name) ?? throw new GgufFormatException(Source, null, $"tensor '{name}' is missing.");

    /// <summary>Reads tensor <paramref name="name"/> and converts it to float32 (F32, F16, BF16 and Q8_0 are supported).</summary>
    public float[] ReadTensorAsFloat32(string name) => ReadTensorAsFloat32(GetTensor(name));

    /// <summary>Reads <paramref name="tensor"/> (an entry of <see cref="Tensors"/>) and converts it to float32.</summary>
    /// <exception cref="GgufFormatException">The type cannot be converted, or the file changed and is now too short.</exception>
    public float[] ReadTensorAsFloat32(GgufTensorInfo tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!GgufTensorTypeInfo.CanDequantize(tensor.Type))
            throw new GgufFormatException(Source, null, $"tensor '{tensor.Name}' has type {tensor.Type}, which cannot be converted to float32 here (supported: F32, F16, BF16, Q8_0).");
        if (tensor.ElementCount > Array.MaxLength)
            throw new GgufFormatException(Source, null, $"tensor '{tensor.Name}' has {tensor.ElementCount} values, more than one float array can hold.");
        var result = new float[tensor.ElementCount];
        using var stream = OpenAt(tensor);
        GgufCodec.Decode(stream, tensor.Type, result, ex => Truncated(tensor, ex));
        return result;
    }

    /// <summary>The tensor's stored bytes exactly as in the file (for copying without re-encoding).</summary>
    public byte[] ReadTensorBytes(GgufTensorInfo tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.ByteSize > Array.MaxLength)
            throw new GgufFormatException(Source, null, $"tensor '{tensor.Name}' is {tensor.ByteSize} bytes, more than one array can hold.");
        var bytes = new byte[tensor.ByteSize];
        using var stream = OpenAt(tensor);
        try
        {
            stream.ReadExactly(bytes);
        }
        catch (EndOfStreamException ex)
        {
            throw Truncated(tensor, ex);
        }
        return bytes;
    }

    private Stream OpenAt(GgufTensorInfo tensor)
    {
        if (!_tensorsByName.TryGetValue(tensor.Name, out var own) || !ReferenceEquals(own, tensor))
            throw new ArgumentException($"Tensor '{tensor.Name}' does not belong to {Source}.", nameof(tensor));
        var stream = _open();
        var start = DataOffset + (long)tensor.Offset;
        if (stream.Length < start + tensor.ByteSize)
        {
            stream.Dispose();
            throw Truncated(tensor);
        }
        stream.Seek(start, SeekOrigin.Begin);
        return stream;
    }

    private GgufFormatException Truncated(GgufTensorInfo tensor, Exception? inner = null) =>
        new(Source, DataOffset + (long)tensor.Offset, $"the data of tensor '{tensor.Name}' ({tensor.ByteSize} bytes) runs past the end of the file; was it changed or truncated after it was opened?", inner);

    private T Typed<T>(string key, Func<GgufValue, T> get)
    {
        var value = Get(key);
        try
        {
            return get(value);
        }
        catch (InvalidCastException ex)
        {
            throw new GgufFormatException(Source, null, $"metadata key '{key}': {ex.Message}", ex);
        }
    }

    private static GgufFile Parse(Stream stream, string source, Func<Stream> open)
    {
        var length = stream.Length;
        var r = new GgufBinaryReader(new BufferedStream(stream, 1 << 16), length, source);
        if (length < 4)
            throw r.Error($"the file is {length} bytes long, too short to be GGUF.", 0);
        var magic = r.ReadUInt32("the magic");
        if (magic != GgufConstants.Magic)
        {
            var text = Encoding.ASCII.GetString(BitConverter.GetBytes(magic)).Replace('\0', '.');
            throw r.Error($"bad magic 0x{magic:X8} ('{text}'); a GGUF file starts with 'GGUF'.", 0);
        }
        var version = r.ReadUInt32("the version");
        if (version != GgufConstants.Version)
            throw r.Error(version is 1 or 2
                ? $"GGUF version {version} is not supported (only version 3; convert the file with a current llama.cpp)."
                : $"unknown GGUF version {version} (only version 3 is supported).", 4);
        var countAt = r.Position;
        var tensorCount = r.CheckCount(r.ReadUInt64("the tensor count"), 8 + 4 + 8 + 4 + 8, "the tensor count", countAt);
        countAt = r.Position;
        var kvCount = r.CheckCount(r.ReadUInt64("the metadata count"), 8 + 4 + 1, "the metadata key-value count", countAt);

        var metadata = new List<KeyValuePair<string, GgufValue>>(kvCount);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < kvCount; i++)
        {
            var at = r.Position;
            var key = r.ReadString($"metadata key #{i}");
            if (key.Length == 0)
                throw r.Error($"metadata key #{i} is empty.", at);
            if (!keys.Add(key))
                throw r.Error($"duplicate metadata key '{key}'.", at);
            var typeAt = r.Position;
            var type = (GgufValueType)r.ReadUInt32($"the type of metadata '{key}'");
            var value = ReadValue(r, type, key, typeAt, 0);
            metadata.Add(new(key, value));
        }

        uint alignment = GgufConstants.DefaultAlignment;
        var alignmentEntry = metadata.FirstOrDefault(kv => kv.Key == GgufConstants.AlignmentKey);
        if (alignmentEntry.Value is { } alignValue)
        {
            if (alignValue.Type != GgufValueType.UInt32)
                throw r.Error($"'{GgufConstants.AlignmentKey}' must be a u32; it is {alignValue.Describe()}.", null);
            alignment = alignValue.AsUInt32();
            if (alignment == 0 || (alignment & (alignment - 1)) != 0)
                throw r.Error($"'{GgufConstants.AlignmentKey}' is {alignment}; it must be a power of two.", null);
        }

        var tensors = new List<GgufTensorInfo>(tensorCount);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tensorCount; i++)
            tensors.Add(ReadTensorInfo(r, i, names));

        var dataOffset = AlignUp(r.Position, alignment);
        if (tensorCount > 0 && dataOffset > length)
            throw r.Error($"the data section would start at byte {dataOffset}, past the end of the file ({length} bytes).", null);
        CheckDataRanges(r, tensors, alignment, length - Math.Min(dataOffset, length));
        return new GgufFile(source, open, version, metadata, tensors, alignment, dataOffset, length);
    }

    private static GgufTensorInfo ReadTensorInfo(GgufBinaryReader r, int index, HashSet<string> names)
    {
        var at = r.Position;
        var name = r.ReadString($"the name of tensor #{index}");
        var what = $"tensor '{name}' (#{index})";
        if (name.Length == 0)
            throw r.Error($"tensor #{index} has an empty name.", at);
        if (Encoding.UTF8.GetByteCount(name) > GgufConstants.MaxTensorNameBytes)
            throw r.Error($"{what}: the name is longer than ggml's limit of {GgufConstants.MaxTensorNameBytes} bytes.", at);
        if (!names.Add(name))
            throw r.Error($"duplicate tensor name '{name}'.", at);
        var dimsAt = r.Position;
        var dims = r.ReadUInt32($"the dimension count of {what}");
        if (dims is 0 or > GgufConstants.MaxDimensions)
            throw r.Error($"{what} has {dims} dimensions; ggml allows 1 to {GgufConstants.MaxDimensions}.", dimsAt);
        var shape = new long[dims];
        long elements = 1;
        for (var d = 0; d < dims; d++)
        {
            var neAt = r.Position;
            var ne = r.ReadUInt64($"dimension {d} of {what}");
            if (ne > long.MaxValue)
                throw r.Error($"{what}: dimension {d} is {ne}, out of range.", neAt);
            shape[d] = (long)ne;
            if (ne != 0 && elements > long.MaxValue / (long)ne)
                throw r.Error($"{what}: the shape [{string.Join(", ", shape.Take(d + 1))}…] has more elements than a 64-bit count can hold.", neAt);
            elements *= (long)ne;
        }
        var typeAt = r.Position;
        var type = (GgufTensorType)r.ReadUInt32($"the type of {what}");
        if (!GgufTensorTypeInfo.TryGetLayout(type, out var blockSize, out var blockBytes))
            throw r.Error($"{what} has unknown tensor type {(uint)type}.", typeAt);
        if (shape[0] % blockSize != 0)
            throw r.Error($"{what}: type {type} stores blocks of {blockSize} values, but dimension 0 is {shape[0]}, not a multiple.", typeAt);
        var byteSize = elements / blockSize > long.MaxValue / blockBytes
            ? throw r.Error($"{what} is too large.", typeAt)
            : elements / blockSize * blockBytes;
        var offset = r.ReadUInt64($"the data offset of {what}");
        return new GgufTensorInfo(name, shape, type, offset, elements, byteSize);
    }

    private static void CheckDataRanges(GgufBinaryReader r, List<GgufTensorInfo> tensors, uint alignment, long dataLength)
    {
        foreach (var t in tensors)
        {
            if (t.Offset % alignment != 0)
                throw r.Error($"tensor '{t.Name}' has data offset {t.Offset}, not a multiple of the alignment {alignment}.", null);
            if (t.Offset > (ulong)dataLength || (ulong)t.ByteSize > (ulong)dataLength - t.Offset)
                throw r.Error($"tensor '{t.Name}' ({t.Type} {t.ShapeText}) needs bytes {t.Offset}..{t.Offset + (ulong)t.ByteSize} of the data section, but it holds only {dataLength} bytes (truncated file or bad offset).", null);
        }
        var sorted = tensors.Where(t => t.ByteSize > 0).OrderBy(t => t.Offset).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            var prev = sorted[i - 1];
            if (sorted[i].Offset < prev.Offset + (ulong)prev.ByteSize)
                throw r.Error($"the data of tensors '{prev.Name}' (bytes {prev.Offset}..{prev.Offset + (ulong)prev.ByteSize}) and '{sorted[i].Name}' (from byte {sorted[i].Offset}) overlap.", null);
        }
    }

    private static GgufValue ReadValue(GgufBinaryReader r, GgufValueType type, string key, long typeAt, int depth)
    {
        var what = $"metadata '{key}'";
        switch (type)
        {
            case GgufValueType.UInt8: return GgufValue.FromUInt8(r.ReadUInt8(what));
            case GgufValueType.Int8: return GgufValue.FromInt8(r.ReadInt8(what));
            case GgufValueType.UInt16: return GgufValue.FromUInt16(r.ReadUInt16(what));
            case GgufValueType.Int16: return GgufValue.FromInt16(r.ReadInt16(what));
            case GgufValueType.UInt32: return GgufValue.FromUInt32(r.ReadUInt32(what));
            case GgufValueType.Int32: return GgufValue.FromInt32(r.ReadInt32(what));
            case GgufValueType.Float32: return GgufValue.FromFloat32(r.ReadFloat32(what));
            case GgufValueType.Bool: return GgufValue.FromBool(r.ReadBool(what));
            case GgufValueType.String: return GgufValue.FromString(r.ReadString(what));
            case GgufValueType.UInt64: return GgufValue.FromUInt64(r.ReadUInt64(what));
            case GgufValueType.Int64: return GgufValue.FromInt64(r.ReadInt64(what));
            case GgufValueType.Float64: return GgufValue.FromFloat64(r.ReadFloat64(what));
            case GgufValueType.Array:
                if (depth >= GgufConstants.MaxArrayNesting)
                    throw r.Error($"{what}: arrays nest deeper than {GgufConstants.MaxArrayNesting} levels.", typeAt);
                var elemAt = r.Position;
                var elementType = (GgufValueType)r.ReadUInt32($"the element type of {what}");
                if (!Enum.IsDefined(elementType))
                    throw r.Error($"{what} is an array of unknown value type {(uint)elementType}.", elemAt);
                var countAt = r.Position;
                var count = r.CheckCount(r.ReadUInt64($"the element count of {what}"), MinBytes(elementType), $"the element count of {what}", countAt);
                return GgufValue.OwnArray(elementType, ReadArray(r, elementType, count, key, depth));
            default:
                throw r.Error($"{what} has unknown value type {(uint)type}.", typeAt);
        }
    }

    private static int MinBytes(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 or GgufValueType.String => 8,
        GgufValueType.Array => 12,
        _ => 1,
    };

    private static Array ReadArray(GgufBinaryReader r, GgufValueType elementType, int count, string key, int depth)
    {
        var what = $"an element of metadata '{key}'";
        switch (elementType)
        {
            case GgufValueType.String:
            {
                var a = new string[count];
                for (var i = 0; i < count; i++)
                    a[i] = r.ReadString($"element {i} of metadata '{key}'");
                return a;
            }
            case GgufValueType.Array:
            {
                var a = new GgufValue[count];
                for (var i = 0; i < count; i++)
                    a[i] = ReadValue(r, GgufValueType.Array, key, r.Position, depth + 1);
                return a;
            }
            case GgufValueType.Bool:
            {
                var a = new bool[count];
                for (var i = 0; i < count; i++)
                    a[i] = r.ReadBool(what);
                return a;
            }
            case GgufValueType.UInt8: return Fill(new byte[count], () => r.ReadUInt8(what));
            case GgufValueType.Int8: return Fill(new sbyte[count], () => r.ReadInt8(what));
            case GgufValueType.UInt16: return Fill(new ushort[count], () => r.ReadUInt16(what));
            case GgufValueType.Int16: return Fill(new short[count], () => r.ReadInt16(what));
            case GgufValueType.UInt32: return Fill(new uint[count], () => r.ReadUInt32(what));
            case GgufValueType.Int32: return Fill(new int[count], () => r.ReadInt32(what));
            case GgufValueType.Float32: return Fill(new float[count], () => r.ReadFloat32(what));
            case GgufValueType.UInt64: return Fill(new ulong[count], () => r.ReadUInt64(what));
            case GgufValueType.Int64: return Fill(new long[count], () => r.ReadInt64(what));
            case GgufValueType.Float64: return Fill(new double[count], () => r.ReadFloat64(what));
            default: throw r.Error($"metadata '{key}' has an unknown element type {(uint)elementType}.");
        }
    }

    private static T[] Fill<T>(T[] array, Func<T> read)
    {
        for (var i = 0; i < array.Length; i++)
            array[i] = read();
        return array;
    }

    internal static long AlignUp(long value, uint alignment) => (value + alignment - 1) / alignment * alignment;
}
