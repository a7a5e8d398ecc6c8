namespace InferScale.Generation;

/// <summary>Convenience methods over <see cref="IGenerator"/>.</summary>
public static class GeneratorExtensions
{
    /// <summary>Generates <paramref name="count"/> samples of <paramref name="prompt"/> with the given options.</summary>
    public static ValueTask<GenerationResult> GenerateAsync(
        this IGenerator generator, string prompt, int count, SamplingOptions? sampling = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return generator.GenerateAsync(new GenerationRequest(prompt) { Count = count, Sampling = sampling ?? new SamplingOptions() }, cancellationToken);
    }

    /// <summary>Returns a service of type <typeparamref name="T"/> from the generator pipeline, or <see langword="null"/>.</summary>
    public static T? GetService<T>(this IGenerator generator, object? serviceKey = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(generator);
        return generator.GetService(typeof(T), serviceKey) as T;
    }

    /// <summary>Starts a middleware pipeline around <paramref name="generator"/>.</summary>
    public static GeneratorBuilder AsBuilder(this IGenerator generator) => new(generator);
}
