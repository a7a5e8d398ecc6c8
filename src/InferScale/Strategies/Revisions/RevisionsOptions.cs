using System.ComponentModel;
using InferScale.Tasks.Arith;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>revisions</c> (Snell et al.): the budget is split into parallel chains of <see cref="ChainLength"/>
/// sequential revisions, the model revising its previous attempts kept in context; the final answer is chosen across
/// the chains by <see cref="Selection"/> (about 38% of correct answers flip to wrong on revision).
/// </summary>
public sealed record RevisionsOptions : ScalingStrategyOptions
{
    /// <summary>Sequential revisions per chain (1 = fully parallel). Default 4.</summary>
    [Description("Sequential attempts per chain; the budget divided by it gives the parallel chains.")]
    public int ChainLength { get; init; } = 4;

    /// <summary>Previous attempts kept in the revision prompt. Default 4.</summary>
    [Description("Previous attempts kept in the revision prompt.")]
    public int ContextAttempts { get; init; } = 4;

    /// <summary>
    /// Parallel chains P. Default <see langword="null"/>: the samples budget divided by <see cref="ChainLength"/>
    /// (P·S = budget), or 4 under a tokens or FLOPs budget.
    /// </summary>
    [Description("Parallel chains P; empty uses budget / chain-length (4 under a tokens/FLOPs budget).")]
    public int? Chains { get; init; }

    /// <summary>How the reward model's step scores rank attempts for <see cref="RevisionSelection.Verifier"/>. Default <see cref="StepAggregation.Last"/>.</summary>
    [Description("How PRM step scores rank attempts when selection is verifier: last, min, product, mean, final.")]
    public StepAggregation Aggregation { get; init; } = StepAggregation.Last;

    /// <summary>How the final answer is chosen. Default <see cref="RevisionSelection.Majority"/>.</summary>
    [Description("How the final answer is chosen across chains: majority or verifier.")]
    public RevisionSelection Selection { get; init; } = RevisionSelection.Majority;

    /// <summary>
    /// How previous attempts are shown to the model. Default <see cref="RevisionFormat.Auto"/>: the revision prompt
    /// when it fits the context, else the continuation, else a fresh sample (each recorded in the trace).
    /// </summary>
    [Description("How previous attempts are shown: auto (prompt if it fits, else continuation), prompt, continuation.")]
    public RevisionFormat Format { get; init; } = RevisionFormat.Auto;

    /// <summary>
    /// The model's context in tokens (prompt, prefix and completion). Default <see langword="null"/>: the generator's
    /// <see cref="Generation.GeneratorMetadata.ContextLength"/> (none: unlimited). A revision is made only when its
    /// prompt (bounded by <see cref="BudgetTracker.PromptTokenBound"/>, plus one token) leaves room for as many tokens
    /// as the attempt it revises wrote (the continuation format: as many as it rewrites); older attempts are dropped
    /// first, and when not even the latest fits, the attempt is a fresh sample of the original prompt.
    /// </summary>
    [Description("The model's context in tokens; empty uses the generator's (none: unlimited).")]
    public int? ContextTokens { get; init; }

    /// <summary>The word the continuation format appends to re-check a step. Default <c>Wait</c>.</summary>
    [Description("The word the continuation format appends to re-check a step.")]
    public string WaitText { get; init; } = ArithFormat.Wait;

    /// <summary>The end-of-thinking delimiter; the continuation format keeps only the thinking before it. Default <c>&lt;/think&gt;</c>.</summary>
    [Description("The end-of-thinking delimiter; the continuation format keeps the thinking before it.")]
    public string ThinkClose { get; init; } = ArithFormat.ThinkClose;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (ContextTokens is int n && n < 2)
            throw new ArgumentOutOfRangeException(nameof(ContextTokens), n, "ContextTokens must be >= 2 (or empty to use the generator's).");
        if (string.IsNullOrEmpty(WaitText))
            throw new ArgumentException("WaitText must be non-empty.", nameof(WaitText));
        if (string.IsNullOrEmpty(ThinkClose))
            throw new ArgumentException("ThinkClose must be non-empty.", nameof(ThinkClose));
        if (ChainLength < 1)
            throw new ArgumentOutOfRangeException(nameof(ChainLength), ChainLength, "ChainLength must be >= 1.");
        if (ContextAttempts < 0)
            throw new ArgumentOutOfRangeException(nameof(ContextAttempts), ContextAttempts, "ContextAttempts must be >= 0.");
        if (Chains is int p && p < 1)
            throw new ArgumentOutOfRangeException(nameof(Chains), p, "Chains must be >= 1 (or empty to divide the samples budget).");
    }

    /// <inheritdoc />
    public override void ValidateBudget(ComputeBudget budget)
    {
        base.ValidateBudget(budget);
        if (budget.Kind == BudgetKind.Samples && ChainLength > budget.Amount)
            throw new ArgumentOutOfRangeException(nameof(ChainLength), ChainLength, $"ChainLength ({ChainLength}) is larger than the budget ({budget}).");
        if (budget.Kind == BudgetKind.Samples && Chains is int p && (long)p * ChainLength > budget.Amount)
            throw new ArgumentOutOfRangeException(nameof(Chains), p, $"Chains x ChainLength ({p} x {ChainLength}) is larger than the budget ({budget}).");
    }
}
