namespace InferScale.Generation;

/// <summary>
/// A request for <see cref="Count"/> continuations of <see cref="Prompt"/> (optionally followed by a partial
/// solution <see cref="Prefix"/>, which step-level search and budget forcing continue).
/// </summary>
/// <param name="Prompt">The prompt text, formatted for the model.</param>
public sealed record GenerationRequest(string Prompt)
{
    /// <summary>A partial solution to continue after the prompt; empty for a fresh sample.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Number of samples to generate. Default 1.</summary>
    public int Count { get; init; } = 1;

    /// <summary>
    /// Index of the first sample in the request's sample stream: samples are numbered
    /// <c>FirstIndex … FirstIndex + Count − 1</c> and sample <c>i</c> depends only on (model, prompt, prefix, options, seed, i).
    /// </summary>
    public int FirstIndex { get; init; }

    /// <summary>How tokens are drawn.</summary>
    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>Backend model name, when the generator serves several; <see langword="null"/> for its default.</summary>
    public string? Model { get; init; }

    /// <summary>Throws when the request is invalid, naming the field.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Prompt);
        ArgumentNullException.ThrowIfNull(Prefix);
        if (Count < 1)
            throw new ArgumentOutOfRangeException(nameof(Count), Count, "Count must be >= 1.");
        if (FirstIndex < 0)
            throw new ArgumentOutOfRangeException(nameof(FirstIndex), FirstIndex, "FirstIndex must be >= 0.");
        ArgumentNullException.ThrowIfNull(Sampling);
        Sampling.Validate();
    }
}
