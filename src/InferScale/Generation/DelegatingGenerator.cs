namespace InferScale.Generation;

/// <summary>
/// Base for generator middleware (caching, retry, budget guard, accounting): forwards every call to
/// <see cref="InnerGenerator"/> unless overridden. Disposing it disposes the inner generator.
/// </summary>
public abstract class DelegatingGenerator : IGenerator
{
    /// <summary>Wraps <paramref name="innerGenerator"/>.</summary>
    protected DelegatingGenerator(IGenerator innerGenerator)
    {
        ArgumentNullException.ThrowIfNull(innerGenerator);
        InnerGenerator = innerGenerator;
    }

    /// <summary>The wrapped generator.</summary>
    protected IGenerator InnerGenerator { get; }

    /// <inheritdoc />
    public virtual GeneratorMetadata Metadata => InnerGenerator.Metadata;

    /// <inheritdoc />
    public virtual ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default) =>
        InnerGenerator.GenerateAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this)
            ? this
            : InnerGenerator.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner generator when <paramref name="disposing"/> is true.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            InnerGenerator.Dispose();
    }
}
