using InferScale.Experiments;
using InferScale.Experiments.Results;
using InferScale.Experiments.Running;
using InferScale.Experiments.Store;
using InferScale.Tests.Support;

namespace InferScale.Tests.Experiments.Running;

/// <summary>A small real experiment on the embedded 0.3m model: a few arith problems, whole-sample and step-level strategies.</summary>
internal static class RunFixtures
{
    public static string ModelPath => Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf");

    public static string ConfigJson(ulong seed = 3) => $$"""
        {
          "name": "runner-test",
          "datasets": [{ "name": "arith", "limit": 1 }],
          "models": [{ "name": "arith-0.3m", "path": "{{ModelPath.Replace("\\", "\\\\", StringComparison.Ordinal)}}" }],
          "reward_model": { "name": "arith-steps" },
          "sampling": { "temperature": 0.8, "max_tokens": 160 },
          "seeds": [{{seed}}],
          "strategies": [
            { "name": "majority", "budgets": [2, 4] },
            { "name": "best-of-n", "budgets": [4] },
            { "name": "beam-search", "budgets": [4] }
          ]
        }
        """;

    public static ExperimentPlan Plan(ulong seed = 3) => ExperimentPlan.Expand(ExperimentPlan.Parse(ConfigJson(seed)));

    public static async Task<(IReadOnlyList<CaseOutcome> Outcomes, long Generated)> RunAsync(IResultStore store, ExperimentPlan plan, ExperimentRunnerOptions? options = null, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var memo = new SampleMemo();
        await using var resources = await RunResources.OpenAsync(plan.Config, p => p, memo, engineThreads: 1, cancellationToken);
        var runner = new ExperimentRunner(plan, resources, store, options, observer);
        await runner.RunAsync(cancellationToken);
        var outcomes = await ExperimentRunner.ReadOutcomesAsync(store, (options ?? new()).RunId, cancellationToken);
        return (outcomes, resources.Models.Values.Sum(m => m.Generator.Executed.CompletionTokens));
    }

    public static string Json(IEnumerable<CaseOutcome> outcomes) => string.Join("\n", outcomes.OrderBy(o => o.CaseId, StringComparer.Ordinal).Select(OutcomeJson.Serialize));
}
