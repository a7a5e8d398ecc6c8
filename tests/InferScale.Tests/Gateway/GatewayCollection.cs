namespace InferScale.Tests.Gateway;

/// <summary>Tests that share one <see cref="GatewayFixture"/> (run one after the other: the engine serves one request at a time anyway).</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
