using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InferScale.Benchmarks;

/// <summary>
/// A minimal OpenAI-compatible completions server on 127.0.0.1 (BCL <see cref="HttpListener"/>, so the benchmark
/// project needs no ASP.NET Core reference): every POST gets the same one-choice completion, so the benchmark measures
/// the client's overhead (serialisation, retry pipeline, load balancing, HTTP) rather than a model.
/// </summary>
internal sealed class BackendsLoopbackServer : IDisposable
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"id":"b","object":"text_completion","choices":[{"index":0,"text":"t0 t1 t2 t3 t4 t5 t6 t7","finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":8,"total_tokens":13}}""");

    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public BackendsLoopbackServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/v1");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseAddress { get; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                await ctx.Request.InputStream.CopyToAsync(Stream.Null).ConfigureAwait(false);
                ctx.Response.ContentType = "application/json";
                ctx.Response.ContentLength64 = Body.Length;
                await ctx.Response.OutputStream.WriteAsync(Body).ConfigureAwait(false);
                ctx.Response.Close();
            });
        }
    }
}
