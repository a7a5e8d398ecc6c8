using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using InferScale.Gateway;
using InferScale.Gateway.Http;

namespace InferScale.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class GatewayAccessTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Models_WithoutOrWithWrongKey_Returns401OpenAiError(string? key)
    {
        using var client = GatewayTestHost.Client(fixture.Server, key);
        var response = await client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var message = GatewayTestHost.AssertError(body, "invalid_api_key");
        Assert.Contains(key is null ? "didn't provide an API key" : "Incorrect API key", message);
    }

    [Fact]
    public async Task ChatCompletions_WrongKey_Returns401BeforeRunning()
    {
        using var client = GatewayTestHost.Client(fixture.Server, "nope");
        var (status, body, _) = await GatewayTestHost.PostAsync(client, "/v1/chat/completions", GatewayTestHost.Chat("majority@4/arith-0.3m"));
        Assert.Equal(401, status);
        GatewayTestHost.AssertError(body, "invalid_api_key");
    }

    [Fact]
    public void IsLoopback_Addresses_OnlyLoopbackAccepted()
    {
        Assert.True(GatewayAccess.IsLoopback(IPAddress.Loopback));
        Assert.True(GatewayAccess.IsLoopback(IPAddress.IPv6Loopback));
        Assert.True(GatewayAccess.IsLoopback(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(GatewayAccess.IsLoopback(IPAddress.Parse("192.0.2.2")));
        Assert.False(GatewayAccess.IsLoopback(IPAddress.Parse("::ffff:10.1.2.3")));
    }

    [Fact]
    public async Task NoKeyConfigured_LoopbackServed_OtherAddressGets403()
    {
        await using var server = await GatewayTestHost.StartAsync(new GatewayOptions { Urls = ["http://0.0.0.0:0"] });
        Assert.False(server.RequiresApiKey);
        var port = server.Addresses[0].Port;
        using (var local = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") })
        {
            var ok = await local.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        // A request that reaches the gateway through this machine's own non-loopback address comes from that address.
        var external = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (external is null)
            return; // No non-loopback interface on this machine: only IsLoopback_Addresses_OnlyLoopbackAccepted covers the refusal.
        using var remote = new HttpClient { BaseAddress = new Uri($"http://{external}:{port}/") };
        var refused = await remote.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = (JsonObject)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Contains("loopback", GatewayTestHost.AssertError(body, "permission_denied"));
    }
}
