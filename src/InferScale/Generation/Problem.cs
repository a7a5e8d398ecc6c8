namespace InferScale.Generation;

/// <summary>
/// One problem to solve: the prompt a model sees, and what is known about it (gold answer, difficulty level, subject).
/// </summary>
/// <param name="Id">Stable identifier, unique within its dataset (for example <c>gsm8k/17</c> or a HumanEval <c>task_id</c>).</param>
/// <param name="Prompt">The text given to the model.</param>
public sealed record Problem(string Id, string Prompt)
{
    /// <summary>The reference answer, as written by the dataset (not normalised); <see langword="null"/> when unknown.</summary>
    public string? Gold { get; init; }

    /// <summary>Difficulty level as a string key (for example <c>"3"</c>); <see langword="null"/> when the dataset has none.</summary>
    public string? Level { get; init; }

    /// <summary>Subject or category (for example <c>Algebra</c>); <see langword="null"/> when the dataset has none.</summary>
    public string? Subject { get; init; }

    /// <summary>Name of the dataset the problem comes from (for example <c>math500</c>); <see langword="null"/> when ad hoc.</summary>
    public string? Dataset { get; init; }

    /// <summary>Extra dataset-specific fields (for example HumanEval's <c>test</c> and <c>entry_point</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = EmptyMetadata;

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();
}
