using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace InferScale.Gateway.Http;

/// <summary>Writes server-sent events (<c>data: JSON</c>, blank line) and flushes each one.</summary>
internal sealed class SseWriter(HttpResponse response, CancellationToken cancellationToken)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    public bool Started { get; private set; }

    public async Task StartAsync()
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        Started = true;
    }

    public async Task WriteAsync<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        await WriteRawAsync(json).ConfigureAwait(false);
    }

    public Task WriteDoneAsync() => WriteRawAsync("[DONE]"u8.ToArray());

    private async Task WriteRawAsync(byte[] data)
    {
        await response.Body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
