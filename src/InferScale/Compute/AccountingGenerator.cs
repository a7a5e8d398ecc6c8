using InferScale.Generation;

namespace InferScale.Compute;

/// <summary>Generator middleware that records every call's usage in a <see cref="ComputeLedger"/>.</summary>
public sealed class AccountingGenerator : DelegatingGenerator
{
    private readonly ComputeLedger _ledger;
    private readonly string _label;

    /// <summary>Wraps <paramref name="inner"/>, recording into <paramref name="ledger"/> under <paramref name="label"/>.</summary>
    public AccountingGenerator(IGenerator inner, ComputeLedger ledger, string? label = null)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;
        _label = label ?? inner.Metadata.ModelId;
    }

    /// <inheritdoc />
    public override async ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var result = await base.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        _ledger.Record(LedgerEntryKind.Generation, _label, result.Usage);
        return result;
    }
}
