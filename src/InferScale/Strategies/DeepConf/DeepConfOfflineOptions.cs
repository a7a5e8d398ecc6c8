namespace InferScale.Strategies;

/// <summary>
/// Options of <c>deepconf-offline</c>: draw the budget's traces with top-k logprobs, keep the
/// <see cref="DeepConfOptions.KeepPercent"/>% with the highest lowest-group-confidence, and vote weighted by that confidence.
/// </summary>
public sealed record DeepConfOfflineOptions : DeepConfOptions;
