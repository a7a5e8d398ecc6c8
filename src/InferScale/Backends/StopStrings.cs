namespace InferScale.Backends;

/// <summary>Client-side stop strings: truncation of a generated text at the earliest match of any stop string.</summary>
internal static class StopStrings
{
    /// <summary>The index of the earliest match of any of <paramref name="stops"/> in <paramref name="text"/>, or −1.</summary>
    public static int EarliestMatch(string text, IReadOnlyList<string> stops)
    {
        var earliest = -1;
        foreach (var stop in stops)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (earliest < 0 || at < earliest))
                earliest = at;
        }
        return earliest;
    }
}
