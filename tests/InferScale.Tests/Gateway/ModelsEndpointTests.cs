using System.Text.Json.Nodes;
using InferScale.Strategies;

namespace InferScale.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class ModelsEndpointTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Models_List_PlainModelFirstThenStrategyExamples()
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var body = (JsonObject)JsonNode.Parse(await client.GetStringAsync("/v1/models"))!;
        Assert.Equal("list", (string?)body["object"]);
        var data = body["data"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal("arith-0.3m", (string?)data[0]["id"]);
        Assert.All(data, e =>
        {
            Assert.Equal("model", (string?)e["object"]);
            Assert.True(e["created"]!.GetValue<long>() > 0);
            Assert.False(string.IsNullOrEmpty((string?)e["owned_by"]));
        });
        var ids = data.Select(e => (string)e["id"]!).ToList();
        Assert.Contains("majority@16/arith-0.3m", ids);
        Assert.Contains("best-of-n@8/arith-0.3m", ids);
        // Every example parses and names a real strategy and the served model.
        foreach (var id in ids.Skip(1))
        {
            var spec = StrategySpec.Parse(id);
            Assert.Equal("arith-0.3m", spec.Model);
            Assert.True(StrategyCatalog.Default.Get(spec.Name).IsImplemented);
        }
    }

    [Fact]
    public async Task Models_RetrievePrefixedName_ReturnsEntry_UnknownReturns404()
    {
        using var client = GatewayTestHost.Client(fixture.Server);
        var entry = (JsonObject)JsonNode.Parse(await client.GetStringAsync("/v1/models/majority@16/arith-0.3m"))!;
        Assert.Equal("majority@16/arith-0.3m", (string?)entry["id"]);
        var missing = await client.GetAsync("/v1/models/no-such-model");
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Contains("arith-0.3m", GatewayTestHost.AssertError((JsonObject)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!, "model_not_found"));
    }
}
