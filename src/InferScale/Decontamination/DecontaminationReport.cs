namespace InferScale.Decontamination;

/// <summary>What decontamination found for one evaluation set against one training set.</summary>
public sealed record DecontaminationReport
{
    /// <summary>Evaluation instances checked.</summary>
    public required int EvalInstances { get; init; }

    /// <summary>Training instances streamed.</summary>
    public required long TrainInstances { get; init; }

    /// <summary>Evaluation instances above the instance threshold, by evaluation index.</summary>
    public required IReadOnlyList<ContaminatedInstance> Contaminated { get; init; }

    /// <summary>The options used.</summary>
    public required DecontaminationOptions Options { get; init; }

    /// <summary>Fraction of evaluation instances contaminated.</summary>
    public double ContaminatedFraction => EvalInstances == 0 ? 0 : (double)Contaminated.Count / EvalInstances;

    /// <summary>Whether the training set overlaps more than <see cref="DecontaminationOptions.DatasetThreshold"/> of the evaluation set.</summary>
    public bool TrainingSetFlagged => ContaminatedFraction > Options.DatasetThreshold;
}
