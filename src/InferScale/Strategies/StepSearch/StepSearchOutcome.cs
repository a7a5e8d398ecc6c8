namespace InferScale.Strategies;

/// <summary>Ends a step-level search: the candidates it reports and its final weighted vote.</summary>
internal static class StepSearchOutcome
{
    /// <summary>
    /// Completes the run with a weighted vote over <paramref name="finished"/> (complete, answered, scored solutions;
    /// each answer class weighs the sum of its members' scores, PRM scores being probabilities in [0, 1]; ties by votes,
    /// then lowest index), representative = the class's best-scored member. <paramref name="others"/> (unfinished or
    /// failed leaves) are reported as candidates that did not vote.
    /// </summary>
    public static StrategyResult Complete(StrategyRun run, IEnumerable<StepNode> finished, IEnumerable<StepNode> others)
    {
        var voters = finished.Where(n => n is { IsComplete: true, Failed: false, Score: not null, Answer: not null }).ToList();
        var candidates = new Dictionary<int, StrategyCandidate>();
        foreach (var node in voters)
            candidates[node.Index] = run.Candidate(node.ToSample(), node.Score, kept: true);
        foreach (var node in others.Concat(finished))
            candidates.TryAdd(node.Index, run.Candidate(node.ToSample(), node.Score, kept: false));
        candidates.Remove(-1);
        var groups = AnswerVoting.Group(voters.Select(n => (n.ToSample(), n.Score!.Value)), run.Context.Equivalence);
        if (groups.Count == 0)
        {
            run.Note(TraceEventKind.Decision, $"no finished, scored solution among {candidates.Count} candidates");
            return run.Complete(candidates.Values, null, null);
        }
        var winner = groups[0];
        run.Note(TraceEventKind.Decision,
            $"{voters.Count} finished solutions, {groups.Count} answers; '{winner.Answer}' weighs {winner.Weight:G4} ({winner.Votes} votes)",
            winner.Best.Index, 1);
        return run.Complete(candidates.Values, winner.Answer, candidates[winner.Best.Index]);
    }

    /// <summary>The <paramref name="count"/> best-scored nodes (ties: lower index first).</summary>
    public static List<StepNode> Top(IEnumerable<StepNode> nodes, int count) =>
        [.. nodes.Where(n => n.Score is not null).OrderByDescending(n => n.Score).ThenBy(n => n.Index).Take(count)];
}
