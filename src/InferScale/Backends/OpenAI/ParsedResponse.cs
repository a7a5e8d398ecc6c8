using InferScale.Backends.OpenAI.Wire;

namespace InferScale.Backends.OpenAI;

/// <summary>A response of either endpoint, in wire-neutral form.</summary>
internal sealed record ParsedResponse(IReadOnlyList<ParsedChoice> Choices, WireUsage? Usage);
