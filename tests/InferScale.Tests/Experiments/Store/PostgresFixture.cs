using System.Diagnostics;
using InferScale.Tests.Support;

namespace InferScale.Tests.Experiments.Store;

/// <summary>
/// A real PostgreSQL server on 127.0.0.1: the one named by <c>INFERSCALE_TEST_PG</c> (CI starts it), or one started
/// with <c>scripts/pg-test-server.sh</c>.
/// </summary>
public sealed class PostgresFixture
{
    public PostgresFixture()
    {
        var fromEnv = Environment.GetEnvironmentVariable("INFERSCALE_TEST_PG");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            ConnectionString = fromEnv;
            return;
        }
        var script = Path.Combine(RepoPaths.Root, "scripts", "pg-test-server.sh");
        var psi = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"could not start PostgreSQL with {script}: {error}");
        ConnectionString = output.Trim();
    }

    public string ConnectionString { get; }
}
