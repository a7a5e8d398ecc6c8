using System.Data.Common;
using Npgsql;

namespace InferScale.Experiments.Store;

/// <summary>
/// The store for runs spread over several worker processes or machines: workers claim cases with
/// <c>FOR UPDATE SKIP LOCKED</c>, so any number can join or die; leases use the server's clock.
/// </summary>
public sealed class PostgresResultStore : SqlResultStore
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Connects with an Npgsql connection string (e.g. <c>Host=127.0.0.1;Port=5432;Username=…;Database=…</c>).</summary>
    public PostgresResultStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <inheritdoc />
    protected override IEnumerable<string> SchemaStatements =>
    [
        "SELECT pg_advisory_lock(74610001)",
        "CREATE TABLE IF NOT EXISTS inferscale_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS inferscale_cases (
            run_id TEXT NOT NULL, case_id TEXT NOT NULL, ordinal INTEGER NOT NULL, spec TEXT NOT NULL,
            status TEXT NOT NULL, worker TEXT, fence BIGINT NOT NULL, attempts INTEGER NOT NULL,
            lease_until TIMESTAMPTZ, result TEXT, error TEXT, PRIMARY KEY (run_id, case_id))
        """,
        "CREATE INDEX IF NOT EXISTS inferscale_cases_claim ON inferscale_cases (run_id, status, ordinal)",
        """
        CREATE TABLE IF NOT EXISTS inferscale_records (
            run_id TEXT NOT NULL, case_id TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL,
            PRIMARY KEY (run_id, case_id, kind, key))
        """,
        "SELECT pg_advisory_unlock(74610001)",
    ];

    /// <inheritdoc />
    protected override string RenewSql =>
        "UPDATE inferscale_cases SET lease_until = now() + @lease WHERE run_id = @r AND case_id = @c AND fence = @f AND status = 'running'";

    /// <inheritdoc />
    protected override string LockCaseSql => "SELECT fence, status FROM inferscale_cases WHERE run_id = @r AND case_id = @c FOR UPDATE";

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override void AddLease(DbCommand command, TimeSpan lease) => Add(command, "@lease", lease);

    /// <inheritdoc />
    protected override async ValueTask<CaseClaim?> ClaimInTransactionAsync(DbConnection connection, DbTransaction transaction, string runId, string workerId, TimeSpan lease, int maxAttempts, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, """
            UPDATE inferscale_cases SET status = 'failed', error = 'its worker stopped before finishing it ' || attempts || ' times', lease_until = NULL
            WHERE run_id = @r AND case_id IN (
                SELECT case_id FROM inferscale_cases
                WHERE run_id = @r AND status = 'running' AND lease_until < now() AND attempts >= @max
                FOR UPDATE SKIP LOCKED)
            """, c =>
        {
            Add(c, "@r", runId);
            Add(c, "@max", maxAttempts);
        }, cancellationToken).ConfigureAwait(false);
        // A scalar subquery runs once (an InitPlan); in UPDATE … FROM it could be rescanned and, with SKIP LOCKED,
        // yield a different row each time.
        await using var cmd = Command(connection, transaction, """
            UPDATE inferscale_cases SET status = 'running', worker = @w, fence = fence + 1, attempts = attempts + 1, lease_until = now() + @lease
            WHERE run_id = @r AND case_id = (
                SELECT case_id FROM inferscale_cases
                WHERE run_id = @r AND (status = 'pending' OR (status = 'running' AND lease_until < now()))
                ORDER BY ordinal LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING case_id, ordinal, spec, fence, attempts
            """);
        Add(cmd, "@r", runId);
        Add(cmd, "@w", workerId);
        AddLease(cmd, lease);
        return await ReadClaimAsync(cmd, runId, workerId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
