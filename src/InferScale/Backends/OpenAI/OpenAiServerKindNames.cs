namespace InferScale.Backends.OpenAI;

/// <summary>The names of <see cref="OpenAiServerKind"/> in configs and on the command line: <c>generic</c>, <c>openai</c>, <c>vllm</c>, <c>llama-cpp</c>, <c>auto</c>.</summary>
public static class OpenAiServerKindNames
{
    /// <summary>The accepted names, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = ["auto", "generic", "openai", "vllm", "llama-cpp"];

    /// <summary>Parses a name (case-insensitive; <c>llama.cpp</c>, <c>llamacpp</c> and <c>llama-server</c> also mean llama-server).</summary>
    /// <returns>Whether <paramref name="name"/> is a known name.</returns>
    public static bool TryParse(string? name, out OpenAiServerKind kind)
    {
        kind = name?.Trim().ToLowerInvariant() switch
        {
            "auto" => OpenAiServerKind.Auto,
            "generic" => OpenAiServerKind.Generic,
            "openai" => OpenAiServerKind.OpenAI,
            "vllm" => OpenAiServerKind.Vllm,
            "llama-cpp" or "llama.cpp" or "llamacpp" or "llama-server" => OpenAiServerKind.LlamaCpp,
            _ => (OpenAiServerKind)(-1),
        };
        return Enum.IsDefined(kind);
    }
}
