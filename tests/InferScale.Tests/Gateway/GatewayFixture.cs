using InferScale.Gateway;

namespace InferScale.Tests.Gateway;

/// <summary>One gateway (key <see cref="GatewayTestHost.Key"/>, 4 KiB body limit) shared by the tests of the "gateway" collection.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    internal GatewayServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await GatewayTestHost.StartAsync(new GatewayOptions { ApiKeys = [GatewayTestHost.Key], MaxRequestBodyBytes = 4096 });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
