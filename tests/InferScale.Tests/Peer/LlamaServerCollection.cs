namespace InferScale.Tests.Peer;

/// <summary>The tests that share one <see cref="LlamaServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class LlamaServerCollection : ICollectionFixture<LlamaServerFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "llama-server";
}
