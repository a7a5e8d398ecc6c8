using System.Globalization;

namespace InferScale.Engine.Gguf;

/// <summary>
/// One GGUF metadata value: a scalar, a string, or an array (arrays of scalars and strings are stored as typed .NET arrays,
/// nested arrays as arrays of <see cref="GgufValue"/>). Immutable; accessors throw <see cref="InvalidCastException"/>
/// naming the actual type when asked for another.
/// </summary>
public sealed class GgufValue
{
    private readonly object _value;

    private GgufValue(GgufValueType type, GgufValueType? elementType, object value)
    {
        Type = type;
        ElementType = elementType;
        _value = value;
    }

    /// <summary>The value's type.</summary>
    public GgufValueType Type { get; }

    /// <summary>For arrays, the element type; otherwise <see langword="null"/>.</summary>
    public GgufValueType? ElementType { get; }

    /// <summary>For arrays, the number of elements; otherwise 0.</summary>
    public int ArrayLength => _value is Array a ? a.Length : 0;

    /// <summary>The boxed value: a scalar, a <see cref="string"/>, or a typed array (<c>byte[]</c>, <c>string[]</c>, <c>GgufValue[]</c> …).</summary>
    public object RawValue => _value;

    /// <summary>A u8 value.</summary>
    public static GgufValue FromUInt8(byte value) => new(GgufValueType.UInt8, null, value);

    /// <summary>An i8 value.</summary>
    public static GgufValue FromInt8(sbyte value) => new(GgufValueType.Int8, null, value);

    /// <summary>A u16 value.</summary>
    public static GgufValue FromUInt16(ushort value) => new(GgufValueType.UInt16, null, value);

    /// <summary>An i16 value.</summary>
    public static GgufValue FromInt16(short value) => new(GgufValueType.Int16, null, value);

    /// <summary>A u32 value.</summary>
    public static GgufValue FromUInt32(uint value) => new(GgufValueType.UInt32, null, value);

    /// <summary>An i32 value.</summary>
    public static GgufValue FromInt32(int value) => new(GgufValueType.Int32, null, value);

    /// <summary>An f32 value.</summary>
    public static GgufValue FromFloat32(float value) => new(GgufValueType.Float32, null, value);

    /// <summary>A bool value.</summary>
    public static GgufValue FromBool(bool value) => new(GgufValueType.Bool, null, value);

    /// <summary>A string value.</summary>
    public static GgufValue FromString(string value) => new(GgufValueType.String, null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A u64 value.</summary>
    public static GgufValue FromUInt64(ulong value) => new(GgufValueType.UInt64, null, value);

    /// <summary>An i64 value.</summary>
    public static GgufValue FromInt64(long value) => new(GgufValueType.Int64, null, value);

    /// <summary>An f64 value.</summary>
    public static GgufValue FromFloat64(double value) => new(GgufValueType.Float64, null, value);

    /// <summary>An array of strings (the array is copied).</summary>
    public static GgufValue FromStringArray(IEnumerable<string> values)
    {
        var copy = values.ToArray();
        if (Array.IndexOf(copy, null) >= 0)
            throw new ArgumentException("String arrays may not contain null.", nameof(values));
        return new(GgufValueType.Array, GgufValueType.String, copy);
    }

    /// <summary>An array of i32 (copied).</summary>
    public static GgufValue FromInt32Array(ReadOnlySpan<int> values) => new(GgufValueType.Array, GgufValueType.Int32, values.ToArray());

    /// <summary>An array of f32 (copied).</summary>
    public static GgufValue FromFloat32Array(ReadOnlySpan<float> values) => new(GgufValueType.Array, GgufValueType.Float32, values.ToArray());

    /// <summary>
    /// An array of any element type: <paramref name="values"/> must be the matching typed .NET array (<c>byte[]</c> for u8,
    /// <c>sbyte[]</c>, <c>ushort[]</c>, <c>short[]</c>, <c>uint[]</c>, <c>int[]</c>, <c>float[]</c>, <c>bool[]</c>,
    /// <c>string[]</c>, <c>ulong[]</c>, <c>long[]</c>, <c>double[]</c>) or <c>GgufValue[]</c> of arrays for nesting. Copied.
    /// </summary>
    public static GgufValue FromArray(GgufValueType elementType, Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var expected = ClrArrayType(elementType);
        if (values.GetType() != expected)
            throw new ArgumentException($"An array of {elementType} needs a {expected.Name}; got {values.GetType().Name}.", nameof(values));
        if (values is GgufValue[] nested && nested.Any(v => v is null || v.Type != GgufValueType.Array))
            throw new ArgumentException("A nested array's elements must all be arrays.", nameof(values));
        if (values is string[] strings && Array.IndexOf(strings, null) >= 0)
            throw new ArgumentException("String arrays may not contain null.", nameof(values));
        return new(GgufValueType.Array, elementType, values.Clone());
    }

    /// <summary>Wraps an already-owned array without copying (the reader's path).</summary>
    internal static GgufValue OwnArray(GgufValueType elementType, Array values) => new(GgufValueType.Array, elementType, values);

    /// <summary>The typed .NET array that holds elements of <paramref name="elementType"/>.</summary>
    internal static Type ClrArrayType(GgufValueType elementType) => elementType switch
    {
        GgufValueType.UInt8 => typeof(byte[]),
        GgufValueType.Int8 => typeof(sbyte[]),
        GgufValueType.UInt16 => typeof(ushort[]),
        GgufValueType.Int16 => typeof(short[]),
        GgufValueType.UInt32 => typeof(uint[]),
        GgufValueType.Int32 => typeof(int[]),
        GgufValueType.Float32 => typeof(float[]),
        GgufValueType.Bool => typeof(bool[]),
        GgufValueType.String => typeof(string[]),
        GgufValueType.Array => typeof(GgufValue[]),
        GgufValueType.UInt64 => typeof(ulong[]),
        GgufValueType.Int64 => typeof(long[]),
        GgufValueType.Float64 => typeof(double[]),
        _ => throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "Not a GGUF value type."),
    };

    /// <summary>The string value.</summary>
    public string AsString() => Expect<string>(GgufValueType.String);

    /// <summary>The u8 value.</summary>
    public byte AsUInt8() => Expect<byte>(GgufValueType.UInt8);

    /// <summary>The u32 value.</summary>
    public uint AsUInt32() => Expect<uint>(GgufValueType.UInt32);

    /// <summary>The i32 value.</summary>
    public int AsInt32() => Expect<int>(GgufValueType.Int32);

    /// <summary>The u64 value.</summary>
    public ulong AsUInt64() => Expect<ulong>(GgufValueType.UInt64);

    /// <summary>The i64 value.</summary>
    public long AsInt64() => Expect<long>(GgufValueType.Int64);

    /// <summary>The f32 value.</summary>
    public float AsFloat32() => Expect<float>(GgufValueType.Float32);

    /// <summary>The f64 value.</summary>
    public double AsFloat64() => Expect<double>(GgufValueType.Float64);

    /// <summary>The bool value.</summary>
    public bool AsBool() => Expect<bool>(GgufValueType.Bool);

    /// <summary>Any integer type (u8 … i64) widened to <see cref="long"/>; throws for non-integers and u64 values above <see cref="long.MaxValue"/>.</summary>
    public long ToInteger() => _value switch
    {
        byte v => v,
        sbyte v => v,
        ushort v => v,
        short v => v,
        uint v => v,
        int v => v,
        long v => v,
        ulong v when v <= long.MaxValue => (long)v,
        ulong v => throw new InvalidCastException($"The u64 value {v} does not fit a signed 64-bit integer."),
        _ => throw new InvalidCastException($"Expected an integer; the value is {Describe()}."),
    };

    /// <summary>f32 or f64 (or an integer) as <see cref="double"/>.</summary>
    public double ToReal() => _value switch
    {
        float f => f,
        double d => d,
        _ when Type is not (GgufValueType.Array or GgufValueType.String or GgufValueType.Bool) => ToInteger(),
        _ => throw new InvalidCastException($"Expected a number; the value is {Describe()}."),
    };

    /// <summary>The elements of a string array.</summary>
    public IReadOnlyList<string> AsStringArray() => Array.AsReadOnly(ExpectArray<string>(GgufValueType.String));

    /// <summary>The elements of an i32 array.</summary>
    public IReadOnlyList<int> AsInt32Array() => Array.AsReadOnly(ExpectArray<int>(GgufValueType.Int32));

    /// <summary>The elements of an f32 array.</summary>
    public IReadOnlyList<float> AsFloat32Array() => Array.AsReadOnly(ExpectArray<float>(GgufValueType.Float32));

    /// <summary>The elements of an integer array of any integer element type, widened to <see cref="long"/>.</summary>
    public long[] ToIntegerArray()
    {
        if (_value is not Array array || Type != GgufValueType.Array || ElementType is GgufValueType.String or GgufValueType.Array or GgufValueType.Float32 or GgufValueType.Float64 or GgufValueType.Bool)
            throw new InvalidCastException($"Expected an array of integers; the value is {Describe()}.");
        var result = new long[array.Length];
        for (var i = 0; i < result.Length; i++)
            result[i] = array.GetValue(i) switch
            {
                ulong u when u > long.MaxValue => throw new InvalidCastException($"Element {i} ({u}) does not fit a signed 64-bit integer."),
                var v => Convert.ToInt64(v, CultureInfo.InvariantCulture),
            };
        return result;
    }

    /// <summary>The elements of any array as values (scalars boxed into <see cref="GgufValue"/>).</summary>
    public IReadOnlyList<GgufValue> AsArray()
    {
        if (_value is not Array array || Type != GgufValueType.Array)
            throw new InvalidCastException($"Expected an array; the value is {Describe()}.");
        if (array is GgufValue[] nested)
            return Array.AsReadOnly(nested);
        var result = new GgufValue[array.Length];
        for (var i = 0; i < result.Length; i++)
            result[i] = new GgufValue(ElementType!.Value, null, array.GetValue(i)!);
        return result;
    }

    /// <summary>A short human-readable description: the type and the value (arrays: element type, count and first elements).</summary>
    public string Describe(int maxElements = 8)
    {
        if (_value is Array array)
        {
            var shown = new List<string>();
            for (var i = 0; i < Math.Min(maxElements, array.Length); i++)
                shown.Add(array.GetValue(i) is { } v ? FormatScalar(v) : "null");
            var more = array.Length > maxElements ? ", …" : "";
            return $"[{ElementType}; {array.Length}] [{string.Join(", ", shown)}{more}]";
        }
        return $"{Type} {FormatScalar(_value)}";
    }

    /// <inheritdoc />
    public override string ToString() => Describe();

    private static string FormatScalar(object value) => value switch
    {
        string s => "\"" + (s.Length > 60 ? s[..60] + "…" : s) + "\"",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        GgufValue v => v.Describe(3),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private T Expect<T>(GgufValueType type)
    {
        if (Type != type || _value is not T value)
            throw new InvalidCastException($"Expected {type}; the value is {Describe()}.");
        return value;
    }

    private T[] ExpectArray<T>(GgufValueType elementType)
    {
        if (Type != GgufValueType.Array || ElementType != elementType || _value is not T[] values)
            throw new InvalidCastException($"Expected an array of {elementType}; the value is {Describe()}.");
        return values;
    }
}
