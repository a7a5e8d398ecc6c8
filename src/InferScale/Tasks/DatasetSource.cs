namespace InferScale.Tasks;

/// <summary>A resolved dataset: its name, file and record layout.</summary>
/// <param name="Name">The dataset name (a built-in name, or the file name without extension).</param>
/// <param name="Path">The full path of the JSONL file.</param>
/// <param name="Format">The record layout.</param>
public sealed record DatasetSource(string Name, string Path, DatasetFormat Format);
