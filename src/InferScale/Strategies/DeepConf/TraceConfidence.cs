using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>DeepConf's confidence measures over a trace's token log-probabilities.</summary>
public static class TraceConfidence
{
    /// <summary>
    /// Token confidence: minus the mean log-probability of the top <paramref name="topK"/> alternatives at the position
    /// (minus the chosen token's log-probability when the backend reported no alternatives). Higher is more confident.
    /// </summary>
    public static double Token(TokenLogprob token, int topK)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var n = Math.Min(topK, token.Top.Count);
        if (n == 0)
            return -token.Logprob;
        double sum = 0;
        for (var i = 0; i < n; i++)
            sum += token.Top[i].Logprob;
        return -sum / n;
    }

    /// <summary>
    /// The lowest group confidence: the minimum over every window of <paramref name="window"/> consecutive tokens of their
    /// mean token confidence; the mean over all tokens when the trace is shorter than a window; <see langword="null"/>
    /// when there are no tokens.
    /// </summary>
    public static double? LowestGroup(IReadOnlyList<TokenLogprob>? tokens, int window, int topK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (tokens is null || tokens.Count == 0)
            return null;
        var conf = new double[tokens.Count];
        for (var i = 0; i < conf.Length; i++)
            conf[i] = Token(tokens[i], topK);
        if (conf.Length <= window)
            return conf.Average();
        double sum = 0;
        for (var i = 0; i < window; i++)
            sum += conf[i];
        var lowest = sum / window;
        for (var i = window; i < conf.Length; i++)
        {
            sum += conf[i] - conf[i - window];
            lowest = Math.Min(lowest, sum / window);
        }
        return lowest;
    }
}
