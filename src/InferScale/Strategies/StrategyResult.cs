using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>What one strategy run decided, everything it looked at, and what it cost.</summary>
/// <param name="Strategy">The strategy's name.</param>
/// <param name="Budget">The budget the run was given.</param>
public sealed record StrategyResult(string Strategy, ComputeBudget Budget)
{
    /// <summary>The final answer; <see langword="null"/> when the run found none.</summary>
    public string? Answer { get; init; }

    /// <summary>The text of the chosen solution (a representative of the winning answer for voting strategies).</summary>
    public string? Text { get; init; }

    /// <summary>The index of the chosen candidate, when there is one.</summary>
    public int? SelectedIndex { get; init; }

    /// <summary>Whether <see cref="Answer"/> matches the problem's gold answer (pass-at-k: whether any sample does); <see langword="null"/> when unknown.</summary>
    public bool? IsCorrect { get; init; }

    /// <summary>Every candidate considered, index ascending.</summary>
    public IReadOnlyList<StrategyCandidate> Candidates { get; init; } = [];

    /// <summary>The run's events, in order.</summary>
    public IReadOnlyList<TraceEvent> Trace { get; init; } = [];

    /// <summary>Candidates that failed (generation or scoring), in the order they failed.</summary>
    public IReadOnlyList<CandidateFailure> Failures { get; init; } = [];

    /// <summary>Total compute of the run: the sum of every policy and reward-model call (equal to what a ledger around them records).</summary>
    public Usage Usage { get; init; } = Usage.Zero;

    /// <summary>Policy compute charged against <see cref="Budget"/>, in the budget's unit.</summary>
    public double BudgetSpent { get; init; }

    /// <summary>Whether the budget stopped or trimmed the run (false when the strategy stopped on its own, e.g. ESC).</summary>
    public bool BudgetExhausted { get; init; }

    /// <summary>
    /// Strategy-specific measurements by name (for example budget forcing's <c>thinking-tokens</c>, <c>waits</c> and
    /// <c>within-bounds</c>); empty when the strategy records none.
    /// </summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Whether a backend reported more cost than the pre-call bound allowed (see <see cref="BudgetTracker.Overrun"/>).</summary>
    public bool BudgetOverrun { get; init; }
}
