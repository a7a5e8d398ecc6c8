namespace InferScale.Verification.Constraints;

/// <summary>IFEval's <c>language:response_language</c>.</summary>
internal static class LanguageConstraints
{
    public static IEnumerable<KeyValuePair<string, Func<string, ConstraintArguments, InstructionConstraint>>> Factories()
    {
        yield return new("language:response_language", (id, a) =>
        {
            var language = a.GetString("language");
            return new(id, $"Entire response in language '{language}'.", r => LanguageDetector.Detect(r) is not { } detected || detected == language);
        });
    }
}
