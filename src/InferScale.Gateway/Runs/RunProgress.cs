namespace InferScale.Gateway.Runs;

/// <summary>A progress report of a running strategy.</summary>
/// <param name="Event"><c>started</c> (the run holds its slot), <c>call</c> (a model call finished) or <c>heartbeat</c>.</param>
/// <param name="Calls">Model calls finished so far.</param>
/// <param name="Samples">Samples (and continuations) generated so far.</param>
/// <param name="CompletionTokens">Completion tokens generated so far.</param>
internal readonly record struct RunProgress(string Event, int Calls, int Samples, long CompletionTokens);
