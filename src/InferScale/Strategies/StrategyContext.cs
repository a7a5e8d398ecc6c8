using InferScale.Compute;
using InferScale.Generation;
using InferScale.Verification;
using InferScale.Verification.Reward;

namespace InferScale.Strategies;

/// <summary>
/// Everything one strategy run needs: the problem, the models, the answer tools, the budget and the seed. Immutable;
/// one context per (problem, budget, seed).
/// </summary>
/// <param name="Problem">The problem to solve (its prompt is sent as is; its gold answer grades the result when known).</param>
/// <param name="Generator">The policy model.</param>
/// <param name="Extractor">Finds the final answer in a sample's text.</param>
/// <param name="Equivalence">Decides whether two answers are the same (voting, grading).</param>
/// <param name="Budget">The compute the run may spend on the policy model.</param>
public sealed record StrategyContext(
    Problem Problem,
    IGenerator Generator,
    IAnswerExtractor Extractor,
    IAnswerEquivalence Equivalence,
    ComputeBudget Budget)
{
    /// <summary>The reward model (ORM/PRM) for strategies that score solutions; <see langword="null"/> when none.</summary>
    public IRewardModel? RewardModel { get; init; }

    /// <summary>
    /// The run's seed: every request carries it, so sample <c>i</c> is a pure function of (model, prompt, options, seed, i).
    /// Overrides <see cref="Sampling"/>'s seed. Default 0.
    /// </summary>
    public ulong Seed { get; init; }

    /// <summary>Base sampling options (temperature, top-p, max tokens, stop strings); strategies adjust them per call.</summary>
    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>The string that separates solution steps (step-level search, PRM step scores). Default a blank line.</summary>
    public string StepDelimiter { get; init; } = "\n\n";

    /// <summary>The clock for trace timestamps. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Also records every call here (policy and reward model), when set; the run keeps its own total either way.</summary>
    public ComputeLedger? Ledger { get; init; }

    /// <summary>
    /// The policy model's shape for FLOPs bounds; when <see langword="null"/>, taken from the generator's metadata
    /// (parameters, layers, width). Required only by FLOPs budgets.
    /// </summary>
    public ModelShape? ModelShape { get; init; }

    /// <summary>Throws when a field is missing or invalid, naming it.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Problem);
        ArgumentNullException.ThrowIfNull(Generator);
        ArgumentNullException.ThrowIfNull(Extractor);
        ArgumentNullException.ThrowIfNull(Equivalence);
        ArgumentNullException.ThrowIfNull(Budget);
        ArgumentNullException.ThrowIfNull(Sampling);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (string.IsNullOrEmpty(StepDelimiter))
            throw new ArgumentException("StepDelimiter must be non-empty.", nameof(StepDelimiter));
        Sampling.Validate();
    }

    /// <summary>The model shape for cost bounds: <see cref="ModelShape"/>, else one built from the generator's metadata, else <see langword="null"/>.</summary>
    public ModelShape? ResolveModelShape()
    {
        if (ModelShape is not null)
            return ModelShape;
        var m = Generator.Metadata;
        return m.Parameters is long p && m.Layers is int l && m.ModelDim is int d && p > 0 && l > 0 && d > 0
            ? new ModelShape(p, l, d, 1, 1)
            : null;
    }
}
