using InferScale.Experiments;
using InferScale.Experiments.Results;
using InferScale.Experiments.Running;
using InferScale.Experiments.Store;

namespace InferScale.Tests.Experiments.Running;

public sealed class ExperimentRunnerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "inferscale-runner-" + Guid.NewGuid().ToString("N"));

    public ExperimentRunnerTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RunAsync_SecondRunOnTheSameStore_GeneratesNothingAndReturnsTheSameOutcomes()
    {
        var plan = RunFixtures.Plan();
        await using var store = new SqliteResultStore(Path.Combine(_dir, "a.db"));
        var (first, generated) = await RunFixtures.RunAsync(store, plan);
        Assert.Equal(plan.Cases.Count, first.Count);
        Assert.True(generated > 0);
        Assert.All(first, o => Assert.Equal(5, o.Problems.Count));
        Assert.All(first.SelectMany(o => o.Problems), p => Assert.True(p.CompletionTokens > 0 && p.Samples > 0));

        var (second, generatedAgain) = await RunFixtures.RunAsync(store, plan);
        Assert.Equal(0, generatedAgain);
        Assert.Equal(RunFixtures.Json(first), RunFixtures.Json(second));
    }

    [Fact]
    public async Task RunAsync_InterruptedAfterSomeProblems_ResumesWithoutRecomputingAndMatchesAnUninterruptedRun()
    {
        var plan = RunFixtures.Plan();
        await using var reference = new SqliteResultStore(Path.Combine(_dir, "reference.db"));
        var (expected, _) = await RunFixtures.RunAsync(reference, plan);

        await using var store = new SqliteResultStore(Path.Combine(_dir, "interrupted.db"));
        using var stop = new CancellationTokenSource();
        var observer = new StopAfter(7, stop);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunFixtures.RunAsync(store, plan, observer: observer, cancellationToken: stop.Token));
        var progress = await store.GetProgressAsync("run");
        Assert.True(progress.Done >= 1 && progress.Done < plan.Cases.Count, $"done {progress.Done}");
        Assert.Equal(0, progress.Running); // Ctrl+C hands the case back

        var resumed = new CountingObserver();
        var (actual, _) = await RunFixtures.RunAsync(store, plan, observer: resumed);
        Assert.Equal(RunFixtures.Json(expected), RunFixtures.Json(actual));
        Assert.Equal(plan.Cases.Count * 5, observer.Problems + resumed.Problems - resumed.Resumed); // every problem computed once
        Assert.True(resumed.Resumed > 0, "the case that was cut short resumes from its stored problems");
    }

    [Fact]
    public async Task RunAsync_WorkerDiesHoldingACase_AnotherWorkerTakesItOverAfterTheLease()
    {
        var plan = RunFixtures.Plan();
        await using var reference = new SqliteResultStore(Path.Combine(_dir, "reference.db"));
        var (expected, _) = await RunFixtures.RunAsync(reference, plan);

        await using var store = new SqliteResultStore(Path.Combine(_dir, "shared.db"));
        await store.InitializeAsync();
        await store.RegisterCasesAsync("run", [.. plan.Cases.Select(c => new StoredCase(c.Id, c.Ordinal, c.ToSpecJson()))]);
        var dead = await store.ClaimAsync("run", "dead-worker", TimeSpan.FromMilliseconds(500));
        Assert.NotNull(dead);
        await Task.Delay(700);
        var options = new ExperimentRunnerOptions { WorkerId = "survivor", ReclaimOwnCases = false };
        var (actual, _) = await RunFixtures.RunAsync(store, plan, options);
        Assert.Equal(RunFixtures.Json(expected), RunFixtures.Json(actual));
        await Assert.ThrowsAsync<LeaseLostException>(async () => await store.CompleteAsync(dead!, "{}"));
    }

    [Fact]
    public async Task RunAsync_SameConfigOtherSeed_DrawsOtherSamples()
    {
        await using var a = new SqliteResultStore(Path.Combine(_dir, "a.db"));
        await using var b = new SqliteResultStore(Path.Combine(_dir, "b.db"));
        var (first, _) = await RunFixtures.RunAsync(a, RunFixtures.Plan(seed: 3));
        var (second, _) = await RunFixtures.RunAsync(b, RunFixtures.Plan(seed: 4));
        Assert.NotEqual(
            first.SelectMany(o => o.Problems).Select(p => p.CompletionTokens),
            second.SelectMany(o => o.Problems).Select(p => p.CompletionTokens));
    }

    private sealed class CountingObserver : IRunObserver
    {
        private int _problems;
        private int _resumed;

        public int Problems => _problems;

        public int Resumed => _resumed;

        public void RunStarted(int total, int alreadyDone, int totalProblems)
        {
        }

        public void CaseStarted(ExperimentCase experimentCase, int problems, int resumedProblems)
        {
            Interlocked.Add(ref _resumed, resumedProblems);
            Interlocked.Add(ref _problems, resumedProblems);
        }

        public void ProblemFinished(ExperimentCase experimentCase, ProblemOutcome outcome) => Interlocked.Increment(ref _problems);

        public void CaseFinished(ExperimentCase experimentCase, CaseOutcome outcome)
        {
        }

        public void CaseFailed(ExperimentCase experimentCase, Exception error, bool willRetry) =>
            throw new InvalidOperationException($"case {experimentCase.Id} failed: {error}");
    }

    private sealed class StopAfter(int problems, CancellationTokenSource stop) : IRunObserver
    {
        private int _seen;

        public int Problems => _seen;

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
