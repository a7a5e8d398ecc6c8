namespace InferScale.Strategies;

/// <summary>A candidate that failed; the run recorded it and went on with the others.</summary>
/// <param name="Index">The sample index.</param>
/// <param name="Stage">Where it failed.</param>
/// <param name="Message">What went wrong.</param>
public sealed record CandidateFailure(int Index, FailureStage Stage, string Message);
