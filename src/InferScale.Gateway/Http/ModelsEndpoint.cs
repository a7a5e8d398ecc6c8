using InferScale.Gateway.Wire;
using Microsoft.AspNetCore.Http;

namespace InferScale.Gateway.Http;

/// <summary>
/// <c>GET /v1/models</c>: the served models first (plain names, in the order given), then for each model example
/// strategy-prefixed names; <c>GET /v1/models/{id}</c> describes one of them.
/// </summary>
internal sealed class ModelsEndpoint(IReadOnlyList<GatewayModel> models, long created)
{
    /// <summary>Example strategies listed for every model.</summary>
    private static readonly string[] Examples = ["majority@16", "esc@32", "majority@2048tokens"];

    /// <summary>Example strategies listed for models with a reward model.</summary>
    private static readonly string[] RewardExamples = ["best-of-n@8", "beam-search@4"];

    public ModelListResponse List() => new() { Data = Entries().ToList() };

    public Task ListAsync(HttpContext context) => ApiResponses.WriteJsonAsync(context, List(), GatewayJson.Context.ModelListResponse);

    public Task GetAsync(HttpContext context, string id)
    {
        var entry = Entries().FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            var slash = id.LastIndexOf('/');
            var name = slash < 0 ? id : id[(slash + 1)..];
            if (models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)) is { } model)
                entry = new ModelEntryBody { Id = id, Created = created, OwnedBy = model.OwnedBy, Root = model.Name };
        }
        return entry is null
            ? ApiResponses.WriteErrorAsync(context, ApiError.NotFound(
                $"The model '{id}' does not exist. Known models: {string.Join(", ", models.Select(m => m.Name))}.", "model", "model_not_found"))
            : ApiResponses.WriteJsonAsync(context, entry, GatewayJson.Context.ModelEntryBody);
    }

    private IEnumerable<ModelEntryBody> Entries()
    {
        foreach (var m in models)
            yield return new ModelEntryBody { Id = m.Name, Created = created, OwnedBy = m.OwnedBy };
        foreach (var m in models)
        {
            foreach (var prefix in m.RewardModel is null ? Examples : [.. Examples, .. RewardExamples])
                yield return new ModelEntryBody { Id = $"{prefix}/{m.Name}", Created = created, OwnedBy = m.OwnedBy, Root = m.Name };
        }
    }
}
