namespace InferScale.Engine.Sampling;

/// <summary>Keeps the <c>k</c> most likely candidates.</summary>
/// <param name="k">How many to keep (&gt; 0).</param>
public sealed class TopKStep(int k) : ISamplerStep
{
    /// <inheritdoc />
    public void Apply(SamplerCandidates candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (k >= candidates.Count)
            return;
        candidates.SortDescending();
        candidates.Truncate(k);
    }
}
