using InferScale.Experiments.Store;

namespace InferScale.Tests.Experiments.Store;

public sealed class PostgresResultStoreTests(PostgresFixture postgres) : ResultStoreContractTests, IClassFixture<PostgresFixture>
{
    protected override TimeSpan ShortLease => TimeSpan.FromMilliseconds(300);

    protected override async Task<SqlResultStore> CreateStoreAsync()
    {
        var store = new PostgresResultStore(postgres.ConnectionString);
        await store.InitializeAsync();
        return store;
    }

    protected override Task ExpireAsync(TimeSpan lease) => Task.Delay(lease + TimeSpan.FromMilliseconds(400));

    [Fact]
    public async Task Open_PostgresUri_ConnectsToTheSameServer()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        await using var store = ResultStores.Open($"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}");
        Assert.IsType<PostgresResultStore>(store);
        await store.InitializeAsync();
        Assert.Equal(new RunProgress(0, 0, 0, 0), await store.GetProgressAsync("no-such-run"));
    }
}
