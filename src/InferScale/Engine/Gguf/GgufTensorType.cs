namespace InferScale.Engine.Gguf;

/// <summary>
/// ggml tensor types (on-disk <c>ggml_type</c> codes). The reader knows the block layout of every type listed, so it can
/// validate and list files that use them; it converts <see cref="F32"/>, <see cref="F16"/>, <see cref="BF16"/> and
/// <see cref="Q8_0"/> to float32, and the writer writes <see cref="F32"/>, <see cref="F16"/> and <see cref="Q8_0"/>.
/// </summary>
public enum GgufTensorType : uint
{
    /// <summary>32-bit float.</summary>
    F32 = 0,

    /// <summary>16-bit IEEE half.</summary>
    F16 = 1,

    /// <summary>4-bit, blocks of 32 with an f16 scale.</summary>
    Q4_0 = 2,

    /// <summary>4-bit, blocks of 32 with f16 scale and min.</summary>
    Q4_1 = 3,

    /// <summary>5-bit, blocks of 32.</summary>
    Q5_0 = 6,

    /// <summary>5-bit, blocks of 32 with a min.</summary>
    Q5_1 = 7,

    /// <summary>8-bit, blocks of 32: an f16 scale <c>d</c> then 32 int8 <c>qs</c>; value = d·q.</summary>
    Q8_0 = 8,

    /// <summary>8-bit, blocks of 32 with scale and sum.</summary>
    Q8_1 = 9,

    /// <summary>k-quant, 2-bit.</summary>
    Q2_K = 10,

    /// <summary>k-quant, 3-bit.</summary>
    Q3_K = 11,

    /// <summary>k-quant, 4-bit.</summary>
    Q4_K = 12,

    /// <summary>k-quant, 5-bit.</summary>
    Q5_K = 13,

    /// <summary>k-quant, 6-bit.</summary>
    Q6_K = 14,

    /// <summary>k-quant, 8-bit (intermediate).</summary>
    Q8_K = 15,

    /// <summary>i-quant.</summary>
    IQ2_XXS = 16,

    /// <summary>i-quant.</summary>
    IQ2_XS = 17,

    /// <summary>i-quant.</summary>
    IQ3_XXS = 18,

    /// <summary>i-quant.</summary>
    IQ1_S = 19,

    /// <summary>i-quant, non-linear 4-bit.</summary>
    IQ4_NL = 20,

    /// <summary>i-quant.</summary>
    IQ3_S = 21,

    /// <summary>i-quant.</summary>
    IQ2_S = 22,

    /// <summary>i-quant.</summary>
    IQ4_XS = 23,

    /// <summary>8-bit integer.</summary>
    I8 = 24,

    /// <summary>16-bit integer.</summary>
    I16 = 25,

    /// <summary>32-bit integer.</summary>
    I32 = 26,

    /// <summary>64-bit integer.</summary>
    I64 = 27,

    /// <summary>64-bit float.</summary>
    F64 = 28,

    /// <summary>i-quant.</summary>
    IQ1_M = 29,

    /// <summary>bfloat16.</summary>
    BF16 = 30,

    /// <summary>ternary quant.</summary>
    TQ1_0 = 34,

    /// <summary>ternary quant.</summary>
    TQ2_0 = 35,

    /// <summary>microscaling FP4.</summary>
    MXFP4 = 39,
}
