namespace InferScale.Analysis;

/// <summary>
/// Exact expected accuracy of best-of-k: draw k of the n samples without replacement and keep the one with the
/// highest score; ties on the top score share the credit (the expected result of a uniformly random pick among them).
/// Samples without a score rank below all scored ones.
/// </summary>
public static class BestOfK
{
    /// <summary>Returns the expected credit of best-of-<paramref name="k"/>.</summary>
    /// <param name="scores">Each sample's score; <see langword="null"/> for none.</param>
    /// <param name="credit">Each sample's credit (1 correct, 0 wrong; fractions allowed).</param>
    /// <param name="k">Samples drawn (1..n).</param>
    public static double Expected(IReadOnlyList<double?> scores, IReadOnlyList<double> credit, int k)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(credit);
        if (scores.Count != credit.Count) throw new ArgumentException("scores and credit must have the same length", nameof(credit));
        var values = scores.Select(s => s ?? double.NegativeInfinity).ToArray();
        var blocks = ScoreBlocks.Build(values, [.. credit]);
        return blocks.Expected(k, new double[values.Length + 1]);
    }
}
