using InferScale.Generation;
using InferScale.Randomness;
using InferScale.Verification.Reward;

namespace InferScale.Strategies;

/// <summary>
/// <c>revisions</c> (Snell et al.): P parallel chains of S sequential attempts (P·S = the samples budget). Attempt s of
/// chain c is sample <c>c·S + s</c> (chain-major, so chain c is the same at any budget). A revision shows the chain's
/// successful attempts to the model in <see cref="RevisionsOptions.Format"/>: the revision prompt
/// (<see cref="RevisionPrompt.Build"/>) over the most recent attempts, at most
/// <see cref="RevisionsOptions.ContextAttempts"/>, that fit the context; or the continuation
/// (<see cref="RevisionContinuation"/>) of the latest attempt, re-checking the step the reward model scores lowest
/// (the first such; when it scores every step alike it flags none and the attempt is a fresh sample; when the context
/// has no reward model, a step drawn from the seed and the sample index); or, when
/// neither fits, a fresh sample of the original prompt. Each choice is recorded in the trace. Rounds run attempt by
/// attempt across chains and stop when the budget refuses a call. The answer is chosen over every attempt of every
/// chain: by majority, or by the verifier's highest score (ties: lower index).
/// </summary>
internal sealed class RevisionsStrategy(RevisionsOptions options) : ScalingStrategy<RevisionsOptions>(RevisionsStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        if (Options.Selection == RevisionSelection.Verifier)
            run.RequireRewardModel();
        var length = Options.ChainLength;
        var budget = run.Context.Budget;
        var chains = Options.Chains ?? (budget.Kind == BudgetKind.Samples ? Math.Max(1, (int)Math.Min(budget.Amount / length, SampleDraw.MaxSamples)) : 4);
        var history = Enumerable.Range(0, chains).Select(_ => new List<Sample>()).ToArray();
        var attempts = new List<Sample>();
        var scores = new Dictionary<int, RewardScore?>();
        var refused = false;
        for (var s = 0; s < length && !refused; s++)
        {
            for (var c = 0; c < chains; c++)
            {
                var index = c * length + s;
                var (prompt, prefix, how) = await PlanAsync(run, history[c], index, scores, cancellationToken).ConfigureAwait(false);
                if (how is not null)
                    run.Note(TraceEventKind.Decision, $"attempt {index} (chain {c + 1}, revision {s}): {how}", index, 1);
                var request = new GenerationRequest(prompt) { Prefix = prefix, FirstIndex = index, Sampling = run.Sampling };
                var result = await run.GenerateAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (result.Count == 0)
                {
                    refused = true;
                    break;
                }
                var attempt = result[0];
                if (prefix.Length > 0 && attempt.FinishReason != FinishReason.Error)
                {
                    var text = prefix + attempt.Text;
                    attempt = attempt with { Text = text, Answer = run.Context.Extractor.Extract(text) };
                }
                attempts.Add(attempt);
                if (attempt.FinishReason != FinishReason.Error)
                    history[c].Add(attempt);
            }
            run.Note(TraceEventKind.Decision, $"revision round {s + 1} of {length}: {attempts.Count} attempts over {chains} chains");
        }
        return Options.Selection == RevisionSelection.Majority
            ? ByMajority(run, attempts)
            : await ByVerifierAsync(run, attempts, scores, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The prompt and prefix of the next attempt of a chain, and what was chosen (<see langword="null"/> for a first
    /// attempt): see the class summary.
    /// </summary>
    private async ValueTask<(string Prompt, string Prefix, string? How)> PlanAsync(
        StrategyRun run, List<Sample> history, int index, Dictionary<int, RewardScore?> scores, CancellationToken cancellationToken)
    {
        var original = run.Context.Problem.Prompt;
        if (history.Count == 0)
            return (original, "", null);
        var context = Options.ContextTokens ?? run.Context.Generator.Metadata.ContextLength;
        var maxTokens = run.Sampling.MaxTokens;
        if (Options.Format != RevisionFormat.Continuation && Options.ContextAttempts > 0)
        {
            for (var kept = Math.Min(Options.ContextAttempts, history.Count); kept >= 1; kept--)
            {
                var shown = history.Skip(history.Count - kept).ToList();
                var prompt = RevisionPrompt.Build(original, [.. shown.Select(a => a.Text)]);
                var room = Math.Min(maxTokens, shown.Max(a => a.CompletionTokens));
                if (Fits(run, context, prompt, "", room))
                    return (prompt, "", $"revision prompt with the last {kept} of {history.Count} attempts");
            }
        }
        if (Options.Format != RevisionFormat.Prompt)
        {
            var latest = history[^1];
            var steps = RevisionContinuation.Steps(latest.Text, run.Context.StepDelimiter, Options.ThinkClose);
            var cut = steps.Count == 0 ? null : await CutAsync(run, latest, steps.Count, scores, cancellationToken).ConfigureAwait(false);
            if (cut is null && steps.Count > 0)
                return (original, "", $"fresh sample: the reward model flags no step of attempt {latest.Index}");
            if (cut is int at)
            {
                var prefix = RevisionContinuation.Build(steps, at, run.Context.StepDelimiter, Options.WaitText);
                var room = Math.Min(maxTokens, RewrittenTokens(latest, steps, at));
                if (Fits(run, context, original, prefix, room))
                    return (original, prefix, $"continuation of attempt {latest.Index}, re-checking step {at + 1} of {steps.Count}");
            }
        }
        return (original, "", $"fresh sample: no previous attempt fits the context ({context} tokens) in the {Options.Format} format");
    }

    /// <summary>Whether a prompt and prefix leave <paramref name="room"/> tokens in the context (always, when it is unknown).</summary>
    private static bool Fits(StrategyRun run, int? context, string prompt, string prefix, long room) =>
        context is not int n || run.Budget.PromptTokenBound(prompt, prefix) + 1 + Math.Max(1, room) <= n;

    /// <summary>
    /// The tokens a continuation writes: the re-checked step twice (the wait line restates it) and everything after it,
    /// estimated from the attempt's completion tokens in proportion to the characters.
    /// </summary>
    private static long RewrittenTokens(Sample attempt, IReadOnlyList<string> steps, int cut)
    {
        var kept = steps.Take(cut).Sum(s => s.Length + 1) - steps[cut].Length - 1;
        var share = attempt.Text.Length == 0 ? 1.0 : Math.Clamp(1.0 - (double)kept / attempt.Text.Length, 0, 2);
        return (long)Math.Ceiling(Math.Max(1, attempt.CompletionTokens) * share);
    }

    /// <summary>
    /// The step to re-check: the first lowest-scored thinking step (<see langword="null"/> when the reward model scores
    /// every thinking step alike, so it flags none), or, without a reward model or when scoring failed, a step drawn
    /// from the seed and the attempt's index.
    /// </summary>
    private async ValueTask<int?> CutAsync(StrategyRun run, Sample attempt, int steps, Dictionary<int, RewardScore?> scores, CancellationToken cancellationToken)
    {
        if (run.Context.RewardModel is not null)
        {
            var score = await ScoreOnceAsync(run, attempt, scores, cancellationToken).ConfigureAwait(false);
            if (score is { StepScores.Count: > 0 })
            {
                var thinking = score.StepScores.Take(steps).ToList();
                var min = thinking.Min();
                return min == thinking.Max() ? null : thinking.IndexOf(min);
            }
        }
        return new SplitMix64(SplitMix64.Combine(run.Context.Seed, 0x2E71_5105UL, (ulong)attempt.Index)).Between(0, steps - 1);
    }

    private static async ValueTask<RewardScore?> ScoreOnceAsync(StrategyRun run, Sample attempt, Dictionary<int, RewardScore?> scores, CancellationToken cancellationToken)
    {
        if (!scores.TryGetValue(attempt.Index, out var score))
        {
            score = await run.ScoreAsync(attempt.Index, attempt.Text, cancellationToken).ConfigureAwait(false);
            scores[attempt.Index] = score;
        }
        return score;
    }

    private static StrategyResult ByMajority(StrategyRun run, List<Sample> attempts)
    {
        var candidates = attempts.Select(a => run.Candidate(a)).ToList();
        var groups = AnswerVoting.Group(attempts, run.Context.Equivalence);
        if (groups.Count == 0)
            return run.Complete(candidates, null, null);
        var winner = groups[0];
        run.Note(TraceEventKind.Decision, $"{groups.Count} answers over {attempts.Count} attempts; '{winner.Answer}' has {winner.Votes} votes");
        return run.Complete(candidates, winner.Answer, candidates.First(c => c.Index == winner.Best.Index));
    }

    private async ValueTask<StrategyResult> ByVerifierAsync(StrategyRun run, List<Sample> attempts, Dictionary<int, RewardScore?> scores, CancellationToken cancellationToken)
    {
        var candidates = new List<StrategyCandidate>();
        foreach (var attempt in attempts)
        {
            if (attempt.FinishReason == FinishReason.Error)
            {
                candidates.Add(run.Candidate(attempt, kept: false));
                continue;
            }
            var score = await ScoreOnceAsync(run, attempt, scores, cancellationToken).ConfigureAwait(false);
            var scored = score is null ? attempt : attempt with { Score = score.Final, StepScores = score.StepScores };
            candidates.Add(run.Candidate(scored, score is null ? null : RewardAggregator.Aggregate(score, Options.Aggregation), kept: score is not null));
        }
        var chosen = candidates.Where(c => c.Score is not null && c.Answer is not null).OrderByDescending(c => c.Score).ThenBy(c => c.Index).FirstOrDefault();
        if (chosen is not null)
            run.Note(TraceEventKind.Decision, $"attempt {chosen.Index} scores highest ({chosen.Score:G4})", chosen.Index, 1);
        return run.Complete(candidates, chosen?.Answer, chosen);
    }
}
