using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>
/// <c>budget-forcing</c> (s1): each trace thinks with the end-of-thinking delimiter as a stop string and at most
/// <see cref="BudgetForcingOptions.ThinkingBudget"/> thinking tokens. When the model stops (it tried to close thinking,
/// or ended) before <see cref="BudgetForcingOptions.MinThinkingTokens"/>, the delimiter is suppressed: the trace is
/// continued with <see cref="BudgetForcingOptions.WaitText"/> appended (after a newline unless the text ends in
/// whitespace), at most <see cref="BudgetForcingOptions.Waits"/> times. When thinking ends (or the maximum is reached)
/// the delimiter and a newline and <see cref="BudgetForcingOptions.AnswerCue"/> are appended (a newline first when the
/// thinking does not end with one) and the answer is generated in at most <see cref="BudgetForcingOptions.AnswerTokens"/>
/// tokens. Every call of a trace uses the trace's sample index; calls after the first are continuations (a trace costs
/// one sample under a samples budget). Several traces vote by majority. Metrics: <c>thinking-tokens</c> (mean),
/// <c>waits</c> (total), <c>capped</c> and <c>within-bounds</c> (shares of traces), <c>traces</c>, and the bounds
/// <c>thinking-budget</c> and <c>min-thinking-tokens</c> (so s1's metrics can be computed from stored outcomes alone).
/// </summary>
internal sealed class BudgetForcingStrategy(BudgetForcingOptions options) : ScalingStrategy<BudgetForcingOptions>(BudgetForcingStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        var count = Options.Traces ?? (run.Context.Budget.Kind == BudgetKind.Samples ? (int)Math.Min(run.Context.Budget.Amount, SampleDraw.MaxSamples) : 1);
        var traces = new List<ForcedTrace>();
        for (var index = 0; index < count; index++)
        {
            var trace = await ForceAsync(run, index, cancellationToken).ConfigureAwait(false);
            if (trace is null)
                break;
            traces.Add(trace);
            run.Note(TraceEventKind.Decision,
                $"trace {index}: {trace.ThinkingTokens} thinking tokens, {trace.Waits} waits{(trace.Capped ? ", capped" : "")}, {(trace.WithinBounds ? "within" : "outside")} [{Options.MinThinkingTokens}, {Options.ThinkingBudget}]",
                index, 1);
        }
        var candidates = traces.Select(t => run.Candidate(t.Sample)).ToList();
        var metrics = new Dictionary<string, double>
        {
            ["traces"] = traces.Count,
            ["thinking-tokens"] = traces.Count == 0 ? 0 : traces.Average(t => t.ThinkingTokens),
            ["waits"] = traces.Sum(t => t.Waits),
            ["capped"] = traces.Count == 0 ? 0 : traces.Average(t => t.Capped ? 1.0 : 0.0),
            ["within-bounds"] = traces.Count == 0 ? 0 : traces.Average(t => t.WithinBounds ? 1.0 : 0.0),
            ["thinking-budget"] = Options.ThinkingBudget,
            ["min-thinking-tokens"] = Options.MinThinkingTokens,
        };
        var groups = AnswerVoting.Group(traces.Select(t => t.Sample), run.Context.Equivalence);
        var result = groups.Count == 0
            ? run.Complete(candidates, null, null)
            : run.Complete(candidates, groups[0].Answer, candidates.First(c => c.Index == groups[0].Best.Index));
        return result with { Metrics = metrics };
    }

    private async ValueTask<ForcedTrace?> ForceAsync(StrategyRun run, int index, CancellationToken cancellationToken)
    {
        var stops = run.Sampling.Stop.Contains(Options.ThinkClose, StringComparer.Ordinal) ? run.Sampling.Stop : [.. run.Sampling.Stop, Options.ThinkClose];
        var thinking = "";
        var tokens = 0;
        var waits = 0;
        var capped = false;
        var promptTokens = 0;
        var started = false;
        while (true)
        {
            var left = Options.ThinkingBudget - tokens;
            if (left <= 0)
            {
                capped = true;
                break;
            }
            var part = await run.SampleAsync(index, 1, run.Sampling with { Stop = stops, MaxTokens = left }, thinking, continuation: started, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (part.Count == 0)
            {
                if (!started)
                    return null;
                capped = true;
                break;
            }
            var s = part[0];
            if (!started)
                promptTokens = s.PromptTokens;
            started = true;
            if (s.FinishReason == FinishReason.Error)
                return new ForcedTrace(new Sample(thinking) { Index = index, PromptTokens = promptTokens, CompletionTokens = tokens, FinishReason = FinishReason.Error, Error = s.Error }, tokens, waits, false, false);
            thinking += s.Text;
            tokens += s.CompletionTokens;
            if (s.FinishReason == FinishReason.Length)
            {
                capped = true;
                break;
            }
            if (tokens < Options.MinThinkingTokens && waits < Options.Waits)
            {
                thinking += (thinking.Length == 0 || char.IsWhiteSpace(thinking[^1]) ? "" : "\n") + Options.WaitText;
                waits++;
                continue;
            }
            break;
        }
        var prefix = thinking + (thinking.Length == 0 || thinking.EndsWith('\n') ? "" : "\n") + Options.ThinkClose + "\n" + Options.AnswerCue;
        var answerPart = await run.SampleAsync(index, 1, run.Sampling with { MaxTokens = Options.AnswerTokens }, prefix, continuation: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var answer = answerPart.Count == 0 ? null : answerPart[0];
        var text = prefix + (answer is { FinishReason: not FinishReason.Error } ? answer.Text : "");
        var within = tokens <= Options.ThinkingBudget && tokens >= Options.MinThinkingTokens;
        var sample = new Sample(text)
        {
            Index = index,
            PromptTokens = promptTokens,
            CompletionTokens = tokens + (answer?.CompletionTokens ?? 0),
            FinishReason = answer?.FinishReason ?? FinishReason.Length,
            Error = answer?.Error,
            Answer = answer is { FinishReason: not FinishReason.Error } ? run.Context.Extractor.Extract(text) : null,
        };
        return new ForcedTrace(sample, tokens, waits, capped, within);
    }
}
