using System.Buffers;
using System.Text;

namespace InferScale.Engine.Gguf;

/// <summary>
/// Builds a GGUF v3 file: metadata in the order added, then tensor infos, then the data section with every tensor at an
/// aligned offset, in the order added (the layout ggml's own writer produces, which ggml's reader requires).
/// Tensors are encoded (F32, F16 or Q8_0) while writing, so nothing is copied up front.
/// </summary>
public sealed class GgufWriter
{
    private static readonly UTF8Encoding Utf8 = new(false, true);
    private readonly List<KeyValuePair<string, GgufValue>> _metadata = [];
    private readonly List<PendingTensor> _tensors = [];
    private readonly HashSet<string> _tensorNames = new(StringComparer.Ordinal);

    /// <summary>Alignment of the data section and tensors; also written as <c>general.alignment</c> when not 32.</summary>
    public uint Alignment { get; private set; } = GgufConstants.DefaultAlignment;

    /// <summary>Number of metadata entries added so far.</summary>
    public int MetadataCount => _metadata.Count;

    /// <summary>Number of tensors added so far.</summary>
    public int TensorCount => _tensors.Count;

    /// <summary>Sets the alignment (a power of two); adds or updates <c>general.alignment</c> unless it is the default 32.</summary>
    public GgufWriter SetAlignment(uint alignment)
    {
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "alignment must be a power of two.");
        Alignment = alignment;
        var index = _metadata.FindIndex(kv => kv.Key == GgufConstants.AlignmentKey);
        if (index >= 0)
            _metadata.RemoveAt(index);
        if (alignment != GgufConstants.DefaultAlignment)
            _metadata.Add(new(GgufConstants.AlignmentKey, GgufValue.FromUInt32(alignment)));
        return this;
    }

    /// <summary>Adds a metadata entry; keys must be unique and non-empty.</summary>
    public GgufWriter Add(string key, GgufValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key == GgufConstants.AlignmentKey)
        {
            if (value.Type != GgufValueType.UInt32)
                throw new ArgumentException($"{GgufConstants.AlignmentKey} must be a u32.", nameof(value));
            return SetAlignment(value.AsUInt32());
        }
        if (_metadata.Exists(kv => kv.Key == key))
            throw new ArgumentException($"Metadata key '{key}' was already added.", nameof(key));
        _metadata.Add(new(key, value));
        return this;
    }

    /// <summary>Adds a string entry.</summary>
    public GgufWriter AddString(string key, string value) => Add(key, GgufValue.FromString(value));

    /// <summary>Adds a u32 entry.</summary>
    public GgufWriter AddUInt32(string key, uint value) => Add(key, GgufValue.FromUInt32(value));

    /// <summary>Adds an i32 entry.</summary>
    public GgufWriter AddInt32(string key, int value) => Add(key, GgufValue.FromInt32(value));

    /// <summary>Adds an f32 entry.</summary>
    public GgufWriter AddFloat32(string key, float value) => Add(key, GgufValue.FromFloat32(value));

    /// <summary>Adds a bool entry.</summary>
    public GgufWriter AddBool(string key, bool value) => Add(key, GgufValue.FromBool(value));

    /// <summary>Adds a string-array entry.</summary>
    public GgufWriter AddStringArray(string key, IEnumerable<string> values) => Add(key, GgufValue.FromStringArray(values));

    /// <summary>Adds an i32-array entry.</summary>
    public GgufWriter AddInt32Array(string key, ReadOnlySpan<int> values) => Add(key, GgufValue.FromInt32Array(values));

    /// <summary>
    /// Adds a tensor of float32 <paramref name="data"/> with ggml <paramref name="shape"/> (<c>ne[0]</c> first, so a
    /// row-major <c>[out, in]</c> matrix is <c>[in, out]</c>), stored as <paramref name="type"/> (F32, F16 or Q8_0).
    /// The array is kept by reference and encoded when the file is written.
    /// </summary>
    public GgufWriter AddTensor(string name, float[] data, ReadOnlySpan<long> shape, GgufTensorType type)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!GgufTensorTypeInfo.CanQuantize(type))
            throw new ArgumentException($"Tensor '{name}': writing type {type} is not supported (F32, F16, Q8_0).", nameof(type));
        var dims = CheckShape(name, shape, type);
        if (data.LongLength != dims.Aggregate(1L, (a, b) => checked(a * b)))
            throw new ArgumentException($"Tensor '{name}' has {data.LongLength} values but shape [{string.Join(", ", dims)}] needs {dims.Aggregate(1L, (a, b) => a * b)}.", nameof(data));
        _tensors.Add(new PendingTensor(name, dims, type, data, null, GgufTensorTypeInfo.ByteSize(type, data.LongLength)));
        return this;
    }

    /// <summary>Adds a tensor whose bytes are already encoded as <paramref name="type"/> (any ggml type), e.g. copied from another file.</summary>
    public GgufWriter AddEncodedTensor(string name, byte[] bytes, ReadOnlySpan<long> shape, GgufTensorType type)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!GgufTensorTypeInfo.IsKnown(type))
            throw new ArgumentException($"Tensor '{name}': unknown tensor type {(uint)type}.", nameof(type));
        var dims = CheckShape(name, shape, type);
        var size = GgufTensorTypeInfo.ByteSize(type, dims.Aggregate(1L, (a, b) => checked(a * b)));
        if (bytes.LongLength != size)
            throw new ArgumentException($"Tensor '{name}' of {type} [{string.Join(", ", dims)}] takes {size} bytes; got {bytes.LongLength}.", nameof(bytes));
        _tensors.Add(new PendingTensor(name, dims, type, null, bytes, size));
        return this;
    }

    /// <summary>Writes the file to <paramref name="path"/> (replacing it).</summary>
    public void WriteTo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        WriteTo(stream);
    }

    /// <summary>Writes the file to <paramref name="stream"/> (from its current position).</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new BinaryWriter(stream, Utf8, leaveOpen: true);
        long position = 0;
        void Count(long n) => position += n;

        w.Write(GgufConstants.Magic);
        w.Write(GgufConstants.Version);
        w.Write((ulong)_tensors.Count);
        w.Write((ulong)_metadata.Count);
        Count(24);
        foreach (var (key, value) in _metadata)
        {
            Count(WriteString(w, key));
            w.Write((uint)value.Type);
            Count(4);
            Count(WriteValue(w, value));
        }

        long offset = 0;
        foreach (var t in _tensors)
        {
            Count(WriteString(w, t.Name));
            w.Write((uint)t.Shape.Length);
            Count(4);
            foreach (var ne in t.Shape)
                w.Write((ulong)ne);
            Count(8L * t.Shape.Length);
            w.Write((uint)t.Type);
            w.Write((ulong)offset);
            Count(12);
            offset = GgufFile.AlignUp(offset + t.ByteSize, Alignment);
        }

        Pad(w, ref position);
        foreach (var t in _tensors)
        {
            if (t.Encoded is { } bytes)
                w.Write(bytes);
            else
                WriteEncoded(w, t.Data!, t.Type);
            position += t.ByteSize;
            Pad(w, ref position);
        }
        w.Flush();
    }

    private void Pad(BinaryWriter w, ref long position)
    {
        var aligned = GgufFile.AlignUp(position, Alignment);
        for (; position < aligned; position++)
            w.Write((byte)0);
    }

    private static void WriteEncoded(BinaryWriter w, float[] data, GgufTensorType type)
    {
        GgufTensorTypeInfo.TryGetLayout(type, out var blockSize, out var blockBytes);
        var chunkBlocks = Math.Max(1, (1 << 17) / blockBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkBlocks * blockBytes);
        try
        {
            var totalBlocks = data.LongLength / blockSize;
            for (long done = 0; done < totalBlocks;)
            {
                var n = (int)Math.Min(chunkBlocks, totalBlocks - done);
                var bytes = buffer.AsSpan(0, n * blockBytes);
                GgufCodec.Encode(data.AsSpan((int)(done * blockSize), n * blockSize), type, bytes);
                w.Write(bytes);
                done += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private long[] CheckShape(string name, ReadOnlySpan<long> shape, GgufTensorType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Utf8.GetByteCount(name) > GgufConstants.MaxTensorNameBytes)
            throw new ArgumentException($"Tensor name '{name}' is longer than ggml's limit of {GgufConstants.MaxTensorNameBytes} bytes.", nameof(name));
        if (!_tensorNames.Add(name))
            throw new ArgumentException($"Tensor '{name}' was already added.", nameof(name));
        if (shape.Length is 0 or > GgufConstants.MaxDimensions)
        {
            _tensorNames.Remove(name);
            throw new ArgumentException($"Tensor '{name}' has {shape.Length} dimensions; ggml allows 1 to {GgufConstants.MaxDimensions}.", nameof(shape));
        }
        GgufTensorTypeInfo.TryGetLayout(type, out var blockSize, out _);
        foreach (var ne in shape)
        {
            if (ne < 0)
            {
                _tensorNames.Remove(name);
                throw new ArgumentException($"Tensor '{name}' has a negative dimension.", nameof(shape));
            }
        }
        if (shape[0] % blockSize != 0)
        {
            _tensorNames.Remove(name);
            throw new ArgumentException($"Tensor '{name}': {type} stores blocks of {blockSize}; dimension 0 ({shape[0]}) must be a multiple.", nameof(shape));
        }
        return shape.ToArray();
    }

    private static long WriteString(BinaryWriter w, string s)
    {
        var bytes = Utf8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
        return 8 + bytes.Length;
    }

    private static long WriteValue(BinaryWriter w, GgufValue value)
    {
        switch (value.RawValue)
        {
            case byte v: w.Write(v); return 1;
            case sbyte v: w.Write(v); return 1;
            case ushort v: w.Write(v); return 2;
            case short v: w.Write(v); return 2;
            case uint v: w.Write(v); return 4;
            case int v: w.Write(v); return 4;
            case float v: w.Write(v); return 4;
            case bool v: w.Write(v ? (byte)1 : (byte)0); return 1;
            case string v: return WriteString(w, v);
            case ulong v: w.Write(v); return 8;
            case long v: w.Write(v); return 8;
            case double v: w.Write(v); return 8;
            case Array array:
            {
                w.Write((uint)value.ElementType!.Value);
                w.Write((ulong)array.Length);
                long n = 12;
                if (array is GgufValue[] nested)
                {
                    foreach (var element in nested)
                        n += WriteValue(w, element);
                    return n;
                }
                foreach (var element in value.AsArray())
                    n += WriteValue(w, element);
                return n;
            }
            default:
                throw new InvalidOperationException($"Unexpected metadata value {value.RawValue.GetType()}.");
        }
    }

    private sealed record PendingTensor(string Name, long[] Shape, GgufTensorType Type, float[]? Data, byte[]? Encoded, long ByteSize);
}
