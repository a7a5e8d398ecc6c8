namespace InferScale.Engine.Gguf;

/// <summary>How <see cref="LlamaGguf.Load(string, LlamaLoadOptions?)"/> holds a file's weights in memory.</summary>
public sealed record LlamaLoadOptions
{
    /// <summary>The defaults: Q8_0 matrices kept quantised.</summary>
    public static LlamaLoadOptions Default { get; } = new();

    /// <summary>
    /// Keep Q8_0 matrices as int8 blocks with their scales (<see cref="Q8Matrix"/>, about 1.1 bytes per weight instead
    /// of 4; the engine dequantises on the fly with bit-identical logits). Default <see langword="true"/>; with
    /// <see langword="false"/> they are converted to float32 at load. F16 and BF16 matrices are always converted to
    /// float32 (there is no half-precision kernel), F32 ones stay float32.
    /// </summary>
    public bool KeepQuantized { get; init; } = true;
}
