namespace InferScale.Verification.Code;

/// <summary>One line of <c>verdicts.jsonl</c>: how one sample of a code pool fared in the sandbox.</summary>
/// <param name="ProblemId">The problem (HumanEval <c>task_id</c>).</param>
/// <param name="Sample">The sample's index.</param>
/// <param name="Verdict">passed, failed, error, timeout or resource_limit.</param>
/// <param name="Detail">The failed assertion, the error or the limit hit.</param>
public sealed record CodeVerdictRecord(string ProblemId, int Sample, string Verdict, string Detail);
