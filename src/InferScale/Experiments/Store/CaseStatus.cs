namespace InferScale.Experiments.Store;

/// <summary>Where a case stands.</summary>
public enum CaseStatus
{
    /// <summary>Not yet claimed.</summary>
    Pending,

    /// <summary>Claimed by a worker whose lease has not expired (or has expired and awaits reclaim).</summary>
    Running,

    /// <summary>Finished with a result.</summary>
    Done,

    /// <summary>Finished with an error after its attempts.</summary>
    Failed,
}
