using System.Net;
using System.Net.Sockets;
using InferScale.Verification.Code;

namespace InferScale.Tests.Verification.Code;

/// <summary>
/// Each hostile program exits 0 only if its attack succeeded, so a weakened sandbox turns these tests red.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class PythonSandboxSecurityTests(SandboxFixture fixture)
{
    private readonly PythonSandbox _sandbox = fixture.Sandbox;

    [Fact]
    public async Task Run_OpensSocketToLoopbackListener_IsBlocked()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var result = await _sandbox.RunAsync($"import socket\ns = socket.create_connection(('127.0.0.1', {port}), timeout=2)\ns.sendall(b'escaped')\n");
        Assert.NotEqual(CodeVerdict.Passed, result.Verdict);
        Assert.False(listener.Pending(), "a sandboxed program reached a loopback listener");
    }

    [Fact]
    public async Task Run_WritesOutsideItsDirectory_IsBlocked()
    {
        var outside = Directory.CreateTempSubdirectory("inferscale-outside-");
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(outside.FullName, (UnixFileMode)0b111_111_111);
        var target = Path.Combine(outside.FullName, "pwned.txt");
        var etcTarget = "/etc/inferscale-pwned-" + Guid.NewGuid().ToString("N");
        try
        {
            var result = await _sandbox.RunAsync($"""
                import os
                wrote = 0
                for p in [{Py(target)}, {Py(etcTarget)}, '/usr/pwned']:
                    try:
                        open(p, 'w').write('x'); wrote += 1
                    except OSError:
                        pass
                open('inside.txt', 'w').write('fine')
                raise SystemExit(0 if wrote else 3)
                """);
            Assert.NotEqual(CodeVerdict.Passed, result.Verdict);
            Assert.False(File.Exists(target));
            Assert.False(File.Exists(etcTarget));
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_ReadsUsersHome_SeesNothing()
    {
        var home = Environment.GetEnvironmentVariable("HOME")!;
        var secretPath = Path.Combine(home, ".inferscale-secret-" + Guid.NewGuid().ToString("N"));
        var secret = Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(secretPath, secret);
        try
        {
            var result = await _sandbox.RunAsync($"print(open({Py(secretPath)}).read())\n");
            Assert.NotEqual(CodeVerdict.Passed, result.Verdict);
            Assert.DoesNotContain(secret, result.Stdout + result.Stderr);
        }
        finally
        {
            File.Delete(secretPath);
        }
    }

    [Fact]
    public async Task Run_ForkBomb_IsContainedAndLeavesNoProcess()
    {
        var result = await _sandbox.RunAsync("""
            import os, time
            children = 0
            for _ in range(2000):
                pid = os.fork()
                if pid == 0:
                    while True:
                        try: os.fork()
                        except OSError: time.sleep(0.05)
                children += 1
            raise SystemExit(0)
            """);
        Assert.NotEqual(CodeVerdict.Passed, result.Verdict);
        Assert.Contains(result.Verdict, new[] { CodeVerdict.ResourceLimit, CodeVerdict.Timeout });
        Assert.Empty(fixture.LeftoverProcesses());
    }

    [Fact]
    public async Task Run_Allocates10GiB_HitsMemoryLimit()
    {
        var result = await _sandbox.RunAsync("x = bytearray(10 * 1024 ** 3)\nx[-1] = 1\n");
        Assert.Equal(CodeVerdict.ResourceLimit, result.Verdict);
        Assert.Contains("memory", result.Detail);
    }

    [Fact]
    public async Task Run_Prints1GB_IsCutAtOutputLimit()
    {
        var result = await _sandbox.RunAsync("import sys\nchunk = 'x' * 1_000_000\nfor _ in range(1000):\n    sys.stdout.write(chunk)\n");
        Assert.Equal(CodeVerdict.ResourceLimit, result.Verdict);
        Assert.True(result.Stdout.Length <= _sandbox.Options.MaxOutputBytes);
    }

    [Fact]
    public async Task Run_SleepsForever_TimesOut()
    {
        var result = await _sandbox.RunAsync("import time\ntime.sleep(10 ** 6)\n");
        Assert.Equal(CodeVerdict.Timeout, result.Verdict);
        Assert.Empty(fixture.LeftoverProcesses());
    }

    [Fact]
    public async Task Run_BusyLoop_HitsCpuOrWallLimit()
    {
        var result = await _sandbox.RunAsync("while True:\n    pass\n");
        Assert.Equal(CodeVerdict.Timeout, result.Verdict);
    }

    private static string Py(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
