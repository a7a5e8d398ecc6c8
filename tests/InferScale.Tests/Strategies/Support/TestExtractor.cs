using InferScale.Verification;

namespace InferScale.Tests.Strategies.Support;

/// <summary>Test answer extractor: the trimmed content of the last <c>\boxed{…}</c> (no nesting); the real one replaces it at merge.</summary>
internal sealed class TestExtractor : IAnswerExtractor
{
    public string? Extract(string text)
    {
        var start = text.LastIndexOf("\\boxed{", StringComparison.Ordinal);
        if (start < 0)
            return null;
        start += "\\boxed{".Length;
        var end = text.IndexOf('}', start);
        return end < 0 ? null : text[start..end].Trim();
    }
}
