namespace InferScale.Backends.OpenAI.Wire;

/// <summary>The part of llama-server's <c>GET /props</c> the generator reads.</summary>
internal sealed class PropsResponseBody
{
    public int? TotalSlots { get; init; }
}
