namespace InferScale.Engine.Gguf;

/// <summary>Fixed numbers of the GGUF format as ggml defines them.</summary>
public static class GgufConstants
{
    /// <summary>The magic <c>"GGUF"</c> read as a little-endian u32.</summary>
    public const uint Magic = 0x46554747;

    /// <summary>The format version this library reads and writes.</summary>
    public const uint Version = 3;

    /// <summary>Alignment of the data section and of each tensor when <c>general.alignment</c> is absent.</summary>
    public const uint DefaultAlignment = 32;

    /// <summary>ggml's <c>GGML_MAX_DIMS</c>: a tensor has 1 to 4 dimensions.</summary>
    public const int MaxDimensions = 4;

    /// <summary>ggml's <c>GGML_MAX_NAME</c>: tensor names are shorter than 64 bytes.</summary>
    public const int MaxTensorNameBytes = 63;

    /// <summary>Deepest array nesting the reader accepts (real files nest at most once; the bound stops a stack overflow).</summary>
    public const int MaxArrayNesting = 16;

    /// <summary>The metadata key that sets the alignment (a u32 power of two).</summary>
    public const string AlignmentKey = "general.alignment";
}
