using System.Text;

namespace InferScale.Engine.Gguf;

/// <summary>
/// Little-endian primitive reads over a stream of known length. Every read checks that the bytes exist first and every
/// count or length is bounded by the bytes left, so a corrupt file fails with <see cref="GgufFormatException"/> before
/// anything large is allocated.
/// </summary>
internal sealed class GgufBinaryReader
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly BinaryReader _reader;

    public GgufBinaryReader(Stream stream, long length, string source)
    {
        _reader = new BinaryReader(stream, Utf8, leaveOpen: true);
        Length = length;
        Source = source;
    }

    public string Source { get; }

    public long Length { get; }

    public long Position { get; private set; }

    public long Remaining => Length - Position;

    public GgufFormatException Error(string message, long? offset = null) => new(Source, offset ?? Position, message);

    public void Require(long bytes, string what)
    {
        if (bytes < 0 || bytes > Remaining)
            throw Error($"the file ends while reading {what} ({bytes} bytes needed, {Remaining} left; truncated?).");
    }

    public byte ReadUInt8(string what) { Require(1, what); Position += 1; return _reader.ReadByte(); }

    public sbyte ReadInt8(string what) { Require(1, what); Position += 1; return _reader.ReadSByte(); }

    public ushort ReadUInt16(string what) { Require(2, what); Position += 2; return _reader.ReadUInt16(); }

    public short ReadInt16(string what) { Require(2, what); Position += 2; return _reader.ReadInt16(); }

    public uint ReadUInt32(string what) { Require(4, what); Position += 4; return _reader.ReadUInt32(); }

    public int ReadInt32(string what) { Require(4, what); Position += 4; return _reader.ReadInt32(); }

    public ulong ReadUInt64(string what) { Require(8, what); Position += 8; return _reader.ReadUInt64(); }

    public long ReadInt64(string what) { Require(8, what); Position += 8; return _reader.ReadInt64(); }

    public float ReadFloat32(string what) { Require(4, what); Position += 4; return _reader.ReadSingle(); }

    public double ReadFloat64(string what) { Require(8, what); Position += 8; return _reader.ReadDouble(); }

    public bool ReadBool(string what)
    {
        var at = Position;
        var b = ReadUInt8(what);
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw Error($"{what} is a bool with byte value {b} (must be 0 or 1).", at),
        };
    }

    public string ReadString(string what)
    {
        var at = Position;
        var length = ReadUInt64($"the length of {what}");
        if (length > (ulong)Remaining)
            throw Error($"{what} claims {length} bytes but only {Remaining} remain in the file.", at);
        if (length > int.MaxValue)
            throw Error($"{what} is {length} bytes long, more than a string can hold.", at);
        Position += (long)length;
        var bytes = _reader.ReadBytes((int)length);
        if (bytes.Length != (int)length)
            throw Error($"the file ends inside {what}.", at);
        return Utf8.GetString(bytes);
    }

    /// <summary>Checks that <paramref name="count"/> items of at least <paramref name="minBytesEach"/> bytes fit in what is left.</summary>
    public int CheckCount(ulong count, int minBytesEach, string what, long at)
    {
        if (count > (ulong)(Remaining / minBytesEach))
            throw Error($"{what} is {count}, but the {Remaining} bytes left in the file can hold at most {Remaining / minBytesEach}.", at);
        if (count > (ulong)Array.MaxLength)
            throw Error($"{what} is {count}, more than an array can hold.", at);
        return (int)count;
    }
}
