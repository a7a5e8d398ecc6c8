using InferScale.Experiments.Running;
using InferScale.Experiments.Store;
using InferScale.Tests.Experiments.Store;

namespace InferScale.Tests.Experiments.Running;

public sealed class PostgresRunnerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "inferscale-pgrun-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RunAsync_ThreeWorkersShareARun_EveryCaseOnceAndTheSameOutcomesAsOneSqliteWorker()
    {
        var plan = RunFixtures.Plan();
        Directory.CreateDirectory(_dir);
        await using var reference = new SqliteResultStore(Path.Combine(_dir, "reference.db"));
        var (expected, _) = await RunFixtures.RunAsync(reference, plan);

        var runId = "pg-" + Guid.NewGuid().ToString("N");
        var workers = Enumerable.Range(0, 3).Select(async n =>
        {
            await using var store = new PostgresResultStore(postgres.ConnectionString);
            var options = new ExperimentRunnerOptions { RunId = runId, WorkerId = $"process-{n}", ReclaimOwnCases = false };
            return await RunFixtures.RunAsync(store, plan, options);
        }).ToList();
        var results = await Task.WhenAll(workers);

        await using var check = new PostgresResultStore(postgres.ConnectionString);
        Assert.Equal(new RunProgress(0, 0, plan.Cases.Count, 0), await check.GetProgressAsync(runId));
        foreach (var c in plan.Cases)
            Assert.Equal(5, (await check.ReadRecordsAsync(runId, c.Id)).Count);
        Assert.Equal(RunFixtures.Json(expected), RunFixtures.Json(results[0].Outcomes));
    }
}
