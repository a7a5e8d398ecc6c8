namespace InferScale.Backends.ChatClient;

/// <summary>Configuration of a <see cref="ChatClientGenerator"/>. Validated once by its constructor.</summary>
public sealed record ChatClientGeneratorOptions
{
    /// <summary>Model id sent in <c>ChatOptions.ModelId</c> and reported in metadata; <see langword="null"/> uses the client's default.</summary>
    public string? ModelId { get; init; }

    /// <summary>Most calls to the chat client in flight at once for one request. Default 4.</summary>
    public int MaxParallelism { get; init; } = 4;

    /// <summary>A system message sent before the prompt; <see langword="null"/> sends none.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Whether disposing the generator disposes the chat client. Default true.</summary>
    public bool DisposeClient { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (MaxParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxParallelism), MaxParallelism, "MaxParallelism must be >= 1.");
    }
}
