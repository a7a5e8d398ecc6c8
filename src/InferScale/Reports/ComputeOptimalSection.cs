namespace InferScale.Reports;

/// <summary>
/// What the compute-optimal analysis found, for display: the weighted best-of-N reference, the compute-optimal curve and
/// the strategy chosen per difficulty bin. Filled by the caller from its own analysis; the report only shows it.
/// </summary>
public sealed record ComputeOptimalSection
{
    /// <summary>Accuracy of the reference (weighted best-of-N at 64 samples).</summary>
    public required double BonAccuracy { get; init; }

    /// <summary>Mean tokens per problem of the reference.</summary>
    public required double BonTokens { get; init; }

    /// <summary>Mean tokens per problem the compute-optimal policy needs to match the reference's accuracy; <see langword="null"/> when it never does.</summary>
    public double? TokensToMatch { get; init; }

    /// <summary>The compute-optimal curve, budget ascending.</summary>
    public IReadOnlyList<ComputeOptimalPoint> Curve { get; init; } = [];

    /// <summary>The strategy chosen for each difficulty bin.</summary>
    public IReadOnlyList<ComputeOptimalChoice> Choices { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        Check(BonAccuracy, nameof(BonAccuracy));
        Check(BonTokens, nameof(BonTokens));
        if (TokensToMatch is { } t) Check(t, nameof(TokensToMatch));
        ArgumentNullException.ThrowIfNull(Curve, nameof(Curve));
        ArgumentNullException.ThrowIfNull(Choices, nameof(Choices));
        for (var i = 0; i < Curve.Count; i++)
        {
            var p = Curve[i] ?? throw new ArgumentException($"Curve[{i}] is null.", nameof(Curve));
            Check(p.Budget, $"Curve[{i}].Budget");
            Check(p.MeanTokens, $"Curve[{i}].MeanTokens");
            Check(p.MeanFlops, $"Curve[{i}].MeanFlops");
            Check(p.Accuracy, $"Curve[{i}].Accuracy");
        }
        for (var i = 0; i < Choices.Count; i++)
        {
            var c = Choices[i] ?? throw new ArgumentException($"Choices[{i}] is null.", nameof(Choices));
            Check(c.Budget, $"Choices[{i}].Budget");
            Check(c.Accuracy, $"Choices[{i}].Accuracy");
        }
    }

    private static void Check(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"ComputeOptimal.{name} must be a finite number >= 0.");
    }
}
