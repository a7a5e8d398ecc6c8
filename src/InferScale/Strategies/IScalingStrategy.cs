namespace InferScale.Strategies;

/// <summary>
/// A test-time scaling strategy: spends a budget of policy (and reward-model) compute on one problem and returns a
/// decision with its full trace. Strategies are stateless and thread-safe: one instance serves many runs. A failure of
/// one candidate is recorded in the result, never thrown; cancellation is thrown.
/// </summary>
public interface IScalingStrategy
{
    /// <summary>The strategy's catalog name (for example <c>majority</c>).</summary>
    string Name { get; }

    /// <summary>Runs the strategy on <see cref="StrategyContext.Problem"/> within <see cref="StrategyContext.Budget"/>.</summary>
    /// <param name="context">The problem, models, answer tools, budget and seed.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    ValueTask<StrategyResult> RunAsync(StrategyContext context, CancellationToken cancellationToken = default);
}
