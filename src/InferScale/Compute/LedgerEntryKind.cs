namespace InferScale.Compute;

/// <summary>What an accounted call was for.</summary>
public enum LedgerEntryKind
{
    /// <summary>A policy model generated samples or continuations.</summary>
    Generation,

    /// <summary>A reward model scored solutions.</summary>
    RewardModel,

    /// <summary>A verifier (judge, code tests) checked solutions.</summary>
    Verifier,
}
