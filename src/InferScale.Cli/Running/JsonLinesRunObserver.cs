using System.Text.Json;
using System.Text.Json.Nodes;
using InferScale.Experiments;
using InferScale.Experiments.Results;
using InferScale.Experiments.Running;

namespace InferScale.Cli.Running;

/// <summary>One JSON object per line for scripts: <c>run_started</c>, <c>case_started</c>, <c>case_finished</c>, <c>case_failed</c>.</summary>
internal sealed class JsonLinesRunObserver(TextWriter output) : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    public void RunStarted(int total, int alreadyDone, int totalProblems) =>
        Write(new JsonObject { ["event"] = "run_started", ["cases"] = total, ["done"] = alreadyDone, ["problems"] = totalProblems });

    public void CaseStarted(ExperimentCase experimentCase, int problems, int resumedProblems) =>
        Write(new JsonObject { ["event"] = "case_started", ["case"] = experimentCase.Id, ["problems"] = problems, ["resumed"] = resumedProblems });

    public void ProblemFinished(ExperimentCase experimentCase, ProblemOutcome outcome)
    {
    }

    public void CaseFinished(ExperimentCase experimentCase, CaseOutcome outcome) =>
        Write(new JsonObject
        {
            ["event"] = "case_finished",
            ["case"] = experimentCase.Id,
            ["accuracy"] = outcome.Problems.Count == 0 ? 0 : outcome.Problems.Count(p => p.Correct == true) / (double)outcome.Problems.Count,
            ["tokens"] = outcome.Problems.Sum(p => p.TotalTokens),
            ["elapsed_s"] = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds, 3),
        });

    public void CaseFailed(ExperimentCase experimentCase, Exception error, bool willRetry) =>
        Write(new JsonObject { ["event"] = "case_failed", ["case"] = experimentCase.Id, ["error"] = error.Message, ["will_retry"] = willRetry });

    private void Write(JsonObject line)
    {
        var text = line.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        lock (_gate)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }
}
