using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace InferScale.Experiments.Store;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. Writers serialise through <c>BEGIN IMMEDIATE</c>, so
/// several threads or processes on one machine can share it; leases use the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SqliteResultStore : SqlResultStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>Opens (or creates) the store file at <paramref name="path"/>.</summary>
    public SqliteResultStore(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 60 }.ToString();
        _time = time ?? TimeProvider.System;
        StorePath = path;
    }

    /// <summary>The store file.</summary>
    public string StorePath { get; }

    /// <inheritdoc />
    protected override IEnumerable<string> SchemaStatements =>
    [
        "PRAGMA journal_mode = WAL",
        "CREATE TABLE IF NOT EXISTS inferscale_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS inferscale_cases (
            run_id TEXT NOT NULL, case_id TEXT NOT NULL, ordinal INTEGER NOT NULL, spec TEXT NOT NULL,
            status TEXT NOT NULL, worker TEXT, fence INTEGER NOT NULL, attempts INTEGER NOT NULL,
            lease_until INTEGER, result TEXT, error TEXT, PRIMARY KEY (run_id, case_id))
        """,
        "CREATE INDEX IF NOT EXISTS inferscale_cases_claim ON inferscale_cases (run_id, status, ordinal)",
        """
        CREATE TABLE IF NOT EXISTS inferscale_records (
            run_id TEXT NOT NULL, case_id TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL,
            PRIMARY KEY (run_id, case_id, kind, key))
        """,
    ];

    /// <inheritdoc />
    protected override string RenewSql =>
        "UPDATE inferscale_cases SET lease_until = @lease WHERE run_id = @r AND case_id = @c AND fence = @f AND status = 'running'";

    /// <inheritdoc />
    protected override string LockCaseSql => "SELECT fence, status FROM inferscale_cases WHERE run_id = @r AND case_id = @c";

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 60000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <inheritdoc />
    protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <inheritdoc />
    protected override void AddLease(DbCommand command, TimeSpan lease) =>
        Add(command, "@lease", _time.GetUtcNow().ToUnixTimeMilliseconds() + (long)lease.TotalMilliseconds);

    /// <inheritdoc />
    protected override async ValueTask<CaseClaim?> ClaimInTransactionAsync(DbConnection connection, DbTransaction transaction, string runId, string workerId, TimeSpan lease, int maxAttempts, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await ExecuteAsync(connection, transaction,
            "UPDATE inferscale_cases SET status = 'failed', error = 'its worker stopped before finishing it ' || attempts || ' times', lease_until = NULL WHERE run_id = @r AND status = 'running' AND lease_until < @now AND attempts >= @max",
            c =>
            {
                Add(c, "@r", runId);
                Add(c, "@now", now);
                Add(c, "@max", maxAttempts);
            }, cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(connection, transaction, """
            UPDATE inferscale_cases SET status = 'running', worker = @w, fence = fence + 1, attempts = attempts + 1, lease_until = @lease
            WHERE run_id = @r AND case_id = (
                SELECT case_id FROM inferscale_cases
                WHERE run_id = @r AND (status = 'pending' OR (status = 'running' AND lease_until < @now))
                ORDER BY ordinal LIMIT 1)
            RETURNING case_id, ordinal, spec, fence, attempts
            """);
        Add(cmd, "@r", runId);
        Add(cmd, "@w", workerId);
        Add(cmd, "@now", now);
        AddLease(cmd, lease);
        return await ReadClaimAsync(cmd, runId, workerId, cancellationToken).ConfigureAwait(false);
    }
}
