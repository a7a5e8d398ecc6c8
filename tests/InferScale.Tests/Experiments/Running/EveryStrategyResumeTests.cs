using InferScale.Experiments;
using InferScale.Experiments.Results;
using InferScale.Experiments.Running;
using InferScale.Experiments.Store;
using InferScale.Strategies;

namespace InferScale.Tests.Experiments.Running;

/// <summary>Reproducibility across processes and interruptions, for every strategy in the catalog.</summary>
public sealed class EveryStrategyResumeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "inferscale-every-" + Guid.NewGuid().ToString("N"));

    public EveryStrategyResumeTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RunAsync_EveryStrategyInterruptedAndResumed_MatchesAnUninterruptedRunExactly()
    {
        var strategies = string.Join(",\n", StrategyCatalog.Default.Names.Select(n =>
            n == "deepconf-online"
                ? $$"""{ "name": "{{n}}", "params": { "warmup-traces": 4, "window-size": 8, "top-logprobs": 3 }, "budgets": [8] }"""
                : $$"""{ "name": "{{n}}", "budgets": [8] }"""));
        var json = $$"""
            {
              "name": "every-strategy",
              "datasets": [{ "name": "arith", "limit": 1, "levels": ["2", "4"] }],
              "models": [{ "name": "arith-0.3m", "path": "{{RunFixtures.ModelPath}}" }],
              "reward_model": { "name": "arith-steps" },
              "sampling": { "temperature": 0.8, "max_tokens": 96 },
              "seeds": [11],
              "strategies": [{{strategies}}]
            }
            """;
        var plan = ExperimentPlan.Expand(ExperimentPlan.Parse(json));
        Assert.Equal(StrategyCatalog.Default.Names.Count, plan.Cases.Count);

        await using var reference = new SqliteResultStore(Path.Combine(_dir, "reference.db"));
        var (expected, _) = await RunFixtures.RunAsync(reference, plan);
        Assert.Equal(plan.Cases.Count, expected.Count); // no strategy failed

        await using var store = new SqliteResultStore(Path.Combine(_dir, "resumed.db"));
        for (var stopAfter = 5; ; stopAfter += 9)
        {
            using var stop = new CancellationTokenSource();
            var observer = new StopAfterProblems(stopAfter, stop);
            try
            {
                await RunFixtures.RunAsync(store, plan, observer: observer, cancellationToken: stop.Token);
                break;
            }
            catch (OperationCanceledException)
            {
                // interrupted: the next pass resumes
            }
        }
        var actual = await ExperimentRunner.ReadOutcomesAsync(store, "run");
        Assert.Equal(RunFixtures.Json(expected), RunFixtures.Json(actual));
    }

    private sealed class StopAfterProblems(int problems, CancellationTokenSource stop) : IRunObserver
    {
        private int _seen;

        public void RunStarted(int total, int alreadyDone, int totalProblems)
        {
        }

        public void CaseStarted(ExperimentCase experimentCase, int problems, int resumedProblems)
        {
        }

        public void ProblemFinished(ExperimentCase experimentCase, ProblemOutcome outcome)
        {
            if (Interlocked.Increment(ref _seen) == problems)
                stop.Cancel();
        }

        public void CaseFinished(ExperimentCase experimentCase, CaseOutcome outcome)
        {
        }

        public void CaseFailed(ExperimentCase experimentCase, Exception error, bool willRetry) =>
            throw new InvalidOperationException($"case {experimentCase.Id} failed: {error}");
    }
}
