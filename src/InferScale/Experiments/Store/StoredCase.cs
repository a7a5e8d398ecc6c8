namespace InferScale.Experiments.Store;

/// <summary>One immutable case of a run as the store keeps it.</summary>
/// <param name="Id">Stable case id (unique within the run).</param>
/// <param name="Ordinal">Position in the plan; cases are claimed and reported in this order.</param>
/// <param name="Spec">The case's specification (JSON).</param>
public sealed record StoredCase(string Id, int Ordinal, string Spec);
