namespace InferScale.Engine.Sampling;

/// <summary>Nucleus sampling: keeps the smallest set of most likely candidates whose probability reaches <c>p</c>.</summary>
/// <param name="p">The threshold in (0, 1).</param>
public sealed class TopPStep(double p) : ISamplerStep
{
    /// <inheritdoc />
    public void Apply(SamplerCandidates candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (p >= 1.0)
            return;
        candidates.SortDescending();
        var values = candidates.Values;
        var max = values[0];
        double total = 0;
        foreach (var v in values)
            total += Math.Exp(v - max);
        double cumulative = 0;
        for (var i = 0; i < values.Length; i++)
        {
            cumulative += Math.Exp(values[i] - max) / total;
            if (cumulative >= p)
            {
                candidates.Truncate(i + 1);
                return;
            }
        }
    }
}
