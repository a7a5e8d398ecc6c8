namespace InferScale.Verification.Reward;

/// <summary>
/// Scores solutions: an outcome reward model (ORM) gives a final score, a process reward model (PRM) also one score per
/// step of a (possibly partial) solution. Backends: the engine's value head, an HTTP reward endpoint, an LLM judge.
/// A failure to score is reported as <see cref="double.NaN"/> scores, not thrown, where the backend can tell.
/// </summary>
public interface IRewardModel
{
    /// <summary>Scores <paramref name="solution"/> (the model's text after <paramref name="prompt"/>).</summary>
    ValueTask<RewardScore> ScoreAsync(string prompt, string solution, CancellationToken cancellationToken = default);
}
