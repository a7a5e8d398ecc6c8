namespace InferScale.Engine.Reward;

/// <summary>One scorer's quality on an evaluation pool: keys of the dictionaries are levels (<c>"1"</c>…) and <c>"all"</c>.</summary>
/// <param name="Scorer">The scorer's name.</param>
/// <param name="Auc">AUC of final-answer correctness over every sample (NaN where one class is missing).</param>
/// <param name="BestOfN">Accuracy of the highest-scored sample per problem.</param>
/// <param name="WeightedMajority">Accuracy of the answer with the largest summed score per problem.</param>
public sealed record RewardEvaluationRow(
    string Scorer,
    IReadOnlyDictionary<string, double> Auc,
    IReadOnlyDictionary<string, double> BestOfN,
    IReadOnlyDictionary<string, double> WeightedMajority);
