namespace InferScale.Backends.OpenAI.Wire;

/// <summary>Response of <c>/v1/completions</c>.</summary>
internal sealed class CompletionResponseBody
{
    public List<CompletionChoice>? Choices { get; init; }
    public WireUsage? Usage { get; init; }
}
