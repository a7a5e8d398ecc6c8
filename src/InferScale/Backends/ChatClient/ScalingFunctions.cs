using InferScale.Generation;
using InferScale.Verification;

namespace InferScale.Backends.ChatClient;

/// <summary>Built-in scaling procedures for <see cref="ScalingChatClient"/>.</summary>
public static class ScalingFunctions
{
    /// <summary>
    /// Majority vote (self-consistency): draws <paramref name="samples"/> samples in one request, extracts an answer
    /// from each with <paramref name="extractor"/> (trimmed; compared ordinally), and returns the most frequent answer;
    /// ties go to the answer seen at the lowest sample index. Error samples and samples without an answer do not vote;
    /// when none votes, the text of the first non-error sample is returned (or the empty string).
    /// </summary>
    /// <param name="extractor">Finds the final answer in a sample.</param>
    /// <param name="samples">Samples to draw (&gt;= 1).</param>
    /// <param name="sampling">Sampling settings; <see langword="null"/> for <see cref="SamplingOptions"/> defaults.</param>
    public static Func<IGenerator, string, CancellationToken, ValueTask<(string Answer, Usage Usage)>> MajorityVote(
        IAnswerExtractor extractor, int samples, SamplingOptions? sampling = null)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        return async (generator, prompt, cancellationToken) =>
        {
            var result = await generator.GenerateAsync(
                new GenerationRequest(prompt) { Count = samples, Sampling = sampling ?? new SamplingOptions() },
                cancellationToken).ConfigureAwait(false);
            return (Vote(result.Samples, extractor), result.Usage);
        };
    }

    internal static string Vote(IReadOnlyList<Sample> samples, IAnswerExtractor extractor)
    {
        var valid = samples.Where(s => s.FinishReason != FinishReason.Error).OrderBy(s => s.Index).ToList();
        var winner = valid
            .Select(s => (s.Index, Answer: extractor.Extract(s.Text)?.Trim()))
            .Where(v => !string.IsNullOrEmpty(v.Answer))
            .GroupBy(v => v.Answer!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Min(v => v.Index))
            .FirstOrDefault();
        return winner?.Key ?? valid.FirstOrDefault()?.Text ?? "";
    }
}
