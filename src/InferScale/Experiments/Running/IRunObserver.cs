using InferScale.Experiments.Results;

namespace InferScale.Experiments.Running;

/// <summary>Hears what a run does, for progress bars and logs. Called from worker threads; implementations must be thread-safe and quick.</summary>
public interface IRunObserver
{
    /// <summary>The plan is registered: <paramref name="total"/> cases, <paramref name="alreadyDone"/> finished by an earlier run.</summary>
    void RunStarted(int total, int alreadyDone, int totalProblems);

    /// <summary>A worker claimed a case; <paramref name="resumedProblems"/> of its problems were stored by an earlier attempt.</summary>
    void CaseStarted(ExperimentCase experimentCase, int problems, int resumedProblems);

    /// <summary>A problem of a case finished and is stored.</summary>
    void ProblemFinished(ExperimentCase experimentCase, ProblemOutcome outcome);

    /// <summary>A case finished and is stored.</summary>
    void CaseFinished(ExperimentCase experimentCase, CaseOutcome outcome);

    /// <summary>An attempt at a case failed (it is retried up to the attempt limit).</summary>
    void CaseFailed(ExperimentCase experimentCase, Exception error, bool willRetry);
}
