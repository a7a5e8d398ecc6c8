using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>
/// One sample grown in chunks by prefix continuation (sample index fixed, prefix = the text so far), for strategies
/// that stop traces early (DeepConf online, First Finish Search in lock-step).
/// </summary>
internal sealed class ChunkedTrace(int index)
{
    private readonly List<TokenLogprob> _logprobs = [];
    private string _text = "";
    private int _promptTokens;
    private bool _started;

    public int Index { get; } = index;

    public int CompletionTokens { get; private set; }

    /// <summary>Whether the trace ended on its own (stop), ran out of tokens, was stopped, or failed.</summary>
    public bool IsDone { get; private set; }

    public FinishReason FinishReason { get; private set; } = FinishReason.Length;

    public string? Error { get; private set; }

    public IReadOnlyList<TokenLogprob> Logprobs => _logprobs;

    /// <summary>
    /// Generates up to <paramref name="chunkTokens"/> more tokens (never past <paramref name="sampling"/>'s max tokens).
    /// Returns false when the budget refused the call (the trace is then done, as cut off by the budget).
    /// </summary>
    public async ValueTask<bool> ExtendAsync(StrategyRun run, SamplingOptions sampling, int chunkTokens, CancellationToken cancellationToken)
    {
        if (IsDone)
            return true;
        var left = sampling.MaxTokens - CompletionTokens;
        var chunk = Math.Min(chunkTokens, left);
        var result = await run.SampleAsync(Index, 1, sampling with { MaxTokens = chunk }, _text, continuation: _started, cancellationToken: cancellationToken).ConfigureAwait(false);
        _started = true;
        if (result.Count == 0)
        {
            Stop(FinishReason.Length);
            return false;
        }
        var part = result[0];
        if (CompletionTokens == 0)
            _promptTokens = part.PromptTokens;
        if (part.FinishReason == FinishReason.Error)
        {
            Error = part.Error ?? "generation failed";
            Stop(FinishReason.Error);
            return true;
        }
        _text += part.Text;
        CompletionTokens += part.CompletionTokens;
        if (part.Logprobs is not null)
            _logprobs.AddRange(part.Logprobs);
        if (part.FinishReason != FinishReason.Length || CompletionTokens >= sampling.MaxTokens || part.CompletionTokens == 0 || part.CompletionTokens < chunk)
            Stop(part.FinishReason == FinishReason.Length ? FinishReason.Length : part.FinishReason);
        return true;
    }

    /// <summary>Ends the trace with <paramref name="reason"/> (for example <see cref="FinishReason.Cancelled"/> when a strategy stops it).</summary>
    public void Stop(FinishReason reason)
    {
        IsDone = true;
        FinishReason = reason;
    }

    /// <summary>The trace as one sample, its answer extracted from the whole text.</summary>
    public Sample ToSample(StrategyRun run) => new(_text)
    {
        Index = Index,
        PromptTokens = _promptTokens,
        CompletionTokens = CompletionTokens,
        FinishReason = FinishReason,
        Logprobs = _logprobs.Count > 0 ? [.. _logprobs] : null,
        Error = Error,
        Answer = FinishReason == FinishReason.Error ? null : run.Context.Extractor.Extract(_text),
    };
}
