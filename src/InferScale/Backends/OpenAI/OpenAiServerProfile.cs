namespace InferScale.Backends.OpenAI;

/// <summary>What a generator knows about its server once <see cref="OpenAiServerKind.Auto"/> and the slot count are resolved.</summary>
/// <param name="Kind">The resolved kind (never <see cref="OpenAiServerKind.Auto"/>).</param>
/// <param name="MaxSamplesPerCall">Largest <c>n</c> per call (the option, capped by llama-server's slots).</param>
/// <param name="MaxStopStrings">Most stop strings sent to the server (the option; unlimited for llama-server).</param>
internal sealed record OpenAiServerProfile(OpenAiServerKind Kind, int MaxSamplesPerCall, int MaxStopStrings)
{
    public static OpenAiServerProfile For(OpenAiServerKind kind, OpenAiCompatibleOptions options, int? slots = null) => kind switch
    {
        OpenAiServerKind.LlamaCpp => new(kind, Math.Min(options.MaxSamplesPerCall, Math.Max(1, slots ?? int.MaxValue)), int.MaxValue),
        OpenAiServerKind.Auto => new(OpenAiServerKind.Generic, options.MaxSamplesPerCall, options.MaxStopStrings),
        _ => new(kind, options.MaxSamplesPerCall, options.MaxStopStrings),
    };
}
