using InferScale.Compute;
using InferScale.Generation;

namespace InferScale.Tests.Strategies.ComputeOptimal;

/// <summary>Passes calls to a shared generator (never disposing it), recording every sample drawn and every call's usage.</summary>
internal sealed class RecordingGenerator(IGenerator inner, ComputeLedger ledger) : IGenerator
{
    private readonly Lock _gate = new();
    private readonly List<(string Prefix, int Index)> _drawn = [];

    public GeneratorMetadata Metadata => inner.Metadata;

    /// <summary>Every sample drawn: (prefix, index), in call order.</summary>
    public IReadOnlyList<(string Prefix, int Index)> Drawn { get { lock (_gate) return [.. _drawn]; } }

    public async ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var result = await inner.GenerateAsync(request, cancellationToken);
        lock (_gate)
        {
            for (var i = 0; i < request.Count; i++)
                _drawn.Add((request.Prefix, request.FirstIndex + i));
        }
        ledger.Record(LedgerEntryKind.Generation, "policy", result.Usage);
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }
}
