namespace InferScale.Backends.OpenAI;

/// <summary>Which OpenAI-compatible endpoint a generator calls.</summary>
public enum OpenAiApiMode
{
    /// <summary><c>/v1/completions</c>: raw text continuation of <c>prompt + prefix</c>.</summary>
    Completions,

    /// <summary><c>/v1/chat/completions</c>: the prompt as a user message, a prefix as a partial assistant message.</summary>
    Chat,
}
