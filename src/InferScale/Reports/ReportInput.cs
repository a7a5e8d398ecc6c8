using InferScale.Experiments.Results;

namespace InferScale.Reports;

/// <summary>Everything a run report is made from: the run's case outcomes, its models and, when analysed, the compute-optimal section.</summary>
public sealed record ReportInput
{
    /// <summary>The experiment's name (the report's title).</summary>
    public required string ExperimentName { get; init; }

    /// <summary>The finished cases (any order: the report sorts them).</summary>
    public required IReadOnlyList<CaseOutcome> Outcomes { get; init; }

    /// <summary>The policy models (sizes for the exchange-rate view); models the outcomes name but this list lacks have unknown sizes.</summary>
    public IReadOnlyList<ModelInfo> Models { get; init; } = [];

    /// <summary>The run's seed; also seeds the bootstrap resamples of the confidence intervals.</summary>
    public ulong Seed { get; init; }

    /// <summary>How long the run took, when known (shown in the report's header, never inside the per-strategy numbers).</summary>
    public TimeSpan? WallTime { get; init; }

    /// <summary>The compute-optimal analysis to show; <see langword="null"/> when none was made (its fields are then written as null).</summary>
    public ComputeOptimalSection? ComputeOptimal { get; init; }

    /// <summary>Bootstrap resamples for the 95% confidence intervals. Default 1000.</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ExperimentName))
            throw new ArgumentException("ExperimentName must be non-empty.", nameof(ExperimentName));
        ArgumentNullException.ThrowIfNull(Outcomes, nameof(Outcomes));
        ArgumentNullException.ThrowIfNull(Models, nameof(Models));
        if (BootstrapResamples is < 10 or > 100_000)
            throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), BootstrapResamples, "BootstrapResamples must be between 10 and 100000.");
        for (var i = 0; i < Outcomes.Count; i++)
        {
            var o = Outcomes[i] ?? throw new ArgumentException($"Outcomes[{i}] is null.", nameof(Outcomes));
            if (o.Problems is null)
                throw new ArgumentException($"Outcomes[{i}] (case '{o.CaseId}') has no problem list.", nameof(Outcomes));
            if (!double.IsFinite(o.Budget))
                throw new ArgumentException($"Outcomes[{i}] (case '{o.CaseId}') has a non-finite budget.", nameof(Outcomes));
            if (o.Problems.Any(p => p is null || !double.IsFinite(p.Flops)))
                throw new ArgumentException($"Outcomes[{i}] (case '{o.CaseId}') has a null problem or non-finite FLOPs.", nameof(Outcomes));
        }
        ComputeOptimal?.Validate();
    }
}
