using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>One event in a run's trace, in the order it happened.</summary>
/// <param name="Sequence">0-based position in the trace.</param>
/// <param name="Elapsed">Time since the run started (from the context's <see cref="TimeProvider"/>).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Message">A human-readable description.</param>
public sealed record TraceEvent(int Sequence, TimeSpan Elapsed, TraceEventKind Kind, string Message)
{
    /// <summary>The first sample index concerned, when the event concerns samples.</summary>
    public int? Index { get; init; }

    /// <summary>Samples concerned, starting at <see cref="Index"/> (1 for a single candidate).</summary>
    public int Count { get; init; }

    /// <summary>The compute the event's call consumed, for <see cref="TraceEventKind.Generate"/> and <see cref="TraceEventKind.Score"/>.</summary>
    public Usage? Usage { get; init; }
}
