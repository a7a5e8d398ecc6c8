namespace InferScale.Verification;

/// <summary>Finds the final answer in a model's output (for example the content of the last <c>\boxed{…}</c>).</summary>
public interface IAnswerExtractor
{
    /// <summary>Returns the final answer in <paramref name="text"/>, or <see langword="null"/> when there is none.</summary>
    string? Extract(string text);
}
