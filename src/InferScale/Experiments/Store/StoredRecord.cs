namespace InferScale.Experiments.Store;

/// <summary>
/// Something a case produced (a sample, a score, a step of a search): written as soon as it exists, idempotent by
/// (case, <see cref="Kind"/>, <see cref="Key"/>), so a resumed case skips what is already stored and never duplicates it.
/// </summary>
/// <param name="Kind">What it is, e.g. <c>sample</c>.</param>
/// <param name="Key">Its key within the case and kind, e.g. the sample index.</param>
/// <param name="Payload">Its content (JSON).</param>
public sealed record StoredRecord(string Kind, string Key, string Payload);
