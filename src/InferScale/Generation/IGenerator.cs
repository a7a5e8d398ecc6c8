namespace InferScale.Generation;

/// <summary>
/// Generates continuations of a prompt or prefix. The one abstraction every backend implements (embedded engine,
/// OpenAI-compatible HTTP, replayed pools) and every strategy consumes. Convenience overloads live in
/// <see cref="GeneratorExtensions"/>; middleware derives from <see cref="DelegatingGenerator"/>.
/// </summary>
public interface IGenerator : IDisposable
{
    /// <summary>Describes the model behind this generator.</summary>
    GeneratorMetadata Metadata { get; }

    /// <summary>
    /// Generates <see cref="GenerationRequest.Count"/> samples. A failure of one sample is reported in that sample
    /// (<see cref="FinishReason.Error"/>) rather than thrown, where the backend can tell samples apart.
    /// </summary>
    /// <param name="request">What to generate.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Returns a service of the requested type from this generator or the ones it wraps, or <see langword="null"/>.</summary>
    /// <param name="serviceType">The type of service requested.</param>
    /// <param name="serviceKey">An optional key.</param>
    object? GetService(Type serviceType, object? serviceKey = null);
}
