using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferScale.Experiments;

/// <summary>
/// One immutable cell of an experiment's cross join: a strategy with fixed parameters at one budget and seed, for one
/// model on one dataset. Its <see cref="Id"/> is stable (a readable path plus a hash of the full specification), so a
/// re-run finds its stored results and a changed specification gets a new id.
/// </summary>
public sealed record ExperimentCase
{
    /// <summary>Stable id, e.g. <c>arith/arith-3m/majority/samples=16/seed=1#3fa2c1d0</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Position in the plan.</summary>
    public required int Ordinal { get; init; }

    /// <summary>The dataset.</summary>
    public required DatasetSpec Dataset { get; init; }

    /// <summary>The policy model.</summary>
    public required ModelSpec Model { get; init; }

    /// <summary>The strategy name.</summary>
    public required string Strategy { get; init; }

    /// <summary>The strategy's parameters (one value each).</summary>
    public required IReadOnlyDictionary<string, JsonElement> Params { get; init; }

    /// <summary><c>samples</c>, <c>tokens</c> or <c>flops</c>.</summary>
    public required string BudgetKind { get; init; }

    /// <summary>The budget.</summary>
    public required double Budget { get; init; }

    /// <summary>The seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Base sampling parameters.</summary>
    public required SamplingSpec Sampling { get; init; }

    /// <summary>A file-system-safe form of <see cref="Id"/>.</summary>
    public string FileName => string.Concat(Id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '=' ? c : '_'));

    /// <summary>The canonical JSON of the case's specification (sorted keys, no id), the input of its hash.</summary>
    public string ToSpecJson()
    {
        var node = new JsonObject
        {
            ["budget"] = Budget,
            ["budget_kind"] = BudgetKind,
            ["dataset"] = JsonSerializer.SerializeToNode(Dataset, ExperimentJsonContext.Default.DatasetSpec),
            ["model"] = JsonSerializer.SerializeToNode(Model, ExperimentJsonContext.Default.ModelSpec),
            ["params"] = new JsonObject(Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, JsonNode.Parse(p.Value.GetRawText())))),
            ["sampling"] = JsonSerializer.SerializeToNode(Sampling, ExperimentJsonContext.Default.SamplingSpec),
            ["seed"] = Seed,
            ["strategy"] = Strategy,
        };
        return Canonical(node)!.ToJsonString();
    }

    /// <summary>Builds the id from the readable parts and the specification hash.</summary>
    internal static string MakeId(string dataset, string model, string strategy, IReadOnlyDictionary<string, JsonElement> parameters, string budgetKind, double budget, ulong seed, string specJson)
    {
        var paramText = parameters.Count == 0
            ? ""
            : "/" + string.Join(",", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.GetRawText().Trim('"')}"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(specJson)))[..8];
        var datasetName = Path.GetFileNameWithoutExtension(dataset);
        return $"{datasetName}/{model}/{strategy}{paramText}/{budgetKind}={budget.ToString(System.Globalization.CultureInfo.InvariantCulture)}/seed={seed}#{hash}";
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(x => Canonical(x?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}
