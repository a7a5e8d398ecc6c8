using System.Text.Json;
using InferScale.Backends.OpenAI.Wire;
using InferScale.Generation;

namespace InferScale.Backends.OpenAI;

/// <summary>Parses completions and chat responses; unreadable bodies throw a transient <see cref="BackendCallException"/>.</summary>
internal static class OpenAiResponseParser
{
    public static ParsedResponse Parse(byte[] body, bool isChat)
    {
        try
        {
            return isChat ? ParseChat(body) : ParseCompletion(body);
        }
        catch (JsonException e)
        {
            throw new BackendCallException($"Invalid or truncated JSON response ({body.Length} bytes): {e.Message}", null, isTransient: true, innerException: e);
        }
    }

    private static ParsedResponse ParseCompletion(byte[] body)
    {
        var response = JsonSerializer.Deserialize(body, OpenAiJsonContext.Default.CompletionResponseBody);
        if (response?.Choices is not { Count: > 0 } choices)
            throw NoChoices(body);
        var parsed = choices
            .Select(c => new ParsedChoice(c.Index, c.Text ?? "", c.FinishReason, MapLogprobs(c.Logprobs)))
            .ToArray();
        return new ParsedResponse(parsed, response.Usage);
    }

    private static ParsedResponse ParseChat(byte[] body)
    {
        var response = JsonSerializer.Deserialize(body, OpenAiJsonContext.Default.ChatResponseBody);
        if (response?.Choices is not { Count: > 0 } choices)
            throw NoChoices(body);
        var parsed = choices
            .Select(c => new ParsedChoice(c.Index, c.Message?.Content ?? "", c.FinishReason, MapLogprobs(c.Logprobs)))
            .ToArray();
        return new ParsedResponse(parsed, response.Usage);
    }

    private static BackendCallException NoChoices(byte[] body) =>
        new($"Response has no choices: {System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200))}", null, isTransient: true);

    private static TokenLogprob[]? MapLogprobs(CompletionLogprobs? logprobs)
    {
        if (logprobs is { Tokens: null, Content: { } content })
            return MapLogprobs(new ChatLogprobs { Content = content }); // llama-server: chat-format entries in a completions response
        if (logprobs?.Tokens is not { } tokens)
            return null;
        var result = new TokenLogprob[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var lp = logprobs.TokenLogprobs is { } lps && i < lps.Count && lps[i] is { } v ? v : float.NaN;
            var top = logprobs.TopLogprobs is { } tops && i < tops.Count && tops[i] is { } dict
                ? dict.Select(kv => new TopLogprob(kv.Key, kv.Value)).OrderByDescending(t => t.Logprob).ToArray()
                : [];
            result[i] = new TokenLogprob(tokens[i], lp, top);
        }
        return result;
    }

    private static TokenLogprob[]? MapLogprobs(ChatLogprobs? logprobs) =>
        logprobs?.Content?
            .Select(t => new TokenLogprob(
                t.Token,
                t.Logprob,
                t.TopLogprobs?.Select(a => new TopLogprob(a.Token, a.Logprob)).ToArray() ?? []))
            .ToArray();
}
