using System.Text.Json;
using InferScale.Backends.OpenAI.Wire;
using InferScale.Generation;

namespace InferScale.Backends.OpenAI;

/// <summary>Builds the HTTP body of one call. Sampling parameters are always sent explicitly, including disabled ones.</summary>
internal static class OpenAiRequestFactory
{
    /// <summary>The relative path, the UTF-8 JSON body, whether the response is in chat format, and the prompt length in characters.</summary>
    public static (string Path, byte[] Body, bool IsChat, int PromptChars) Build(OpenAiCompatibleOptions options, GenerationRequest request, OpenAiCall call)
    {
        var s = request.Sampling;
        IReadOnlyList<string>? stop = s.Stop.Count == 0
            ? null
            : s.Stop.Count <= options.MaxStopStrings ? s.Stop : s.Stop.Take(options.MaxStopStrings).ToArray();
        if (stop is { Count: 0 })
            stop = null;
        var wantLogprobs = s.Logprobs || s.TopLogprobs > 0;
        int? n = call.Count > 1 ? call.Count : null;
        var model = request.Model ?? options.Model;
        var hasPrefix = request.Prefix.Length > 0;

        if (options.Mode == OpenAiApiMode.Chat && (!hasPrefix || options.SupportsContinueFinalMessage))
        {
            var messages = new List<WireChatMessage>(3);
            if (options.SystemPrompt is { } system)
                messages.Add(new WireChatMessage { Role = "system", Content = system });
            messages.Add(new WireChatMessage { Role = "user", Content = request.Prompt });
            if (hasPrefix)
                messages.Add(new WireChatMessage { Role = "assistant", Content = request.Prefix });
            var chat = new ChatRequestBody
            {
                Model = model,
                Messages = messages,
                N = n,
                MaxTokens = s.MaxTokens,
                Temperature = s.Temperature,
                TopP = s.TopP,
                TopK = s.TopK,
                MinP = s.MinP,
                Seed = call.Seed,
                Stop = stop,
                Logprobs = wantLogprobs ? true : null,
                TopLogprobs = wantLogprobs ? s.TopLogprobs : null,
                ContinueFinalMessage = hasPrefix ? true : null,
                AddGenerationPrompt = hasPrefix ? false : null,
            };
            return ("chat/completions", JsonSerializer.SerializeToUtf8Bytes(chat, OpenAiJsonContext.Default.ChatRequestBody), true,
                request.Prompt.Length + request.Prefix.Length);
        }

        var prompt = (options.Mode == OpenAiApiMode.Chat
            ? options.ChatTemplate.Replace("{prompt}", request.Prompt, StringComparison.Ordinal)
            : request.Prompt) + request.Prefix;
        var completion = new CompletionRequestBody
        {
            Model = model,
            Prompt = prompt,
            N = n,
            MaxTokens = s.MaxTokens,
            Temperature = s.Temperature,
            TopP = s.TopP,
            TopK = s.TopK,
            MinP = s.MinP,
            Seed = call.Seed,
            Stop = stop,
            Logprobs = wantLogprobs ? s.TopLogprobs : null,
        };
        return ("completions", JsonSerializer.SerializeToUtf8Bytes(completion, OpenAiJsonContext.Default.CompletionRequestBody), false, prompt.Length);
    }
}
