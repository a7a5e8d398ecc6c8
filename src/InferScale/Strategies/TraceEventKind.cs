namespace InferScale.Strategies;

/// <summary>What a <see cref="TraceEvent"/> records.</summary>
public enum TraceEventKind
{
    /// <summary>A generator call (its indices, trimmed size and usage).</summary>
    Generate,

    /// <summary>A reward-model call.</summary>
    Score,

    /// <summary>A candidate failed (generation or scoring); the run went on without it.</summary>
    Failure,

    /// <summary>The budget refused or trimmed a call.</summary>
    Budget,

    /// <summary>A strategy decision (a window checked, a trace stopped, a threshold set, a stopping rule fired).</summary>
    Decision,

    /// <summary>The final choice.</summary>
    Result,
}
