namespace InferScale.Experiments.Store;

/// <summary>Opens a store from a location: a PostgreSQL connection string or URI, or a SQLite file path.</summary>
public static class ResultStores
{
    /// <summary>
    /// <c>postgres://user@host:port/db</c> or an Npgsql connection string (<c>Host=…</c>) opens PostgreSQL; anything
    /// else is a SQLite file path.
    /// </summary>
    public static SqlResultStore Open(string location, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        if (!IsPostgres(location))
            return new SqliteResultStore(location, time);
        return location.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new PostgresResultStore(location)
            : new PostgresResultStore(ToConnectionString(new Uri(location)));
    }

    /// <summary>Whether <paramref name="location"/> names a PostgreSQL store (shared by workers on several machines) rather than a SQLite file.</summary>
    public static bool IsPostgres(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);
    }

    private static string ToConnectionString(Uri uri)
    {
        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);
        var password = uri.UserInfo.Contains(':', StringComparison.Ordinal) ? Uri.UnescapeDataString(uri.UserInfo[(uri.UserInfo.IndexOf(':', StringComparison.Ordinal) + 1)..]) : null;
        var builder = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/'),
            Username = string.IsNullOrEmpty(user) ? null : user,
            Password = password,
        };
        return builder.ToString();
    }
}
