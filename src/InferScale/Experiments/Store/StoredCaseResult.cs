namespace InferScale.Experiments.Store;

/// <summary>A finished case.</summary>
/// <param name="Case">The case.</param>
/// <param name="Status"><see cref="CaseStatus.Done"/> or <see cref="CaseStatus.Failed"/>.</param>
/// <param name="Result">The result (JSON) when done.</param>
/// <param name="Error">The error when failed.</param>
/// <param name="Attempts">How many times it was claimed.</param>
public sealed record StoredCaseResult(StoredCase Case, CaseStatus Status, string? Result, string? Error, int Attempts);
