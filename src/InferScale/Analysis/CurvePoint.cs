namespace InferScale.Analysis;

/// <summary>A metric's value at one k, averaged over problems, with its bootstrap confidence interval.</summary>
/// <param name="K">Samples per problem.</param>
/// <param name="Value">The mean over problems (a fraction in [0, 1]).</param>
/// <param name="Interval">The percentile bootstrap interval over problems; <see langword="null"/> when bootstrapping was off.</param>
public sealed record CurvePoint(int K, double Value, ConfidenceInterval? Interval);
