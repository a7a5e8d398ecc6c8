namespace InferScale.Generation;

/// <summary>
/// Composes middleware around an inner generator. Factories are applied in reverse order of <see cref="Use"/>,
/// so the first one added is the outermost.
/// </summary>
public sealed class GeneratorBuilder
{
    private readonly IGenerator _inner;
    private readonly List<Func<IGenerator, IGenerator>> _factories = [];

    /// <summary>Starts a pipeline around <paramref name="innerGenerator"/>.</summary>
    public GeneratorBuilder(IGenerator innerGenerator)
    {
        ArgumentNullException.ThrowIfNull(innerGenerator);
        _inner = innerGenerator;
    }

    /// <summary>Adds a middleware factory.</summary>
    public GeneratorBuilder Use(Func<IGenerator, IGenerator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factories.Add(factory);
        return this;
    }

    /// <summary>Builds the pipeline.</summary>
    public IGenerator Build()
    {
        var generator = _inner;
        for (var i = _factories.Count - 1; i >= 0; i--)
        {
            generator = _factories[i](generator)
                ?? throw new InvalidOperationException($"Generator middleware factory #{i} returned null.");
        }
        return generator;
    }
}
