namespace InferScale.Generation;

/// <summary>The samples one call produced, in index order, and the compute it consumed.</summary>
/// <param name="Samples">The samples, <see cref="Sample.Index"/> ascending.</param>
/// <param name="Usage">Compute consumed by the call.</param>
public sealed record GenerationResult(IReadOnlyList<Sample> Samples, Usage Usage);
