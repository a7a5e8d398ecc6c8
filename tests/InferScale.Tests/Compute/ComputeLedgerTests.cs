using InferScale.Compute;
using InferScale.Generation;

namespace InferScale.Tests.Compute;

public sealed class ComputeLedgerTests
{
    private sealed class FixedGenerator : IGenerator
    {
        public GeneratorMetadata Metadata { get; } = new("fixed", "fixed-model");

        public ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new GenerationResult(
                Enumerable.Range(0, request.Count).Select(i => new Sample("x") { Index = request.FirstIndex + i, CompletionTokens = 3 }).ToArray(),
                new Usage { Calls = 1, PromptTokens = 5, CompletionTokens = 3L * request.Count, Flops = 100 }));

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task AccountingGenerator_RecordsEveryCall_TotalIsSum()
    {
        var ledger = new ComputeLedger();
        using var generator = new FixedGenerator().AsBuilder().UseAccounting(ledger).Build();
        await Task.WhenAll(Enumerable.Range(1, 20).Select(n => generator.GenerateAsync("p", n).AsTask()));
        Assert.Equal(20, ledger.Entries.Count);
        Assert.Equal(20, ledger.Total.Calls);
        Assert.Equal(3L * Enumerable.Range(1, 20).Sum(), ledger.Total.CompletionTokens);
        Assert.Equal(ledger.Entries.Aggregate(Usage.Zero, (s, e) => s + e.Usage), ledger.Total);
        Assert.All(ledger.Entries, e => Assert.Equal("fixed-model", e.Label));
        Assert.Equal(ledger.Total, ledger.TotalOf(LedgerEntryKind.Generation));
        Assert.Equal(Usage.Zero, ledger.TotalOf(LedgerEntryKind.RewardModel));
    }
}
