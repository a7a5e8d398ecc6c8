namespace InferScale.Strategies;

/// <summary>A strategy the <see cref="StrategyCatalog"/> can list and create: its name, options and defaults.</summary>
public sealed class StrategyDescriptor
{
    private readonly Func<ScalingStrategyOptions> _defaults;
    private readonly Func<ScalingStrategyBuilder, ScalingStrategyOptions, ScalingStrategyBuilder> _add;

    private StrategyDescriptor(
        string name, string description, Type optionsType, bool isImplemented,
        Func<ScalingStrategyOptions> defaults, Func<ScalingStrategyBuilder, ScalingStrategyOptions, ScalingStrategyBuilder> add)
    {
        Name = name;
        Description = description;
        OptionsType = optionsType;
        IsImplemented = isImplemented;
        _defaults = defaults;
        _add = add;
        Options = StrategyOptionsBinder.Describe(optionsType, defaults());
    }

    /// <summary>The catalog name (for example <c>adaptive-consistency</c>).</summary>
    public string Name { get; }

    /// <summary>One line on what the strategy does.</summary>
    public string Description { get; }

    /// <summary>The options record type.</summary>
    public Type OptionsType { get; }

    /// <summary>Whether the strategy can be created yet (options of planned strategies are listed before they are implemented).</summary>
    public bool IsImplemented { get; }

    /// <summary>The options, in declaration order (the strategy's own first, then the common ones), with defaults.</summary>
    public IReadOnlyList<StrategyOptionInfo> Options { get; }

    /// <summary>Describes a strategy added by <paramref name="add"/> (its <c>AddXxx</c> builder extension).</summary>
    public static StrategyDescriptor Create<TOptions>(string name, string description, Func<ScalingStrategyBuilder, TOptions, ScalingStrategyBuilder> add)
        where TOptions : ScalingStrategyOptions, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(add);
        return new StrategyDescriptor(name, description, typeof(TOptions), true, () => new TOptions(), (b, o) => add(b, (TOptions)o));
    }

    /// <summary>
    /// Describes a strategy whose options are settled but which is not implemented yet: its options validate, and
    /// creating it throws <see cref="NotSupportedException"/>.
    /// </summary>
    public static StrategyDescriptor Planned<TOptions>(string name, string description)
        where TOptions : ScalingStrategyOptions, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(description);
        return new StrategyDescriptor(name, description, typeof(TOptions), false, () => new TOptions(),
            (b, o) => b.AddStrategy(o, _ => throw new NotSupportedException($"Strategy '{name}' is not implemented yet (its options are: {typeof(TOptions).Name}).")));
    }

    /// <summary>A fresh options record with the defaults.</summary>
    public ScalingStrategyOptions CreateDefaultOptions() => _defaults();

    /// <summary>Options from name/value pairs over the defaults (kebab-case or property names, invariant culture); throws naming a bad one.</summary>
    public ScalingStrategyOptions BindOptions(IReadOnlyDictionary<string, string>? values) =>
        values is null || values.Count == 0 ? _defaults() : StrategyOptionsBinder.Bind(Name, _defaults(), values);

    /// <summary>Builds the strategy from <paramref name="options"/> (checked against <paramref name="budget"/> when given).</summary>
    public IScalingStrategy Create(ScalingStrategyOptions options, ComputeBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OptionsType.IsInstanceOfType(options))
            throw new ArgumentException($"Strategy '{Name}' takes {OptionsType.Name}, not {options.GetType().Name}.", nameof(options));
        var builder = new ScalingStrategyBuilder();
        if (budget is not null)
            builder.WithBudget(budget);
        return _add(builder, options).Build();
    }
}
