using InferScale.Generation;

namespace InferScale.Engine.Reward;

/// <summary>What <see cref="RewardEvaluation.RunAsync"/> measured; dictionaries are keyed by level (<c>"1"</c>…) and <c>"all"</c>.</summary>
/// <param name="Problems">Problems evaluated.</param>
/// <param name="Samples">Samples per problem (n).</param>
/// <param name="PassAt1">Mean fraction of correct samples.</param>
/// <param name="MajorityAtN">Accuracy of plain majority voting over the n samples.</param>
/// <param name="PassAtN">Fraction of problems with at least one correct sample (the oracle best-of-n).</param>
/// <param name="Rows">One row per scorer, in the order given.</param>
/// <param name="PolicyUsage">What sampling cost.</param>
/// <param name="RewardUsage">What scoring cost, per scorer's model (summed over distinct models).</param>
public sealed record RewardEvaluationReport(
    int Problems,
    int Samples,
    IReadOnlyDictionary<string, double> PassAt1,
    IReadOnlyDictionary<string, double> MajorityAtN,
    IReadOnlyDictionary<string, double> PassAtN,
    IReadOnlyList<RewardEvaluationRow> Rows,
    Usage PolicyUsage,
    Usage RewardUsage);
