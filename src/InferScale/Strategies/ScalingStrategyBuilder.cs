namespace InferScale.Strategies;

/// <summary>
/// Builds one strategy from its options, validating them once (and against the budget when one is given), Polly-style:
/// <code>
/// var strategy = new ScalingStrategyBuilder().WithBudget(ComputeBudget.Samples(16)).AddMajority(new() { }).Build();
/// </code>
/// Each strategy adds itself with an <c>AddXxx</c> extension method; <see cref="StrategyCatalog"/> builds them by name.
/// </summary>
public sealed class ScalingStrategyBuilder
{
    private ScalingStrategyOptions? _options;
    private Func<IScalingStrategy>? _factory;

    /// <summary>The budget the options are checked against at <see cref="Build"/>; <see langword="null"/> checks them at run time only.</summary>
    public ComputeBudget? Budget { get; private set; }

    /// <summary>Checks the options against <paramref name="budget"/> at <see cref="Build"/> (runs check against their own budget as well).</summary>
    public ScalingStrategyBuilder WithBudget(ComputeBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        Budget = budget;
        return this;
    }

    /// <summary>Sets the strategy to build: <paramref name="factory"/> is called with <paramref name="options"/> once they are valid.</summary>
    public ScalingStrategyBuilder AddStrategy<TOptions>(TOptions options, Func<TOptions, IScalingStrategy> factory)
        where TOptions : ScalingStrategyOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        if (_factory is not null)
            throw new InvalidOperationException($"A builder builds one strategy; {_options!.GetType().Name} was already added.");
        _options = options;
        _factory = () => factory(options);
        return this;
    }

    /// <summary>Validates the options (naming the first invalid one) and creates the strategy.</summary>
    public IScalingStrategy Build()
    {
        if (_factory is null || _options is null)
            throw new InvalidOperationException("No strategy was added: call an AddXxx method (for example AddMajority) first.");
        _options.Validate();
        if (Budget is not null)
            _options.ValidateBudget(Budget);
        return _factory();
    }
}
