using System.Diagnostics;
using InferScale.Experiments;
using InferScale.Experiments.Results;
using InferScale.Experiments.Running;
using Spectre.Console;

namespace InferScale.Cli.Running;

/// <summary>Spectre.Console progress bars for a run: cases and problems done, generated tokens per second, ETA.</summary>
internal sealed class ProgressRunObserver(ProgressContext progress, Func<long> executedTokens) : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private ProgressTask? _cases;
    private ProgressTask? _problems;

    public void RunStarted(int total, int alreadyDone, int totalProblems)
    {
        lock (_gate)
        {
            _cases = progress.AddTask("cases", maxValue: total);
            _cases.Value = alreadyDone;
            _problems = progress.AddTask("problems", maxValue: totalProblems);
        }
    }

    public void CaseStarted(ExperimentCase experimentCase, int problems, int resumedProblems)
    {
        lock (_gate)
        {
            if (_cases is not null)
                _cases.Description = Markup.Escape($"cases: {experimentCase.Model.Name} {experimentCase.Strategy} @{experimentCase.Budget}");
            _problems?.Increment(resumedProblems);
        }
    }

    public void ProblemFinished(ExperimentCase experimentCase, ProblemOutcome outcome)
    {
        lock (_gate)
        {
            _problems?.Increment(1);
            var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            if (_problems is not null && seconds > 0)
                _problems.Description = $"problems ({executedTokens() / seconds:F0} tok/s)";
        }
    }

    public void CaseFinished(ExperimentCase experimentCase, CaseOutcome outcome)
    {
        lock (_gate)
            _cases?.Increment(1);
    }

    public void CaseFailed(ExperimentCase experimentCase, Exception error, bool willRetry)
    {
        lock (_gate)
            progress.AddTask(Markup.Escape($"failed{(willRetry ? " (will retry)" : "")}: {experimentCase.Id}: {error.Message}"), autoStart: false, maxValue: 1);
    }
}
