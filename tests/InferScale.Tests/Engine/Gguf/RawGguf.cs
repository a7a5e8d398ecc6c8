using System.Text;

namespace InferScale.Tests.Engine.Gguf;

/// <summary>Writes GGUF bytes field by field, so tests can build files no valid writer would produce.</summary>
internal sealed class RawGguf
{
    private readonly MemoryStream _stream = new();
    private readonly BinaryWriter _w;

    public RawGguf() => _w = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);

    public static RawGguf Header(ulong tensors, ulong kvs, uint magic = 0x46554747, uint version = 3) =>
        new RawGguf().U32(magic).U32(version).U64(tensors).U64(kvs);

    public RawGguf U8(byte v) { _w.Write(v); return this; }

    public RawGguf U32(uint v) { _w.Write(v); return this; }

    public RawGguf U64(ulong v) { _w.Write(v); return this; }

    public RawGguf F32(float v) { _w.Write(v); return this; }

    public RawGguf Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        _w.Write((ulong)bytes.Length);
        _w.Write(bytes);
        return this;
    }

    public RawGguf Bytes(int count, byte value = 0)
    {
        for (var i = 0; i < count; i++)
            _w.Write(value);
        return this;
    }

    /// <summary>A tensor info: name, dims, ne[], type, offset.</summary>
    public RawGguf Tensor(string name, ulong[] ne, uint type, ulong offset)
    {
        Str(name).U32((uint)ne.Length);
        foreach (var n in ne)
            U64(n);
        return U32(type).U64(offset);
    }

    /// <summary>Pads to a multiple of 32 bytes.</summary>
    public RawGguf Align(int alignment = 32)
    {
        _w.Flush();
        while (_stream.Length % alignment != 0)
            _w.Write((byte)0);
        return this;
    }

    public byte[] ToArray()
    {
        _w.Flush();
        return _stream.ToArray();
    }
}
