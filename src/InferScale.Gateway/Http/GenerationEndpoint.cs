using System.Globalization;
using System.Text.Json;
using InferScale.Gateway.Runs;
using InferScale.Gateway.Wire;
using Microsoft.AspNetCore.Http;

namespace InferScale.Gateway.Http;

/// <summary>
/// <c>POST /v1/chat/completions</c> and <c>POST /v1/completions</c>: injected fault (when enabled) → parse (413/400) →
/// plan (404/400) → a run slot (429 with <c>Retry-After</c>) → run → the answer as JSON or as server-sent events.
/// </summary>
internal sealed class GenerationEndpoint(
    RunPlanner planner, RunLimiter limiter, FaultInjector? faults, GatewayOptions options, CancellationToken stopping)
{
    private readonly long _epoch = options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
    private long _requests;

    public async Task HandleAsync(HttpContext context, EndpointKind kind)
    {
        var fault = faults?.Next();
        if (fault is { } injected && injected != GatewayFaultKind.TruncatedJson)
        {
            await InjectAsync(context, injected).ConfigureAwait(false);
            return;
        }
        RunPlan plan;
        ParsedRequest request;
        try
        {
            request = await RequestParser.ReadAsync(context, kind, options).ConfigureAwait(false);
            plan = planner.Plan(request);
        }
        catch (ApiError e)
        {
            await ApiResponses.WriteErrorAsync(context, e).ConfigureAwait(false);
            return;
        }
        if (!limiter.TryEnter())
        {
            await ApiResponses.WriteErrorAsync(context, ApiError.TooManyRequests(
                $"Too many strategy runs in progress: this gateway runs at most {limiter.Max} at once (--max-concurrent); retry after {options.RetryAfterSeconds} s.",
                options.RetryAfterSeconds, "concurrency_limit_exceeded")).ConfigureAwait(false);
            return;
        }
        try
        {
            var number = Interlocked.Increment(ref _requests);
            var id = (kind == EndpointKind.Chat ? "chatcmpl-" : "cmpl-") + _epoch.ToString("x", CultureInfo.InvariantCulture) + "-" + number.ToString(CultureInfo.InvariantCulture);
            var builder = new ResponseBuilder(id, options.TimeProvider.GetUtcNow().ToUnixTimeSeconds(), plan.ResponseModel, plan.Prompt.Length);
            var truncate = fault == GatewayFaultKind.TruncatedJson;
            if (request.Stream)
                await new StreamResponder(context, kind, request, builder, options, truncate).RunAsync(plan).ConfigureAwait(false);
            else
                await RespondAsync(context, kind, plan, builder, truncate).ConfigureAwait(false);
        }
        finally
        {
            limiter.Exit();
        }
    }

    private async Task RespondAsync(HttpContext context, EndpointKind kind, RunPlan plan, ResponseBuilder builder, bool truncate)
    {
        RunOutcome outcome;
        try
        {
            outcome = await RunExecutor.RunAsync(plan, builder.Id, _ => { }, options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await ApiResponses.WriteErrorAsync(context, e as ApiError ?? ApiError.Internal($"The run failed: {e.GetType().Name}: {e.Message}")).ConfigureAwait(false);
            return;
        }
        var bytes = kind == EndpointKind.Chat
            ? JsonSerializer.SerializeToUtf8Bytes(builder.Chat(outcome), GatewayJson.Context.ChatCompletionResponse)
            : JsonSerializer.SerializeToUtf8Bytes(builder.Completion(outcome), GatewayJson.Context.CompletionResponse);
        var length = truncate ? bytes.Length / 2 : bytes.Length;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, length), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task InjectAsync(HttpContext context, GatewayFaultKind fault)
    {
        var f = faults!.Options;
        switch (fault)
        {
            case GatewayFaultKind.RateLimit:
                await ApiResponses.WriteErrorAsync(context, ApiError.TooManyRequests("Injected fault: rate limited (--fault-rate).", f.RetryAfterSeconds, "injected_fault"))
                    .ConfigureAwait(false);
                return;
            case GatewayFaultKind.ServerError:
                await ApiResponses.WriteErrorAsync(context, ApiError.Internal("Injected fault: internal error (--fault-rate).", "injected_fault")).ConfigureAwait(false);
                return;
            default:
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
                {
                    try
                    {
                        await Task.Delay(f.HangTime, options.TimeProvider, linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        if (context.RequestAborted.IsCancellationRequested)
                            return;
                    }
                }
                await ApiResponses.WriteErrorAsync(context, ApiError.GatewayTimeout("Injected fault: the request hung (--fault-rate).")).ConfigureAwait(false);
                return;
        }
    }
}
