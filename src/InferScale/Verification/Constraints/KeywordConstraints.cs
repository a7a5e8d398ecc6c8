using System.Text.RegularExpressions;

namespace InferScale.Verification.Constraints;

/// <summary>IFEval's <c>keywords:*</c> family (keywords are regular expressions matched case-insensitively, as in IFEval).</summary>
internal static class KeywordConstraints
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public static IEnumerable<KeyValuePair<string, Func<string, ConstraintArguments, InstructionConstraint>>> Factories()
    {
        yield return new("keywords:existence", (id, a) =>
        {
            var keywords = a.GetStrings("keywords").Order(StringComparer.Ordinal).ToArray();
            var patterns = keywords.Select(k => new Regex(k, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout)).ToArray();
            return new(id, $"Include keywords {string.Join(", ", keywords)}.", r => patterns.All(p => p.IsMatch(r)));
        });
        yield return new("keywords:forbidden_words", (id, a) =>
        {
            var words = a.GetStrings("forbidden_words").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var patterns = words.Select(w => new Regex(@"\b" + w + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout)).ToArray();
            return new(id, $"Do not include keywords {string.Join(", ", words)}.", r => !patterns.Any(p => p.IsMatch(r)));
        });
        yield return new("keywords:frequency", (id, a) =>
        {
            var keyword = a.GetString("keyword").Trim();
            int n = a.GetInt("frequency");
            var relation = a.GetRelation("relation");
            var pattern = new Regex(keyword, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);
            return new(id, $"The word {keyword} should appear {relation.Words()} {n} times.", r => relation.Holds(pattern.Count(r), n));
        });
        yield return new("keywords:letter_frequency", (id, a) =>
        {
            var letter = a.GetString("letter").Trim().ToLowerInvariant();
            if (letter.Length != 1)
                throw new ArgumentException($"Instruction {id}: argument 'letter' must be a single letter, not \"{letter}\".");
            int n = a.GetInt("let_frequency");
            var relation = a.GetRelation("let_relation");
            var c = letter[0];
            return new(id, $"The letter {letter} should appear {relation.Words()} {n} times.",
                r => relation.Holds(r.ToLowerInvariant().Count(x => x == c), n));
        });
    }
}
