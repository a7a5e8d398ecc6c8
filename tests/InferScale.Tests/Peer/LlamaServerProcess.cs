using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using InferScale.Tests.Support;

namespace InferScale.Tests.Peer;

/// <summary>
/// One llama.cpp <c>llama-server</c> (the cached build, <see cref="LlamaCpp.Server"/>) on 127.0.0.1 at a free port,
/// CPU only (<c>--n-gpu-layers 0</c>, no web UI, offline), serving one GGUF as model <see cref="ModelAlias"/>; started by <see cref="StartAsync"/> (ready when
/// <c>/health</c> answers 200) and stopped on dispose (SIGTERM, then kill after 5 s).
/// </summary>
internal sealed class LlamaServerProcess : IAsyncDisposable
{
    /// <summary>The model name the server answers to (<c>--alias</c>).</summary>
    public const string ModelAlias = "arith";

    private readonly Process _process;
    private readonly StringBuilder _log;

    private LlamaServerProcess(Process process, StringBuilder log, int port, string modelPath, int slots)
    {
        _process = process;
        _log = log;
        Port = port;
        ModelPath = modelPath;
        Slots = slots;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The GGUF file it serves.</summary>
    public string ModelPath { get; }

    /// <summary>Parallel slots (<c>-np</c>): the largest <c>n</c> it accepts.</summary>
    public int Slots { get; }

    /// <summary>The OpenAI base address, <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/v1");

    /// <summary>The server's output so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    /// <summary>
    /// Starts the server on <paramref name="modelPath"/> with <paramref name="slots"/> slots of
    /// <paramref name="slotContext"/> positions each and <paramref name="threads"/> threads, and waits until it is
    /// healthy (at most 60 s).
    /// </summary>
    /// <remarks>
    /// One thread by default: ggml's threads spin at a barrier after every op, so on a shared, busy machine a descheduled
    /// second thread stalls every op of a small model. Measured here (2 cores, load average ≈ 20), 16 samples of arith-0.3m
    /// (2,272 tokens) took 38–56 s with <c>--threads 2</c> and 0.7–2.3 s with <c>--threads 1</c>.
    /// </remarks>
    public static async Task<LlamaServerProcess> StartAsync(string modelPath, int slots = 4, int slotContext = 256, int threads = 1, CancellationToken cancellationToken = default)
    {
        var server = LlamaCpp.Server;
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(server)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         "--model", modelPath, "--alias", ModelAlias, "--host", "127.0.0.1", "--port", Invariant(port),
                         "--parallel", Invariant(slots),
                         "--ctx-size", Invariant(slots * slotContext),
                         "--threads", Invariant(threads), "--threads-batch", Invariant(threads), "--n-gpu-layers", "0", "--no-webui", "--no-warmup", "--offline",
                     })
            {
                start.ArgumentList.Add(arg);
            }
            var log = new StringBuilder();
            var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(log, e.Data);
            process.ErrorDataReceived += (_, e) => Append(log, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var instance = new LlamaServerProcess(process, log, port, modelPath, slots);
            try
            {
                await instance.WaitHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken);
                return instance;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = e;
                await instance.DisposeAsync();
            }
        }
        throw new InvalidOperationException($"llama-server did not start on {modelPath} (3 attempts).", last);
    }

    /// <summary>Stops the server: SIGTERM, then kill if it has not exited within 5 s.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                SendSigTerm(_process.Id);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"llama-server exited with code {_process.ExitCode} before it was healthy:\n{Tail(Log)}");
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/health"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // slow answer while loading
            }
            await Task.Delay(50, cancellationToken);
        }
        throw new TimeoutException($"llama-server was not healthy after {limit.TotalSeconds:0} s:\n{Tail(Log)}");
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
            return;
        lock (log)
        {
            if (log.Length < 1_000_000)
                log.AppendLine(line);
        }
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Tail(string log) => log.Length <= 4000 ? log : log[^4000..];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Sends SIGTERM through <c>kill(1)</c> (.NET's <see cref="Process.Kill()"/> sends SIGKILL).</summary>
    private static void SendSigTerm(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit(5000);
    }
}
