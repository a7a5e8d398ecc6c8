using InferScale.Generation;

namespace InferScale.Backends.OpenAI;

/// <summary>
/// Turns a parsed response into samples and usage: matches choices to sample indices, applies client-side stop strings,
/// maps finish reasons and counts tokens per choice.
/// </summary>
/// <remarks>
/// Token rule: a choice's completion tokens are its number of logprob entries when logprobs were returned (the count
/// before client-side truncation: those tokens were generated); otherwise, with <c>TrustServerUsage</c>, the server's
/// <c>completion_tokens</c> minus the known per-choice counts, split evenly over the remaining choices; otherwise
/// <c>ceil(characters / 4)</c>. llama-server (<see cref="OpenAiServerKind.LlamaCpp"/>) differs: its usage counts the
/// tokens of a matched stop string while its logprob entries leave them out, and with <c>n</c> &gt; 1 its usage is choice 0's
/// alone; so there the server's <c>completion_tokens</c> is the count of a single-choice call and of choice 0, and the
/// other choices of a call (sent only without stop strings) are counted by their logprob entries. The call's completion
/// tokens are the sum over choices. Prompt tokens are the server's
/// <c>prompt_tokens</c> (estimated as <c>ceil(characters / 4)</c> when absent) counted once per call, of which
/// <c>prompt_tokens_details.cached_tokens</c> go to <see cref="Usage.CachedPromptTokens"/>.
/// </remarks>
internal static class OpenAiSampleMapper
{
    public static (List<Sample> Samples, Usage Usage) Map(
        ParsedResponse response, OpenAiCall call, GenerationRequest request, int promptChars, OpenAiCompatibleOptions options,
        OpenAiServerProfile profile, OpenAiGeneratorStatistics statistics)
    {
        var n = call.Count;
        var choices = OrderChoices(response.Choices, n);
        var usage = response.Usage;
        var promptTokens = usage?.PromptTokens ?? Estimate(promptChars);
        var cached = Math.Clamp(usage?.PromptTokensDetails?.CachedTokens ?? 0, 0, promptTokens);

        var counts = new long[n];
        var known = new bool[n];
        long knownSum = 0;
        var unknown = 0;
        for (var j = 0; j < n; j++)
        {
            if (choices[j] is { Logprobs: { } lps })
            {
                counts[j] = lps.Count;
                known[j] = true;
                knownSum += lps.Count;
            }
            else if (choices[j] is not null)
            {
                unknown++;
            }
        }
        if (profile.Kind == OpenAiServerKind.LlamaCpp && usage?.CompletionTokens is { } first && choices[0] is not null)
        {
            // The server's count is choice 0's (results are ordered by index); a single choice's count includes its stop string.
            if (known[0])
                knownSum -= counts[0];
            else
                unknown--;
            counts[0] = first;
            known[0] = true;
            knownSum += first;
        }
        if (unknown > 0)
        {
            if (options.TrustServerUsage && usage?.CompletionTokens is { } serverTotal)
            {
                var rest = Math.Max(0, serverTotal - knownSum);
                var share = rest / unknown;
                var remainder = rest % unknown;
                for (var j = 0; j < n; j++)
                {
                    if (choices[j] is not null && !known[j])
                        counts[j] = share + (remainder-- > 0 ? 1 : 0);
                }
            }
            else
            {
                for (var j = 0; j < n; j++)
                {
                    if (choices[j] is { } c && !known[j])
                        counts[j] = Estimate(c.Text.Length);
                }
            }
        }

        var extraStops = request.Sampling.Stop.Count > profile.MaxStopStrings
            ? request.Sampling.Stop.Skip(profile.MaxStopStrings).ToArray()
            : [];
        var sampling = request.Sampling;
        var keepLogprobs = sampling.Logprobs || sampling.TopLogprobs > 0;
        var samples = new List<Sample>(n);
        long completion = 0;
        for (var j = 0; j < n; j++)
        {
            var index = call.FirstIndex + j;
            if (choices[j] is not { } choice)
            {
                samples.Add(new Sample("")
                {
                    Index = index,
                    FinishReason = FinishReason.Error,
                    Error = $"The server returned {response.Choices.Count} choice(s) for n = {n}; choice {j} is missing.",
                });
                continue;
            }
            completion += counts[j];
            var (finish, error) = MapFinishReason(choice.FinishReason);
            var text = choice.Text;
            var logprobs = keepLogprobs ? TrimAlternatives(choice.Logprobs, sampling.TopLogprobs) : null;
            var cut = extraStops.Length > 0 ? StopStrings.EarliestMatch(text, extraStops) : -1;
            if (cut >= 0)
            {
                text = text[..cut];
                logprobs = logprobs is null ? null : TruncateLogprobs(logprobs, cut);
                finish = FinishReason.Stop;
                error = null;
                statistics.AddClientSideStop();
            }
            samples.Add(new Sample(text)
            {
                Index = index,
                PromptTokens = (int)Math.Min(int.MaxValue, promptTokens),
                CompletionTokens = (int)Math.Min(int.MaxValue, counts[j]),
                FinishReason = finish,
                Error = error,
                Logprobs = logprobs,
            });
        }
        var callUsage = new Usage
        {
            PromptTokens = promptTokens - cached,
            CachedPromptTokens = cached,
            CompletionTokens = completion,
        };
        return (samples, callUsage);
    }

    /// <summary>Error samples for a call that failed after all retries.</summary>
    public static List<Sample> Errors(OpenAiCall call, string error)
    {
        var samples = new List<Sample>(call.Count);
        for (var j = 0; j < call.Count; j++)
            samples.Add(new Sample("") { Index = call.FirstIndex + j, FinishReason = FinishReason.Error, Error = error });
        return samples;
    }

    internal static long Estimate(int characters) => (characters + 3L) / 4;

    private static ParsedChoice?[] OrderChoices(IReadOnlyList<ParsedChoice> choices, int n)
    {
        var ordered = new ParsedChoice?[n];
        var byIndex = choices.All(c => c.Index >= 0 && c.Index < n) && choices.Select(c => c.Index).Distinct().Count() == choices.Count;
        if (byIndex)
        {
            foreach (var c in choices)
                ordered[c.Index] = c;
        }
        else
        {
            for (var j = 0; j < Math.Min(n, choices.Count); j++)
                ordered[j] = choices[j];
        }
        return ordered;
    }

    private static (FinishReason Reason, string? Error) MapFinishReason(string? reason) => reason switch
    {
        "length" => (FinishReason.Length, null),
        "abort" or "cancelled" => (FinishReason.Cancelled, null),
        "content_filter" => (FinishReason.Error, "The server's content filter stopped this sample."),
        _ => (FinishReason.Stop, null),
    };

    /// <summary>Keeps at most <paramref name="top"/> alternatives per token (a server may have been asked for more than the caller wants).</summary>
    private static IReadOnlyList<TokenLogprob>? TrimAlternatives(IReadOnlyList<TokenLogprob>? logprobs, int top)
    {
        if (logprobs is null || logprobs.All(t => t.Top.Count <= top))
            return logprobs;
        return logprobs.Select(t => t.Top.Count <= top ? t : t with { Top = t.Top.Take(top).ToArray() }).ToArray();
    }

    private static TokenLogprob[] TruncateLogprobs(IReadOnlyList<TokenLogprob> logprobs, int cut)
    {
        var kept = new List<TokenLogprob>(logprobs.Count);
        var offset = 0;
        foreach (var t in logprobs)
        {
            offset += t.Token.Length;
            if (offset > cut)
                break;
            kept.Add(t);
        }
        return [.. kept];
    }
}
