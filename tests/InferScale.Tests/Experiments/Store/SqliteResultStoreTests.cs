using InferScale.Experiments.Store;

namespace InferScale.Tests.Experiments.Store;

public sealed class SqliteResultStoreTests : ResultStoreContractTests, IDisposable
{
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("inferscale-store-");
    private readonly ManualTime _time = new();

    protected override TimeSpan ShortLease => TimeSpan.FromSeconds(30);

    protected override async Task<SqlResultStore> CreateStoreAsync()
    {
        var store = new SqliteResultStore(Path.Combine(_dir.FullName, "results.db"), _time);
        await store.InitializeAsync();
        return store;
    }

    protected override Task ExpireAsync(TimeSpan lease)
    {
        _time.Advance(lease + TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Initialize_OtherFormatVersion_IsRefusedWithClearMessage()
    {
        var path = Path.Combine(_dir.FullName, "old.db");
        await using (var store = new SqliteResultStore(path))
            await store.InitializeAsync();
        await using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await raw.OpenAsync();
            await using var cmd = raw.CreateCommand();
            cmd.CommandText = "UPDATE inferscale_meta SET value = '99' WHERE key = 'format_version'";
            await cmd.ExecuteNonQueryAsync();
        }
        await using var again = new SqliteResultStore(path);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await again.InitializeAsync());
        Assert.Contains("format version 99", ex.Message);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
