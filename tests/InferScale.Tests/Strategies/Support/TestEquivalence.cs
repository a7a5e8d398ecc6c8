using InferScale.Verification;

namespace InferScale.Tests.Strategies.Support;

/// <summary>Test equivalence: trimmed ordinal string equality; the real math checker replaces it at merge.</summary>
internal sealed class TestEquivalence : IAnswerEquivalence
{
    public bool AreEquivalent(string gold, string predicted) => string.Equals(gold.Trim(), predicted.Trim(), StringComparison.Ordinal);
}
