namespace InferScale.Experiments.Store;

/// <summary>
/// Where a run's cases, their records and results live, written as they are produced. Several workers (threads,
/// processes or machines, with PostgreSQL) claim cases under leases; a worker that dies loses its lease and another
/// resumes the case, reusing the records already stored. Every write is idempotent or fenced, so a killed run started
/// again neither recomputes finished cases nor duplicates anything.
/// </summary>
public interface IResultStore : IAsyncDisposable
{
    /// <summary>Creates the schema if needed and checks the stored format version.</summary>
    ValueTask InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds the run's cases that are not stored yet (idempotent); returns how many were new.</summary>
    ValueTask<int> RegisterCasesAsync(string runId, IReadOnlyList<StoredCase> cases, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the first pending case (by ordinal), or a running case whose lease expired; <see langword="null"/> when none
    /// is left to claim. Cases failed <paramref name="maxAttempts"/> times are not claimed again.
    /// </summary>
    ValueTask<CaseClaim?> ClaimAsync(string runId, string workerId, TimeSpan lease, int maxAttempts = 3, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the running cases held by <paramref name="workerId"/> to pending (their attempt not counted), for a
    /// process that knows it is the only one using that worker id (e.g. a run directory it has locked) and restarts
    /// after a crash; returns how many were released. Their records stay, so the cases resume where they stopped.
    /// </summary>
    ValueTask<int> ReleaseWorkerAsync(string runId, string workerId, CancellationToken cancellationToken = default);

    /// <summary>Extends the lease; throws <see cref="LeaseLostException"/> when it was taken over.</summary>
    ValueTask RenewAsync(CaseClaim claim, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Stores records of the claimed case (existing keys are kept as they are); throws <see cref="LeaseLostException"/> when the lease was lost.</summary>
    ValueTask AppendAsync(CaseClaim claim, IReadOnlyList<StoredRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The records stored for a case, ordered by kind then key (numeric keys numerically).</summary>
    ValueTask<IReadOnlyList<StoredRecord>> ReadRecordsAsync(string runId, string caseId, CancellationToken cancellationToken = default);

    /// <summary>Marks the case done with its result; throws <see cref="LeaseLostException"/> when the lease was lost.</summary>
    ValueTask CompleteAsync(CaseClaim claim, string result, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt: the case returns to pending until it has failed <c>maxAttempts</c> times, then is failed.</summary>
    ValueTask FailAsync(CaseClaim claim, string error, int maxAttempts = 3, CancellationToken cancellationToken = default);

    /// <summary>The finished cases of a run, by ordinal.</summary>
    IAsyncEnumerable<StoredCaseResult> ReadResultsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Counts of the run's cases by status.</summary>
    ValueTask<RunProgress> GetProgressAsync(string runId, CancellationToken cancellationToken = default);
}
