namespace InferScale.Verification.Constraints;

/// <summary>IFEval's <c>change_case:*</c> family (English detection by <see cref="LanguageDetector"/>).</summary>
internal static class CaseConstraints
{
    public static IEnumerable<KeyValuePair<string, Func<string, ConstraintArguments, InstructionConstraint>>> Factories()
    {
        yield return new("change_case:capital_word_frequency", (id, a) =>
        {
            int n = a.GetInt("capital_frequency");
            var relation = a.GetRelation("capital_relation");
            return new(id, $"Words in all capital letters should appear {relation.Words()} {n} times.",
                r => relation.Holds(IfevalText.WordTokens(r).Count(IfevalText.IsUpper), n));
        });
        yield return new("change_case:english_capital", (id, _) => new(id, "Entire response in English and in capital letters.",
            r => IfevalText.IsUpper(r) && IsEnglishOrUnknown(r)));
        yield return new("change_case:english_lowercase", (id, _) => new(id, "Entire response in English and in lowercase letters.",
            r => IfevalText.IsLower(r) && IsEnglishOrUnknown(r)));
    }

    private static bool IsEnglishOrUnknown(string response) => LanguageDetector.Detect(response) is null or "en";
}
