using System.Text.Json;
using InferScale.Backends.OpenAI.Wire;
using InferScale.Generation;

namespace InferScale.Backends.OpenAI;

/// <summary>
/// Builds the HTTP body of one call. Sampling parameters are always sent explicitly, including disabled ones, in the
/// form the server kind understands (see <see cref="OpenAiServerKind"/>).
/// </summary>
internal static class OpenAiRequestFactory
{
    /// <summary>llama-server's sampler chain in the engine's order (temperature, then the truncations); nothing else runs.</summary>
    internal static readonly IReadOnlyList<string> LlamaCppSamplers = ["temperature", "top_k", "top_p", "min_p"];

    /// <summary>Throws when the server kind cannot sample the distribution <paramref name="sampling"/> asks for.</summary>
    public static void Check(OpenAiServerKind kind, SamplingOptions sampling)
    {
        if (kind == OpenAiServerKind.OpenAI && (sampling.TopK > 0 || sampling.MinP > 0))
            throw new ArgumentException(
                $"The OpenAI API has no top_k or min_p (requested TopK = {sampling.TopK}, MinP = {sampling.MinP}), so it would sample another distribution. Use TopK = 0 and MinP = 0, or ServerKind Generic for a server that accepts them.",
                nameof(sampling));
    }

    /// <summary>The relative path, the UTF-8 JSON body, whether the response is in chat format, and the prompt length in characters.</summary>
    public static (string Path, byte[] Body, bool IsChat, int PromptChars) Build(
        OpenAiCompatibleOptions options, OpenAiServerProfile profile, GenerationRequest request, OpenAiCall call)
    {
        var s = request.Sampling;
        var kind = profile.Kind;
        IReadOnlyList<string>? stop = s.Stop.Count == 0
            ? null
            : s.Stop.Count <= profile.MaxStopStrings ? s.Stop : s.Stop.Take(profile.MaxStopStrings).ToArray();
        if (stop is { Count: 0 })
            stop = null;
        var topLogprobs = LogprobsToRequest(kind, s, call);
        int? n = call.Count > 1 ? call.Count : null;
        var model = request.Model ?? options.Model;
        var hasPrefix = request.Prefix.Length > 0;
        var llama = kind == OpenAiServerKind.LlamaCpp;
        int? topK = kind switch
        {
            OpenAiServerKind.OpenAI => null,
            OpenAiServerKind.Vllm when s.TopK == 0 => -1,
            _ => s.TopK,
        };
        double? minP = kind == OpenAiServerKind.OpenAI ? null : s.MinP;

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
                TopK = topK,
                MinP = minP,
                Seed = call.Seed,
                Stop = stop,
                Logprobs = topLogprobs is null ? null : true,
                TopLogprobs = topLogprobs,
                ContinueFinalMessage = hasPrefix ? true : null,
                AddGenerationPrompt = hasPrefix ? false : null,
                Samplers = llama ? LlamaCppSamplers : null,
                Mirostat = llama ? 0 : null,
                DynatempRange = llama ? 0 : null,
                IgnoreEos = llama ? false : null,
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
            TopK = topK,
            MinP = minP,
            Seed = call.Seed,
            Stop = stop,
            Logprobs = topLogprobs,
            Samplers = llama ? LlamaCppSamplers : null,
            Mirostat = llama ? 0 : null,
            DynatempRange = llama ? 0 : null,
            IgnoreEos = llama ? false : null,
        };
        return ("completions", JsonSerializer.SerializeToUtf8Bytes(completion, OpenAiJsonContext.Default.CompletionRequestBody), false, prompt.Length);
    }

    /// <summary>
    /// The number of alternatives to ask for, or null for no logprobs. llama-server returns nothing for 0 and is asked for
    /// at least 1; a llama-server call with several samples always asks for 1, because its choices are counted by their
    /// logprob entries.
    /// </summary>
    internal static int? LogprobsToRequest(OpenAiServerKind kind, SamplingOptions s, OpenAiCall call)
    {
        var wanted = s.Logprobs || s.TopLogprobs > 0;
        if (kind != OpenAiServerKind.LlamaCpp)
            return wanted ? s.TopLogprobs : null;
        return wanted || call.Count > 1 ? Math.Max(1, s.TopLogprobs) : null;
    }
}
