namespace InferScale.Engine.Gguf;

/// <summary>Metadata value types of GGUF v3 (the numeric codes are the on-disk <c>gguf_type</c> values).</summary>
public enum GgufValueType : uint
{
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 0,

    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 1,

    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 2,

    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 3,

    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 4,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 5,

    /// <summary>IEEE 754 single.</summary>
    Float32 = 6,

    /// <summary>One byte, 0 or 1.</summary>
    Bool = 7,

    /// <summary>UTF-8 string prefixed by a u64 byte length.</summary>
    String = 8,

    /// <summary>Element type (u32), count (u64), then the elements; arrays may nest.</summary>
    Array = 9,

    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 10,

    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 11,

    /// <summary>IEEE 754 double.</summary>
    Float64 = 12,
}
