using System.Globalization;
using System.Text;
using System.Text.Json;
using InferScale.Generation;
using Microsoft.AspNetCore.Http;

namespace InferScale.Gateway.Http;

/// <summary>
/// Reads an OpenAI generation request body: bounded in size (413), valid JSON (400), each field of the right type and
/// range (400 naming the field). Fields the gateway cannot honour in a meaningful way (<c>tools</c>, non-text prompts)
/// are refused; harmless ones (<c>user</c>, <c>frequency_penalty</c> 0…) are ignored.
/// </summary>
internal static class RequestParser
{
    public static async Task<ParsedRequest> ReadAsync(HttpContext context, EndpointKind kind, GatewayOptions options)
    {
        var limit = options.MaxRequestBodyBytes;
        if (context.Request.ContentLength is long declared && declared > limit)
            throw TooLarge(declared, limit);
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                    throw TooLarge(null, limit);
                buffer.Write(chunk, 0, read);
            }
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(null, limit);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw ApiError.BadRequest($"The request body is not valid JSON: {e.Message}", code: "invalid_json");
        }
        using (document)
            return Parse(document.RootElement, kind, options);
    }

    internal static ParsedRequest Parse(JsonElement root, EndpointKind kind, GatewayOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw ApiError.BadRequest("The request body must be a JSON object.", code: "invalid_json");
        var model = String(root, "model") ?? throw ApiError.BadRequest("'model' is required, e.g. \"majority@8/arith-0.3m\" or a plain model name.", "model");
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0)
            throw ApiError.BadRequest("'tools' are not supported by the InferScale gateway.", "tools");
        var input = kind == EndpointKind.Chat ? LastUserMessage(root) : Prompt(root);

        var maxTokens = Int(root, "max_completion_tokens") ?? Int(root, "max_tokens") ?? options.DefaultMaxTokens;
        if (maxTokens < 1 || maxTokens > options.MaxTokensLimit)
            throw ApiError.BadRequest($"'max_tokens' must be in [1, {options.MaxTokensLimit}] (this gateway's limit, --max-tokens-limit); got {maxTokens}.", "max_tokens", "max_tokens_limit_exceeded");
        var seed = Long(root, "seed");
        if (seed < 0)
            throw ApiError.BadRequest($"'seed' must be >= 0; got {seed}.", "seed");
        var (logprobs, topLogprobs) = kind == EndpointKind.Chat ? ChatLogprobs(root) : CompletionLogprobs(root);
        var sampling = new SamplingOptions
        {
            Temperature = Number(root, "temperature") ?? 1.0,
            TopP = Number(root, "top_p") ?? 1.0,
            TopK = Int(root, "top_k") ?? 0,
            MinP = Number(root, "min_p") ?? 0,
            MaxTokens = maxTokens,
            Seed = seed is long s ? (ulong)s : options.DefaultSeed,
            Stop = Stop(root),
            Logprobs = logprobs,
            TopLogprobs = topLogprobs,
        };
        try
        {
            sampling.Validate();
        }
        catch (ArgumentException e)
        {
            var field = e.ParamName switch
            {
                nameof(SamplingOptions.Temperature) => "temperature",
                nameof(SamplingOptions.TopP) => "top_p",
                nameof(SamplingOptions.TopK) => "top_k",
                nameof(SamplingOptions.MinP) => "min_p",
                nameof(SamplingOptions.TopLogprobs) => kind == EndpointKind.Chat ? "top_logprobs" : "logprobs",
                nameof(SamplingOptions.Stop) => "stop",
                _ => null,
            };
            throw ApiError.BadRequest($"'{field ?? e.ParamName}': {e.Message.Split(" (Parameter", 2)[0]}", field);
        }
        var n = Int(root, "n") ?? 1;
        if (n < 1 || n > options.MaxChoices)
            throw ApiError.BadRequest($"'n' must be in [1, {options.MaxChoices}] (this gateway's limit, --max-n); got {n}.", "n");
        var stream = Bool(root, "stream") ?? false;
        var includeUsage = false;
        if (root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object)
            includeUsage = Bool(so, "include_usage", "stream_options.include_usage") ?? false;
        return new ParsedRequest(kind, model, input, sampling)
        {
            Choices = n,
            Stream = stream,
            IncludeUsage = includeUsage,
            Logprobs = logprobs,
            Strategy = StrategyObject(root),
        };
    }

    private static ApiError TooLarge(long? declared, long limit) => ApiError.TooLarge(
        $"The request body{(declared is long d ? $" ({d} bytes)" : "")} exceeds this gateway's limit of {limit} bytes (--max-body-bytes).");

    private static string LastUserMessage(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
            throw ApiError.BadRequest("'messages' must be a non-empty array of {\"role\",\"content\"} objects.", "messages");
        string? last = null;
        var i = 0;
        foreach (var m in messages.EnumerateArray())
        {
            var field = $"messages[{i++}]";
            if (m.ValueKind != JsonValueKind.Object)
                throw ApiError.BadRequest($"'{field}' must be an object with role and content.", field);
            var role = String(m, "role", field + ".role") ?? throw ApiError.BadRequest($"'{field}.role' is required.", field + ".role");
            if (role == "user")
                last = Content(m, field + ".content");
        }
        return last ?? throw ApiError.BadRequest("'messages' must contain a message with role \"user\" (its content is the problem).", "messages");
    }

    private static string Content(JsonElement message, string field)
    {
        if (!message.TryGetProperty("content", out var content))
            throw ApiError.BadRequest($"'{field}' is required.", field);
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object || String(part, "type", field) != "text")
                        throw ApiError.BadRequest($"'{field}': only text content parts ({{\"type\":\"text\",\"text\":…}}) are supported.", field);
                    text.Append(String(part, "text", field + ".text") ?? "");
                }
                return text.ToString();
            default:
                throw ApiError.BadRequest($"'{field}' must be a string or an array of text parts.", field);
        }
    }

    private static string Prompt(JsonElement root)
    {
        if (!root.TryGetProperty("prompt", out var prompt))
            throw ApiError.BadRequest("'prompt' is required.", "prompt");
        if (prompt.ValueKind == JsonValueKind.String)
            return prompt.GetString()!;
        if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() == 1 && prompt[0].ValueKind == JsonValueKind.String)
            return prompt[0].GetString()!;
        throw ApiError.BadRequest("'prompt' must be a string (or an array of exactly one string; token arrays and batches are not supported).", "prompt");
    }

    private static (bool Logprobs, int Top) ChatLogprobs(JsonElement root)
    {
        var logprobs = Bool(root, "logprobs") ?? false;
        var top = Int(root, "top_logprobs") ?? 0;
        if (top > 0 && !logprobs)
            throw ApiError.BadRequest("'top_logprobs' needs 'logprobs': true.", "top_logprobs");
        return (logprobs, top);
    }

    private static (bool Logprobs, int Top) CompletionLogprobs(JsonElement root)
    {
        var value = Int(root, "logprobs");
        if (value is null)
            return (false, 0);
        if (value < 0 || value > 5)
            throw ApiError.BadRequest($"'logprobs' must be in [0, 5]; got {value}.", "logprobs");
        return (true, value.Value);
    }

    private static IReadOnlyList<string> Stop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
            return [];
        if (stop.ValueKind == JsonValueKind.String)
            return [stop.GetString()!];
        if (stop.ValueKind != JsonValueKind.Array || stop.GetArrayLength() > 16)
            throw ApiError.BadRequest("'stop' must be a string or an array of at most 16 strings.", "stop");
        var list = new List<string>();
        foreach (var s in stop.EnumerateArray())
        {
            if (s.ValueKind != JsonValueKind.String)
                throw ApiError.BadRequest("'stop' must be a string or an array of strings.", "stop");
            list.Add(s.GetString()!);
        }
        return list;
    }

    private static StrategyRequest? StrategyObject(JsonElement root)
    {
        if (!root.TryGetProperty("inferscale", out var o) || o.ValueKind == JsonValueKind.Null)
            return null;
        if (o.ValueKind != JsonValueKind.Object)
            throw ApiError.BadRequest("'inferscale' must be an object {\"strategy\",\"budget\",\"budget_kind\",\"params\"}.", "inferscale");
        var strategy = String(o, "strategy", "inferscale.strategy");
        string? budget = null;
        if (o.TryGetProperty("budget", out var b) && b.ValueKind != JsonValueKind.Null)
        {
            budget = b.ValueKind switch
            {
                JsonValueKind.Number => b.GetRawText(),
                JsonValueKind.String => b.GetString(),
                _ => throw ApiError.BadRequest("'inferscale.budget' must be a number or a string such as \"16\", \"2048tok\" or \"1e9flops\".", "inferscale.budget"),
            };
        }
        var kind = String(o, "budget_kind", "inferscale.budget_kind");
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (o.TryGetProperty("params", out var p) && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind != JsonValueKind.Object)
                throw ApiError.BadRequest("'inferscale.params' must be an object of option names to values.", "inferscale.params");
            foreach (var prop in p.EnumerateObject())
            {
                parameters[prop.Name] = prop.Value.ValueKind switch
                {
                    JsonValueKind.String => prop.Value.GetString()!,
                    JsonValueKind.Number => prop.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => throw ApiError.BadRequest($"'inferscale.params.{prop.Name}' must be a string, number or boolean.", $"inferscale.params.{prop.Name}"),
                };
            }
        }
        return new StrategyRequest(strategy, budget, kind, parameters);
    }

    private static string? String(JsonElement o, string name, string? field = null)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw ApiError.BadRequest($"'{field ?? name}' must be a string.", field ?? name);
    }

    private static double? Number(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : throw ApiError.BadRequest($"'{name}' must be a number.", name);
    }

    private static int? Int(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw ApiError.BadRequest($"'{name}' must be an integer.", name);
    }

    private static long? Long(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i) ? i : throw ApiError.BadRequest($"'{name}' must be an integer.", name);
    }

    private static bool? Bool(JsonElement o, string name, string? field = null)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiError.BadRequest($"'{field ?? name}' must be true or false.", field ?? name),
        };
    }

    internal static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
