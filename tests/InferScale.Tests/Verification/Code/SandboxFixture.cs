using InferScale.Verification.Code;

namespace InferScale.Tests.Verification.Code;

/// <summary>The sandbox tests run one class at a time, so a fork bomb in one cannot starve another's runs.</summary>
[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>
{
    public const string Name = "sandbox";
}

/// <summary>One sandbox with short limits shared by the sandbox tests (the real bubblewrap sandbox; no fake).</summary>
public sealed class SandboxFixture : IDisposable
{
    public SandboxFixture()
    {
        var problem = PythonSandbox.FindProblem();
        Assert.True(problem is null, problem);
        Sandbox = new PythonSandbox(new SandboxOptions { WallTime = TimeSpan.FromSeconds(3), CpuSeconds = 2, MemoryBytes = 512L << 20, MaxOutputBytes = 64 << 10, Workers = 2 });
    }

    public PythonSandbox Sandbox { get; }

    public void Dispose() => Sandbox.Dispose();

    /// <summary>Processes still running under the sandbox's uids, after giving the kernel up to 5 s to reap a dying namespace.</summary>
    public IReadOnlyList<int> LeftoverProcesses()
    {
        var low = Sandbox.BaseUid;
        var high = low + Sandbox.Options.Workers;
        for (var attempt = 0; ; attempt++)
        {
            var left = ProcessesWithUid(low, high).ToList();
            if (left.Count == 0 || attempt == 50)
                return left;
            Thread.Sleep(100);
        }
    }

    private static IEnumerable<int> ProcessesWithUid(int low, int high)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            string status;
            try
            {
                status = File.ReadAllText(Path.Combine(dir, "status"));
            }
            catch (IOException)
            {
                continue;
            }
            var uidLine = status.Split('\n').FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            if (uidLine is not null && int.TryParse(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], out var uid) && uid >= low && uid < high)
                yield return pid;
        }
    }
}
