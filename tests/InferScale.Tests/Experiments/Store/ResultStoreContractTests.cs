using InferScale.Experiments.Store;

namespace InferScale.Tests.Experiments.Store;

/// <summary>The behaviour every store must have; run against SQLite and a real PostgreSQL server.</summary>
public abstract class ResultStoreContractTests
{
    /// <summary>A fresh store (its schema initialised).</summary>
    protected abstract Task<SqlResultStore> CreateStoreAsync();

    /// <summary>Lets a lease of <paramref name="lease"/> expire (advances a fake clock, or waits for the server's).</summary>
    protected abstract Task ExpireAsync(TimeSpan lease);

    /// <summary>A lease short enough to expire in a test.</summary>
    protected abstract TimeSpan ShortLease { get; }

    private static string NewRun() => "run-" + Guid.NewGuid().ToString("N");

    private static StoredCase[] Cases(int n) =>
        Enumerable.Range(0, n).Select(i => new StoredCase($"case-{i:D3}", i, $"{{\"i\":{i}}}")).Reverse().ToArray();

    [Fact]
    public async Task RegisterCases_Twice_IsIdempotent_ChangedSpecIsRefused()
    {
        await using var store = await CreateStoreAsync();
        var run = NewRun();
        Assert.Equal(5, await store.RegisterCasesAsync(run, Cases(5)));
        Assert.Equal(0, await store.RegisterCasesAsync(run, Cases(5)));
        Assert.Equal(2, await store.RegisterCasesAsync(run, Cases(7)));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.RegisterCasesAsync(run, [new StoredCase("case-001", 1, "{\"changed\":true}")]));
        Assert.Contains("case-001", ex.Message);
        Assert.Equal(new RunProgress(7, 0, 0, 0), await store.GetProgressAsync(run));
    }

    [Fact]
    public async Task Claim_TakesCasesInOrdinalOrder_UntilNoneLeft()
    {
        await using var store = await CreateStoreAsync();
        var run = NewRun();
        await store.RegisterCasesAsync(run, Cases(3));
        var claims = new List<CaseClaim>();
        while (await store.ClaimAsync(run, "w1", TimeSpan.FromMinutes(5)) is { } claim)
            claims.Add(claim);
        Assert.Equal(["case-000", "case-001", "case-002"], claims.Select(c => c.Case.Id));
        Assert.All(claims, c => Assert.Equal(1, c.Attempt));
        Assert.Equal(new RunProgress(0, 3, 0, 0), await store.GetProgressAsync(run));
        foreach (var c in claims)
            await store.CompleteAsync(c, $"{{\"done\":\"{c.Case.Id}\"}}");
        var results = await store.ReadResultsAsync(run).ToListAsync();
        Assert.Equal(["case-000", "case-001", "case-002"], results.Select(r => r.Case.Id));
        Assert.All(results, r => Assert.Equal(CaseStatus.Done, r.Status));
        Assert.True((await store.GetProgressAsync(run)).IsComplete);
    }

    [Fact]
    public async Task ConcurrentWorkers_EachCaseFinishedExactlyOnce()
    {
        var run = NewRun();
        await using (var setup = await CreateStoreAsync())
            await setup.RegisterCasesAsync(run, Cases(60));
        var finishedBy = new System.Collections.Concurrent.ConcurrentBag<(string Case, string Worker)>();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            await using var store = await CreateStoreAsync();
            while (await store.ClaimAsync(run, $"w{w}", TimeSpan.FromMinutes(5)) is { } claim)
            {
                await store.AppendAsync(claim, [new StoredRecord("sample", "0", "{}")]);
                await store.CompleteAsync(claim, "{}");
                finishedBy.Add((claim.Case.Id, $"w{w}"));
            }
        })).ToArray();
        await Task.WhenAll(workers);
        Assert.Equal(60, finishedBy.Count);
        Assert.Equal(60, finishedBy.Select(f => f.Case).Distinct().Count());
        await using var check = await CreateStoreAsync();
        var results = await check.ReadResultsAsync(run).ToListAsync();
        Assert.Equal(60, results.Count);
        Assert.All(results, r => Assert.Equal(1, r.Attempts));
    }

    [Fact]
    public async Task ExpiredLease_IsReclaimed_AndTheOldWorkerIsFencedOut()
    {
        await using var store = await CreateStoreAsync();
        var run = NewRun();
        await store.RegisterCasesAsync(run, Cases(1));
        var first = await store.ClaimAsync(run, "dead-worker", ShortLease);
        Assert.NotNull(first);
        await store.AppendAsync(first, [new StoredRecord("sample", "0", "{\"by\":\"first\"}")]);
        Assert.Null(await store.ClaimAsync(run, "other", ShortLease));
        await ExpireAsync(ShortLease);
        var second = await store.ClaimAsync(run, "live-worker", TimeSpan.FromMinutes(5));
        Assert.NotNull(second);
        Assert.Equal(first.Case.Id, second.Case.Id);
        Assert.True(second.Fence > first.Fence);
        Assert.Equal(2, second.Attempt);
        await Assert.ThrowsAsync<LeaseLostException>(async () => await store.AppendAsync(first, [new StoredRecord("sample", "1", "{}")]));
        await Assert.ThrowsAsync<LeaseLostException>(async () => await store.CompleteAsync(first, "{}"));
        await Assert.ThrowsAsync<LeaseLostException>(async () => await store.RenewAsync(first, TimeSpan.FromMinutes(1)));
        // The new worker sees what the dead one stored, and finishes.
        var records = await store.ReadRecordsAsync(run, second.Case.Id);
        Assert.Equal("{\"by\":\"first\"}", Assert.Single(records).Payload);
        await store.RenewAsync(second, TimeSpan.FromMinutes(5));
        await store.CompleteAsync(second, "{\"ok\":true}");
        Assert.Equal(CaseStatus.Done, Assert.Single(await store.ReadResultsAsync(run).ToListAsync()).Status);
    }

    [Fact]
    public async Task Append_SameKeyTwice_KeepsFirst_AndReadsInNumericKeyOrder()
    {
        await using var store = await CreateStoreAsync();
        var run = NewRun();
        await store.RegisterCasesAsync(run, Cases(1));
        var claim = (await store.ClaimAsync(run, "w", TimeSpan.FromMinutes(5)))!;
        await store.AppendAsync(claim, [new StoredRecord("sample", "10", "ten"), new StoredRecord("sample", "2", "two")]);
        await store.AppendAsync(claim, [new StoredRecord("sample", "2", "again"), new StoredRecord("score", "1", "s")]);
        var records = await store.ReadRecordsAsync(run, claim.Case.Id);
        Assert.Equal(["two", "ten", "s"], records.Select(r => r.Payload));
    }

    [Fact]
    public async Task Fail_ReturnsToPending_UntilAttemptsExhausted()
    {
        await using var store = await CreateStoreAsync();
        var run = NewRun();
        await store.RegisterCasesAsync(run, Cases(1));
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var claim = (await store.ClaimAsync(run, "w", TimeSpan.FromMinutes(5), maxAttempts: 2))!;
            Assert.Equal(attempt, claim.Attempt);
            await store.FailAsync(claim, $"boom {attempt}", maxAttempts: 2);
        }
        Assert.Null(await store.ClaimAsync(run, "w", TimeSpan.FromMinutes(5), maxAttempts: 2));
        var result = Assert.Single(await store.ReadResultsAsync(run).ToListAsync());
        Assert.Equal(CaseStatus.Failed, result.Status);
        Assert.Equal("boom 2", result.Error);
    }

    [Fact]
    public async Task WorkerDyingEveryTime_CaseEndsFailed()
    {
        await using var store = await CreateStoreAsync();
        var run = NewRun();
        await store.RegisterCasesAsync(run, Cases(1));
        Assert.NotNull(await store.ClaimAsync(run, "a", ShortLease, maxAttempts: 1));
        await ExpireAsync(ShortLease);
        Assert.Null(await store.ClaimAsync(run, "b", ShortLease, maxAttempts: 1));
        var result = Assert.Single(await store.ReadResultsAsync(run).ToListAsync());
        Assert.Equal(CaseStatus.Failed, result.Status);
        Assert.Contains("stopped before finishing", result.Error);
    }
}
