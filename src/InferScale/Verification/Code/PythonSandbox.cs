using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace InferScale.Verification.Code;

/// <summary>
/// Runs untrusted Python programs, one process per program, each in a fresh temporary directory, inside bubblewrap:
/// new network, PID, IPC and UTS namespaces (no network at all), a read-only view of the system with the home
/// directories, <c>/tmp</c> and <c>/work</c> hidden, an unprivileged uid per worker (so the process limit holds),
/// and rlimits on CPU time, address space, file size and process count; wall time and output size are enforced here,
/// killing the whole process tree. Needs <c>bwrap</c> (Debian's bubblewrap), <c>prlimit</c> and <c>setpriv</c>
/// (util-linux) and a system Python; <see cref="FindProblem"/> says what is missing. Thread-safe; at most
/// <see cref="SandboxOptions.Workers"/> programs run at once.
/// </summary>
public sealed class PythonSandbox : IDisposable
{
    private static readonly string[] HiddenRoots = ["/root", "/home", "/tmp", "/var/tmp", "/run", "/work", "/mnt", "/media", "/srv"];

    private static int s_instances;

    private readonly SandboxOptions _options;
    private readonly Channel<int> _uids;

    /// <summary>Builds a sandbox; throws <see cref="InvalidOperationException"/> saying what to install when a tool is missing.</summary>
    public PythonSandbox(SandboxOptions? options = null)
    {
        _options = options ?? new SandboxOptions();
        _options.Validate();
        if (FindProblem(_options) is { } problem)
            throw new InvalidOperationException(problem);
        BaseUid = _options.BaseUid ?? AutoBaseUid(_options.Workers);
        _uids = Channel.CreateBounded<int>(_options.Workers);
        for (var i = 0; i < _options.Workers; i++)
            _uids.Writer.TryWrite(BaseUid + i);
    }

    /// <summary>The options in force.</summary>
    public SandboxOptions Options => _options;

    /// <summary>The first uid of this sandbox's workers (uids <c>BaseUid … BaseUid + Workers − 1</c>).</summary>
    public int BaseUid { get; }

    private static int AutoBaseUid(int workers)
    {
        // Unique per process and instance, far above system and login uids; wraps within [200000, 2^30).
        var instance = Interlocked.Increment(ref s_instances);
        var slot = ((long)Environment.ProcessId * 4096 + instance) % ((1L << 30) / Math.Max(workers, 1) - 200_000);
        return (int)(200_000 + slot * workers);
    }

    /// <summary>Why the sandbox cannot run here (a missing tool, with the command that installs it), or <see langword="null"/>.</summary>
    public static string? FindProblem(SandboxOptions? options = null)
    {
        options ??= new SandboxOptions();
        if (!OperatingSystem.IsLinux())
            return "The code sandbox needs Linux (bubblewrap namespaces).";
        if (FindOnPath(options.BwrapPath) is null)
            return $"'{options.BwrapPath}' (bubblewrap) was not found; install it with: apt-get install -y bubblewrap";
        if (FindOnPath("prlimit") is null || FindOnPath("setpriv") is null)
            return "'prlimit' and 'setpriv' (util-linux) were not found; install them with: apt-get install -y util-linux";
        if (!File.Exists(options.PythonPath))
            return $"Python was not found at {options.PythonPath}; install it with: apt-get install -y python3";
        return null;
    }

    /// <summary>Runs <paramref name="program"/> (Python source) and classifies the outcome.</summary>
    public async Task<CodeExecutionResult> RunAsync(string program, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        var uid = await _uids.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsUidAsync(program, uid, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _uids.Writer.TryWrite(uid);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _uids.Writer.TryComplete();

    private async Task<CodeExecutionResult> RunAsUidAsync(string program, int uid, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("inferscale-sandbox-");
        try
        {
            if (OperatingSystem.IsLinux())
                File.SetUnixFileMode(dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "program.py"), program, cancellationToken).ConfigureAwait(false);
            using var process = new Process { StartInfo = StartInfo(dir.FullName, uid) };
            var started = Stopwatch.GetTimestamp();
            process.Start();
            using var killOnOverflow = new CancellationTokenSource();
            var stdout = new CappedReader(process.StandardOutput.BaseStream, _options.MaxOutputBytes, killOnOverflow);
            var stderr = new CappedReader(process.StandardError.BaseStream, _options.MaxOutputBytes, killOnOverflow);
            var readers = Task.WhenAll(stdout.ReadAsync(), stderr.ReadAsync());
            using var wall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, killOnOverflow.Token);
            wall.CancelAfter(_options.WallTime);
            var timedOut = false;
            try
            {
                await process.WaitForExitAsync(wall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                timedOut = !killOnOverflow.IsCancellationRequested;
            }
            await readers.ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return Classify(process.ExitCode, stdout, stderr, timedOut, elapsed);
        }
        finally
        {
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary directory is harmless; the next run gets a fresh one.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private ProcessStartInfo StartInfo(string dir, int uid)
    {
        var psi = new ProcessStartInfo("prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[
            $"--nproc={_options.MaxProcesses}", $"--as={_options.MemoryBytes}", $"--cpu={_options.CpuSeconds}:{_options.CpuSeconds + 1}",
            $"--fsize={_options.MaxFileBytes}", "--core=0", "--",
            "setpriv", $"--reuid={uid}", $"--regid={uid}", "--clear-groups",
            _options.BwrapPath, "--unshare-all", "--die-with-parent", "--new-session", "--ro-bind", "/", "/"])
        {
            psi.ArgumentList.Add(arg);
        }
        var home = Environment.GetEnvironmentVariable("HOME");
        foreach (var hidden in HiddenRoots.Append(home).OfType<string>().Distinct().Where(Directory.Exists))
        {
            psi.ArgumentList.Add("--tmpfs");
            psi.ArgumentList.Add(hidden);
        }
        foreach (var arg in (string[])[
            "--dev", "/dev", "--proc", "/proc", "--bind", dir, "/tmp/work", "--chdir", "/tmp/work",
            "--clearenv", "--setenv", "HOME", "/tmp/work", "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin",
            "--setenv", "LANG", "C.UTF-8", "--", _options.PythonPath, "-I", "-B", "program.py"])
        {
            psi.ArgumentList.Add(arg);
        }
        return psi;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private CodeExecutionResult Classify(int exitCode, CappedReader stdout, CappedReader stderr, bool timedOut, TimeSpan elapsed)
    {
        var err = stderr.Text;
        CodeExecutionResult Result(CodeVerdict verdict, string detail) => new(verdict, detail, exitCode, stdout.Text, err, elapsed);
        if (stdout.Overflowed || stderr.Overflowed)
            return Result(CodeVerdict.ResourceLimit, $"output limit: more than {_options.MaxOutputBytes} bytes");
        if (timedOut)
            return Result(CodeVerdict.Timeout, $"wall-time limit: {_options.WallTime.TotalSeconds:0.###} s");
        if (exitCode == 0)
            return Result(CodeVerdict.Passed, "");
        if (exitCode == 128 + 24)
            return Result(CodeVerdict.Timeout, $"CPU-time limit: {_options.CpuSeconds} s");
        if (exitCode == 128 + 25)
            return Result(CodeVerdict.ResourceLimit, $"file-size limit: {_options.MaxFileBytes} bytes");
        var last = LastLine(err);
        if (last.StartsWith("MemoryError", StringComparison.Ordinal))
            return Result(CodeVerdict.ResourceLimit, $"memory limit: {_options.MemoryBytes} bytes");
        if (last.Contains("Resource temporarily unavailable", StringComparison.Ordinal) && err.Contains("fork", StringComparison.Ordinal))
            return Result(CodeVerdict.ResourceLimit, $"process limit: {_options.MaxProcesses}");
        if (last.Contains("File too large", StringComparison.Ordinal))
            return Result(CodeVerdict.ResourceLimit, $"file-size limit: {_options.MaxFileBytes} bytes");
        if (last.StartsWith("AssertionError", StringComparison.Ordinal))
            return Result(CodeVerdict.Failed, FailedAssertion(err, last));
        if (exitCode > 128)
            return Result(CodeVerdict.ResourceLimit, $"killed by signal {exitCode - 128}");
        return Result(CodeVerdict.Error, last.Length > 0 ? last : $"exit code {exitCode}");
    }

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "" : lines[^1];
    }

    /// <summary>The source line of the failed <c>assert</c> (Python prints it above <c>AssertionError</c>), with any message.</summary>
    private static string FailedAssertion(string stderr, string last)
    {
        var lines = stderr.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.All(c => c is '^' or '~' or ' ')).ToArray();
        var assertLine = lines.LastOrDefault(l => l.StartsWith("assert ", StringComparison.Ordinal));
        var message = last.Length > "AssertionError".Length ? last : "";
        return (assertLine ?? "assertion failed") + (message.Length > 0 ? " — " + message : "");
    }

    private static string? FindOnPath(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
            return File.Exists(name) ? name : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>Reads a stream to its end, keeping at most <c>cap</c> bytes; past that it signals the run to be killed.</summary>
    private sealed class CappedReader(Stream stream, int cap, CancellationTokenSource onOverflow)
    {
        private readonly MemoryStream _kept = new();

        public bool Overflowed { get; private set; }

        public string Text => Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);

        public async Task ReadAsync()
        {
            var buffer = new byte[16384];
            int n;
            while ((n = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                var room = cap - (int)_kept.Length;
                if (n > room)
                {
                    _kept.Write(buffer, 0, Math.Max(0, room));
                    if (!Overflowed)
                    {
                        Overflowed = true;
                        await onOverflow.CancelAsync().ConfigureAwait(false);
                    }
                    continue; // keep draining so the process is not blocked before it is killed
                }
                _kept.Write(buffer, 0, n);
            }
        }
    }
}
