using InferScale.Generation;

namespace InferScale.Compute;

/// <summary>One accounted call.</summary>
/// <param name="Kind">What the call was for.</param>
/// <param name="Label">Free-form label (strategy step, model name).</param>
/// <param name="Usage">The compute it consumed.</param>
public sealed record LedgerEntry(LedgerEntryKind Kind, string Label, Usage Usage);
