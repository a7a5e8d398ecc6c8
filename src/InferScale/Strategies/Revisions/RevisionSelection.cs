namespace InferScale.Strategies;

/// <summary>How <c>revisions</c> picks the final answer across its chains.</summary>
public enum RevisionSelection
{
    /// <summary>Majority over every answer of every chain.</summary>
    Majority,

    /// <summary>The answer the reward model scores highest.</summary>
    Verifier,
}
