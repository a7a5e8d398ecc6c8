using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferScale.Experiments.Results;

/// <summary>A finished case of an experiment: its specification and one <see cref="ProblemOutcome"/> per problem, in dataset order.</summary>
public sealed record CaseOutcome
{
    /// <summary>The case's stable id (<see cref="ExperimentCase.Id"/>).</summary>
    [JsonPropertyName("case_id")]
    public string CaseId { get; init; } = "";

    /// <summary>The dataset's name.</summary>
    [JsonPropertyName("dataset")]
    public string Dataset { get; init; } = "";

    /// <summary>The policy model's name.</summary>
    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    /// <summary>The strategy's name.</summary>
    [JsonPropertyName("strategy")]
    public string Strategy { get; init; } = "";

    /// <summary>The strategy's parameters (one value each).</summary>
    [JsonPropertyName("params")]
    public IReadOnlyDictionary<string, JsonElement> Params { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary><c>samples</c>, <c>tokens</c> or <c>flops</c>.</summary>
    [JsonPropertyName("budget_kind")]
    public string BudgetKind { get; init; } = "samples";

    /// <summary>The budget.</summary>
    [JsonPropertyName("budget")]
    public double Budget { get; init; }

    /// <summary>The seed.</summary>
    [JsonPropertyName("seed")]
    public ulong Seed { get; init; }

    /// <summary>One outcome per problem, in dataset order.</summary>
    [JsonPropertyName("problems")]
    public IReadOnlyList<ProblemOutcome> Problems { get; init; } = [];
}
