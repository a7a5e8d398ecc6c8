using InferScale.Verification.Code;
using InferScale.Generation;

namespace InferScale.Analysis;

/// <summary>
/// Verifies every sample of a code pool in the sandbox and labels it: a sample is correct when its program passes
/// the problem's tests. Its answer becomes its whitespace-normalised program text, so majority voting over a code pool
/// counts identical programs.
/// </summary>
public static class CodePoolVerifier
{
    /// <summary>Labels <paramref name="pool"/>'s samples by running them against <paramref name="problems"/>' tests.</summary>
    /// <param name="pool">The pool; its problem ids must be the dataset's ids (HumanEval <c>task_id</c>).</param>
    /// <param name="problems">The dataset's problems by id.</param>
    /// <param name="verifier">The sandboxed verifier.</param>
    /// <param name="progress">Called after each sample with the number done and the total.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<(SamplePool Pool, IReadOnlyList<CodeVerdictRecord> Verdicts)> VerifyAsync(
        SamplePool pool, IReadOnlyDictionary<string, Problem> problems, HumanEvalVerifier verifier, Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(verifier);
        var missing = pool.Problems.Select(p => p.Id).Where(id => !problems.ContainsKey(id)).Take(5).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"The pool has problems the dataset does not: {string.Join(", ", missing)}. Pool lines need problem_id = the dataset's task_id.", nameof(pool));
        var total = pool.Problems.Sum(p => p.Samples.Count);
        var done = 0;
        var labelled = await Task.WhenAll(pool.Problems.Select(async problem =>
        {
            var results = await Task.WhenAll(problem.Samples.Select(async sample =>
            {
                var result = await verifier.VerifyAsync(problems[problem.Id], sample.Text, cancellationToken).ConfigureAwait(false);
                progress?.Invoke(Interlocked.Increment(ref done), total);
                return (sample, result);
            })).ConfigureAwait(false);
            return (problem, results);
        })).ConfigureAwait(false);

        var verdicts = new List<CodeVerdictRecord>(total);
        var problemsOut = new List<PoolProblem>(labelled.Length);
        foreach (var (problem, results) in labelled)
        {
            var samples = new List<Sample>(results.Length);
            foreach (var (sample, result) in results)
            {
                samples.Add(sample with { IsCorrect = result.Verdict == CodeVerdict.Passed, Answer = Normalise(sample.Text) });
                verdicts.Add(new CodeVerdictRecord(problem.Id, sample.Index, VerdictName(result.Verdict), result.Detail));
            }
            problemsOut.Add(problem with { Samples = samples });
        }
        return (pool with { Problems = problemsOut }, verdicts);
    }

    /// <summary>The verdict's name in <c>verdicts.jsonl</c>.</summary>
    public static string VerdictName(CodeVerdict verdict) => verdict switch
    {
        CodeVerdict.Passed => "passed",
        CodeVerdict.Failed => "failed",
        CodeVerdict.Error => "error",
        CodeVerdict.Timeout => "timeout",
        _ => "resource_limit",
    };

    private static string Normalise(string program) =>
        string.Join('\n', program.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));
}
