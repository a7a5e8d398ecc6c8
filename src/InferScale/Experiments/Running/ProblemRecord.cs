using System.Text.Json.Serialization;
using InferScale.Experiments.Results;

namespace InferScale.Experiments.Running;

/// <summary>What the store keeps for one problem of a case (record kind <c>problem</c>, key = the problem's position): the outcome and every candidate.</summary>
public sealed record ProblemRecord
{
    /// <summary>The outcome.</summary>
    [JsonPropertyName("outcome")]
    public ProblemOutcome Outcome { get; init; } = new();

    /// <summary>Every candidate the strategy considered.</summary>
    [JsonPropertyName("candidates")]
    public IReadOnlyList<CandidateRecord> Candidates { get; init; } = [];
}
