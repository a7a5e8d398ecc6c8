using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>
/// <c>revisions</c> (Snell et al.): P parallel chains of S sequential attempts (P·S = the samples budget). Attempt s of
/// chain c is sample <c>c·S + s</c> (chain-major, so chain c is the same at any budget); its prompt is
/// <see cref="RevisionPrompt.Build"/> over the chain's last <see cref="RevisionsOptions.ContextAttempts"/> successful
/// attempts. Rounds run attempt by attempt across chains and stop when the budget refuses a call. The answer is chosen
/// over every attempt of every chain: by majority, or by the verifier's highest score (ties: lower index).
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
        var history = Enumerable.Range(0, chains).Select(_ => new List<string>()).ToArray();
        var attempts = new List<Sample>();
        var refused = false;
        for (var s = 0; s < length && !refused; s++)
        {
            for (var c = 0; c < chains; c++)
            {
                var context = history[c].Skip(Math.Max(0, history[c].Count - Options.ContextAttempts)).ToList();
                var request = new GenerationRequest(RevisionPrompt.Build(run.Context.Problem.Prompt, context))
                {
                    FirstIndex = c * length + s,
                    Sampling = run.Sampling,
                };
                var result = await run.GenerateAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (result.Count == 0)
                {
                    refused = true;
                    break;
                }
                var attempt = result[0];
                attempts.Add(attempt);
                if (attempt.FinishReason != FinishReason.Error)
                    history[c].Add(attempt.Text);
            }
            run.Note(TraceEventKind.Decision, $"revision round {s + 1} of {length}: {attempts.Count} attempts over {chains} chains");
        }
        return Options.Selection == RevisionSelection.Majority
            ? ByMajority(run, attempts)
            : await ByVerifierAsync(run, attempts, cancellationToken).ConfigureAwait(false);
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

    private async ValueTask<StrategyResult> ByVerifierAsync(StrategyRun run, List<Sample> attempts, CancellationToken cancellationToken)
    {
        var candidates = new List<StrategyCandidate>();
        foreach (var attempt in attempts)
        {
            if (attempt.FinishReason == FinishReason.Error)
            {
                candidates.Add(run.Candidate(attempt, kept: false));
                continue;
            }
            var score = await run.ScoreAsync(attempt.Index, attempt.Text, cancellationToken).ConfigureAwait(false);
            var scored = score is null ? attempt : attempt with { Score = score.Final, StepScores = score.StepScores };
            candidates.Add(run.Candidate(scored, score is null ? null : RewardAggregator.Aggregate(score, Options.Aggregation), kept: score is not null));
        }
        var chosen = candidates.Where(c => c.Score is not null && c.Answer is not null).OrderByDescending(c => c.Score).ThenBy(c => c.Index).FirstOrDefault();
        if (chosen is not null)
            run.Note(TraceEventKind.Decision, $"attempt {chosen.Index} scores highest ({chosen.Score:G4})", chosen.Index, 1);
        return run.Complete(candidates, chosen?.Answer, chosen);
    }
}
