namespace InferScale.Strategies;

/// <summary>
/// Base of the built-in strategies: holds the validated options and starts a <see cref="StrategyRun"/> (which checks
/// the context and the options against its budget) for each run.
/// </summary>
internal abstract class ScalingStrategy<TOptions> : IScalingStrategy
    where TOptions : ScalingStrategyOptions
{
    protected ScalingStrategy(string name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Name = name;
        Options = options;
    }

    public string Name { get; }

    protected TOptions Options { get; }

    public async ValueTask<StrategyResult> RunAsync(StrategyContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = new StrategyRun(Name, context, Options);
        return await RunCoreAsync(run, cancellationToken).ConfigureAwait(false);
    }

    protected abstract ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken);
}
