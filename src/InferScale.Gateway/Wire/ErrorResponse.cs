namespace InferScale.Gateway.Wire;

/// <summary>OpenAI's error envelope: <c>{"error":{…}}</c>.</summary>
internal sealed class ErrorResponse
{
    public required ErrorBody Error { get; init; }
}
