namespace InferScale.Experiments.Store;

/// <summary>Counts of a run's cases by status.</summary>
public sealed record RunProgress(int Pending, int Running, int Done, int Failed)
{
    /// <summary>All cases.</summary>
    public int Total => Pending + Running + Done + Failed;

    /// <summary>Whether every case has finished.</summary>
    public bool IsComplete => Pending == 0 && Running == 0;
}
