using System.Threading.Channels;
using InferScale.Gateway.Runs;
using InferScale.Gateway.Wire;
using Microsoft.AspNetCore.Http;

namespace InferScale.Gateway.Http;

/// <summary>
/// Answers one request with server-sent events: progress chunks (empty content, an <c>inferscale_progress</c> field)
/// while the run goes on, then the answer in content chunks of at most <see cref="GatewayOptions.StreamChunkChars"/>
/// characters, a chunk with the finish reason (and the trace summary), a usage chunk with <c>choices: []</c> when
/// <c>stream_options.include_usage</c> is set, and <c>data: [DONE]</c>. The stream starts with the run's first model
/// call (or after one progress interval), so a request the run refuses at once still gets a plain JSON error; an error
/// after that is sent as a <c>data: {"error":…}</c> event.
/// </summary>
internal sealed class StreamResponder(
    HttpContext context, EndpointKind kind, ParsedRequest request, ResponseBuilder builder, GatewayOptions options, bool truncate)
{
    private readonly SseWriter _sse = new(context.Response, context.RequestAborted);
    private readonly TimeProvider _time = options.TimeProvider;
    private long _started;
    private RunProgress _last;

    public async Task RunAsync(RunPlan plan)
    {
        var channel = Channel.CreateUnbounded<RunProgress>(new UnboundedChannelOptions { SingleReader = true });
        _started = _time.GetTimestamp();
        var token = context.RequestAborted;
        var run = Task.Run(() => RunExecutor.RunAsync(plan, builder.Id, p => channel.Writer.TryWrite(p), _time, token), token);
        try
        {
            while (!run.IsCompleted)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(token);
                var wait = channel.Reader.WaitToReadAsync(tick.Token).AsTask();
                var delay = Task.Delay(options.ProgressInterval, _time, tick.Token);
                var first = await Task.WhenAny(run, wait, delay).ConfigureAwait(false);
                await tick.CancelAsync().ConfigureAwait(false);
                if (first == run)
                    break;
                await EnsureStartedAsync().ConfigureAwait(false);
                var any = await DrainAsync(channel.Reader).ConfigureAwait(false);
                if (!any && first == delay)
                    await ProgressAsync(_last with { Event = "heartbeat" }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            await ObserveAsync(run).ConfigureAwait(false);
            return;
        }

        RunOutcome outcome;
        try
        {
            outcome = await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = e as ApiError ?? ApiError.Internal($"The run failed: {e.GetType().Name}: {e.Message}");
            if (_sse.Started)
                await _sse.WriteAsync(ApiResponses.ToBody(error), GatewayJson.Context.ErrorResponse).ConfigureAwait(false);
            else
                await ApiResponses.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }
        await EnsureStartedAsync().ConfigureAwait(false);
        await DrainAsync(channel.Reader).ConfigureAwait(false);
        await WriteAnswerAsync(outcome).ConfigureAwait(false);
    }

    private async Task WriteAnswerAsync(RunOutcome outcome)
    {
        var events = new List<Func<Task>>();
        var chat = kind == EndpointKind.Chat;
        foreach (var choice in outcome.Choices)
        {
            foreach (var piece in TextChunker.Split(choice.Text, options.StreamChunkChars))
            {
                events.Add(chat
                    ? () => _sse.WriteAsync(builder.ChatContent(choice.Index, piece), GatewayJson.Context.ChatChunk)
                    : () => _sse.WriteAsync(builder.CompletionContent(choice.Index, piece), GatewayJson.Context.CompletionChunk));
            }
        }
        for (var i = 0; i < outcome.Choices.Count; i++)
        {
            var choice = outcome.Choices[i];
            var summary = i == outcome.Choices.Count - 1 ? outcome.Summary : null;
            events.Add(chat
                ? () => _sse.WriteAsync(builder.ChatFinish(choice, summary), GatewayJson.Context.ChatChunk)
                : () => _sse.WriteAsync(builder.CompletionFinish(choice, summary), GatewayJson.Context.CompletionChunk));
        }
        if (request.IncludeUsage)
        {
            events.Add(chat
                ? () => _sse.WriteAsync(builder.ChatUsage(outcome.Usage), GatewayJson.Context.ChatChunk)
                : () => _sse.WriteAsync(builder.CompletionUsage(outcome.Usage), GatewayJson.Context.CompletionChunk));
        }
        events.Add(_sse.WriteDoneAsync);
        var count = truncate ? events.Count / 2 : events.Count;
        try
        {
            for (var i = 0; i < count; i++)
                await events[i]().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        if (truncate)
            context.Abort();
    }

    private async Task EnsureStartedAsync()
    {
        if (_sse.Started)
            return;
        await _sse.StartAsync().ConfigureAwait(false);
        if (kind == EndpointKind.Chat)
            await _sse.WriteAsync(builder.ChatRole(request.Choices), GatewayJson.Context.ChatChunk).ConfigureAwait(false);
        await ProgressAsync(new RunProgress("started", 0, 0, 0)).ConfigureAwait(false);
    }

    private async Task<bool> DrainAsync(ChannelReader<RunProgress> reader)
    {
        var any = false;
        while (reader.TryRead(out var progress))
        {
            any = true;
            _last = progress;
            await ProgressAsync(progress).ConfigureAwait(false);
        }
        return any;
    }

    private Task ProgressAsync(RunProgress p)
    {
        var body = new ProgressBody
        {
            Event = p.Event ?? "heartbeat",
            ElapsedMs = (long)_time.GetElapsedTime(_started).TotalMilliseconds,
            Calls = p.Calls,
            Samples = p.Samples,
            CompletionTokens = p.CompletionTokens,
        };
        return kind == EndpointKind.Chat
            ? _sse.WriteAsync(builder.ChatProgress(body), GatewayJson.Context.ChatChunk)
            : _sse.WriteAsync(builder.CompletionProgress(body), GatewayJson.Context.CompletionChunk);
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The client left; the run's own outcome no longer matters.
        }
    }
}
