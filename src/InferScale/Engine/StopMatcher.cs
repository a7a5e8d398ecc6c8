namespace InferScale.Engine;

/// <summary>
/// Finds stop strings in decoded text (so a stop spanning several tokens is found once its last token arrives).
/// Each call searches only the text that could contain a match not seen before.
/// </summary>
internal sealed class StopMatcher(IReadOnlyList<string> stops)
{
    private readonly int _longest = stops.Count == 0 ? 0 : stops.Max(s => s.Length);

    public bool IsEmpty => stops.Count == 0;

    /// <summary>
    /// The index of the earliest stop match in <paramref name="text"/>, or −1. <paramref name="previousLength"/> is the
    /// length of the text at the previous call (its last characters may have changed when a split UTF-8 character completed).
    /// </summary>
    public int Find(string text, int previousLength)
    {
        var from = Math.Max(0, previousLength - _longest - 2);
        var best = -1;
        foreach (var stop in stops)
        {
            var i = text.IndexOf(stop, from, StringComparison.Ordinal);
            if (i >= 0 && (best < 0 || i < best))
                best = i;
        }
        return best;
    }
}
