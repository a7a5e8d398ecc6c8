using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace InferScale.Experiments.Store;

/// <summary>
/// The store's logic over ADO.NET, shared by <see cref="SqliteResultStore"/> and <see cref="PostgresResultStore"/>,
/// which supply the SQL dialect (schema, claiming, lease clock). Tables: <c>inferscale_meta</c> (format version),
/// <c>inferscale_cases</c> (one row per case: status, worker, fence, attempts, lease, result) and
/// <c>inferscale_records</c> (one row per record, keyed by run, case, kind and key).
/// </summary>
public abstract class SqlResultStore : IResultStore
{
    /// <summary>The stored format version; a store written by another version is refused with a clear message.</summary>
    public const int FormatVersion = 1;

    /// <summary>Opens a new connection (pooled by the provider).</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Statements that create the schema.</summary>
    protected abstract IEnumerable<string> SchemaStatements { get; }

    /// <summary>Begins a transaction that serialises writers to the cases table.</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Claims one case in <paramref name="transaction"/>; returns null when none is claimable.</summary>
    protected abstract ValueTask<CaseClaim?> ClaimInTransactionAsync(DbConnection connection, DbTransaction transaction, string runId, string workerId, TimeSpan lease, int maxAttempts, CancellationToken cancellationToken);

    /// <summary>SQL that extends the lease of the case identified by <c>@r</c>, <c>@c</c>, <c>@f</c> by <c>@lease</c>.</summary>
    protected abstract string RenewSql { get; }

    /// <summary>Adds the lease parameter (<c>@lease</c>) in the dialect's representation.</summary>
    protected abstract void AddLease(DbCommand command, TimeSpan lease);

    /// <summary>SQL that locks the case row for a fenced write and returns its fence and status (<c>@r</c>, <c>@c</c>).</summary>
    protected abstract string LockCaseSql { get; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sql in SchemaStatements)
            await ExecuteAsync(connection, null, sql, _ => { }, cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var stored = await ScalarAsync(connection, tx, "SELECT value FROM inferscale_meta WHERE key = 'format_version'", _ => { }, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            await ExecuteAsync(connection, tx, "INSERT INTO inferscale_meta (key, value) VALUES ('format_version', @v) ON CONFLICT (key) DO NOTHING",
                c => Add(c, "@v", FormatVersion.ToString(CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
        }
        else if (Convert.ToString(stored, CultureInfo.InvariantCulture) != FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"This results store has format version {stored}; this InferScale reads version {FormatVersion}. Use a new output location or the matching InferScale version.");
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> RegisterCasesAsync(string runId, IReadOnlyList<StoredCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(cases);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var read = Command(connection, tx, "SELECT case_id, spec FROM inferscale_cases WHERE run_id = @r"))
        {
            Add(read, "@r", runId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                existing[reader.GetString(0)] = reader.GetString(1);
        }
        var added = 0;
        foreach (var c in cases)
        {
            if (existing.TryGetValue(c.Id, out var spec))
            {
                if (spec != c.Spec)
                    throw new InvalidOperationException($"Case {c.Id} of run {runId} is already stored with a different specification; the plan changed. Use a new output location, or restore the plan it was started with.");
                continue;
            }
            // Workers of one run register the same plan at once: a row another worker inserted meanwhile is kept, and
            // its specification must match.
            var inserted = await ExecuteAsync(connection, tx, "INSERT INTO inferscale_cases (run_id, case_id, ordinal, spec, status, fence, attempts) VALUES (@r, @c, @o, @s, 'pending', 0, 0) ON CONFLICT (run_id, case_id) DO NOTHING", cmd =>
            {
                Add(cmd, "@r", runId);
                Add(cmd, "@c", c.Id);
                Add(cmd, "@o", c.Ordinal);
                Add(cmd, "@s", c.Spec);
            }, cancellationToken).ConfigureAwait(false);
            if (inserted == 0)
            {
                var stored = (string?)await ScalarAsync(connection, tx, "SELECT spec FROM inferscale_cases WHERE run_id = @r AND case_id = @c", cmd =>
                {
                    Add(cmd, "@r", runId);
                    Add(cmd, "@c", c.Id);
                }, cancellationToken).ConfigureAwait(false);
                if (stored != c.Spec)
                    throw new InvalidOperationException($"Case {c.Id} of run {runId} is already stored with a different specification; the plan changed. Use a new output location, or restore the plan it was started with.");
                continue;
            }
            existing[c.Id] = c.Spec;
            added++;
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <inheritdoc />
    public async ValueTask<CaseClaim?> ClaimAsync(string runId, string workerId, TimeSpan lease, int maxAttempts = 3, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var claim = await ClaimInTransactionAsync(connection, tx, runId, workerId, lease, maxAttempts, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claim;
    }

    /// <inheritdoc />
    public async ValueTask<int> ReleaseWorkerAsync(string runId, string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null,
            "UPDATE inferscale_cases SET status = 'pending', lease_until = NULL, attempts = attempts - 1 WHERE run_id = @r AND worker = @w AND status = 'running'",
            c => { Add(c, "@r", runId); Add(c, "@w", workerId); }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RenewAsync(CaseClaim claim, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ExecuteAsync(connection, null, RenewSql, c =>
        {
            AddClaim(c, claim);
            AddLease(c, lease);
        }, cancellationToken).ConfigureAwait(false);
        if (rows == 0)
            throw new LeaseLostException(claim);
    }

    /// <inheritdoc />
    public async ValueTask AppendAsync(CaseClaim claim, IReadOnlyList<StoredRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
            return;
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await EnsureFenceAsync(connection, tx, claim, cancellationToken).ConfigureAwait(false);
        await using (var insert = Command(connection, tx, "INSERT INTO inferscale_records (run_id, case_id, kind, key, payload) VALUES (@r, @c, @k, @key, @p) ON CONFLICT (run_id, case_id, kind, key) DO NOTHING"))
        {
            var r = Add(insert, "@r", claim.RunId);
            var c = Add(insert, "@c", claim.Case.Id);
            var k = Add(insert, "@k", "");
            var key = Add(insert, "@key", "");
            var p = Add(insert, "@p", "");
            foreach (var record in records)
            {
                k.Value = record.Kind;
                key.Value = record.Key;
                p.Value = record.Payload;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<StoredRecord>> ReadRecordsAsync(string runId, string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(connection, null, "SELECT kind, key, payload FROM inferscale_records WHERE run_id = @r AND case_id = @c");
        Add(cmd, "@r", runId);
        Add(cmd, "@c", caseId);
        var list = new List<StoredRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new StoredRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return list
            .OrderBy(r => r.Kind, StringComparer.Ordinal)
            .ThenBy(r => long.TryParse(r.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CaseClaim claim, string result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(result);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ExecuteAsync(connection, null,
            "UPDATE inferscale_cases SET status = 'done', result = @res, error = NULL, lease_until = NULL WHERE run_id = @r AND case_id = @c AND fence = @f AND status = 'running'",
            c =>
            {
                AddClaim(c, claim);
                Add(c, "@res", result);
            }, cancellationToken).ConfigureAwait(false);
        if (rows == 0)
            throw new LeaseLostException(claim);
    }

    /// <inheritdoc />
    public async ValueTask FailAsync(CaseClaim claim, string error, int maxAttempts = 3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ExecuteAsync(connection, null,
            "UPDATE inferscale_cases SET status = CASE WHEN attempts >= @max THEN 'failed' ELSE 'pending' END, error = @e, lease_until = NULL WHERE run_id = @r AND case_id = @c AND fence = @f AND status = 'running'",
            c =>
            {
                AddClaim(c, claim);
                Add(c, "@e", error ?? "");
                Add(c, "@max", maxAttempts);
            }, cancellationToken).ConfigureAwait(false);
        if (rows == 0)
            throw new LeaseLostException(claim);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredCaseResult> ReadResultsAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(connection, null, "SELECT case_id, ordinal, spec, status, result, error, attempts FROM inferscale_cases WHERE run_id = @r AND status IN ('done', 'failed') ORDER BY ordinal");
        Add(cmd, "@r", runId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new StoredCaseResult(
                new StoredCase(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), reader.GetString(2)),
                reader.GetString(3) == "done" ? CaseStatus.Done : CaseStatus.Failed,
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture));
        }
    }

    /// <inheritdoc />
    public async ValueTask<RunProgress> GetProgressAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(connection, null, "SELECT status, COUNT(*) FROM inferscale_cases WHERE run_id = @r GROUP BY status");
        Add(cmd, "@r", runId);
        int pending = 0, running = 0, done = 0, failed = 0;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var n = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            switch (reader.GetString(0))
            {
                case "pending": pending = n; break;
                case "running": running = n; break;
                case "done": done = n; break;
                default: failed = n; break;
            }
        }
        return new RunProgress(pending, running, done, failed);
    }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads the claimed case row returned by a claim statement.</summary>
    protected static async ValueTask<CaseClaim?> ReadClaimAsync(DbCommand command, string runId, string workerId, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return null;
        return new CaseClaim(runId,
            new StoredCase(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), reader.GetString(2)),
            workerId,
            Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture),
            Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture));
    }

    /// <summary>Creates a command.</summary>
    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = transaction;
        return cmd;
    }

    /// <summary>Adds a parameter.</summary>
    protected static DbParameter Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
        return p;
    }

    /// <summary>Runs a statement; returns the rows affected.</summary>
    protected static async ValueTask<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var cmd = Command(connection, transaction, sql);
        bind(cmd);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var cmd = Command(connection, transaction, sql);
        bind(cmd);
        var value = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    private static void AddClaim(DbCommand command, CaseClaim claim)
    {
        Add(command, "@r", claim.RunId);
        Add(command, "@c", claim.Case.Id);
        Add(command, "@f", claim.Fence);
    }

    private async ValueTask EnsureFenceAsync(DbConnection connection, DbTransaction transaction, CaseClaim claim, CancellationToken cancellationToken)
    {
        await using var cmd = Command(connection, transaction, LockCaseSql);
        Add(cmd, "@r", claim.RunId);
        Add(cmd, "@c", claim.Case.Id);
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            || Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) != claim.Fence
            || reader.GetString(1) != "running")
        {
            throw new LeaseLostException(claim);
        }
    }
}
