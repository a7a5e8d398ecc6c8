using InferScale.Generation;

namespace InferScale.Compute;

/// <summary>Builder extensions for compute middleware.</summary>
public static class ComputeGeneratorExtensions
{
    /// <summary>Records every call of the pipeline below this point in <paramref name="ledger"/>.</summary>
    public static GeneratorBuilder UseAccounting(this GeneratorBuilder builder, ComputeLedger ledger, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new AccountingGenerator(inner, ledger, label));
    }
}
