using InferScale.Compute;

namespace InferScale.Backends.Replay;

/// <summary>How a <see cref="ReplayGenerator"/> serves its pool. Validated when the generator is created.</summary>
public sealed record ReplayOptions
{
    /// <summary>The model name reported in metadata. Default <c>replay</c>.</summary>
    public string ModelId { get; init; } = "replay";

    /// <summary>
    /// Draw in a seeded permutation of the pool (default true). False serves the recorded order, sample i = the i-th
    /// recorded sample, to reproduce figures computed on the pool as recorded.
    /// </summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>When set, usage reports Kaplan FLOPs from the recorded token counts (prompt once per call) and metadata reports the shape.</summary>
    public ModelShape? ModelShape { get; init; }

    /// <summary>Throws naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelId))
            throw new ArgumentException("ModelId must be non-empty.", nameof(ModelId));
        ModelShape?.Validate();
    }
}
