using System.Text.RegularExpressions;

namespace InferScale.Verification.Constraints;

/// <summary>IFEval's <c>length_constraints:*</c> family.</summary>
internal static partial class LengthConstraints
{
    public static IEnumerable<KeyValuePair<string, Func<string, ConstraintArguments, InstructionConstraint>>> Factories()
    {
        yield return new("length_constraints:number_words", (id, a) =>
        {
            int n = a.GetInt("num_words");
            var relation = a.GetRelation("relation");
            return new(id, $"Answer with {relation.Words()} {n} words.", r => relation.Holds(IfevalText.CountWords(r), n));
        });
        yield return new("length_constraints:number_sentences", (id, a) =>
        {
            int n = a.GetInt("num_sentences");
            var relation = a.GetRelation("relation");
            return new(id, $"Your response should contain {relation.Words()} {n} sentences.", r => relation.Holds(IfevalText.CountSentences(r), n));
        });
        yield return new("length_constraints:number_paragraphs", (id, a) =>
        {
            int n = a.GetInt("num_paragraphs");
            return new(id, $"There should be {n} paragraphs separated by ***.", r => CountStarParagraphs(r) == n);
        });
        yield return new("length_constraints:nth_paragraph_first_word", (id, a) =>
        {
            int n = a.GetInt("num_paragraphs");
            int nth = a.GetInt("nth_paragraph");
            var first = a.GetString("first_word").ToLowerInvariant();
            return new(id, $"There should be {n} paragraphs separated by blank lines; paragraph {nth} must start with '{first}'.",
                r => NthParagraphFirstWord(r, n, nth, first));
        });
    }

    /// <summary>Paragraphs split by <c>***</c>; an empty one in the middle fails (-1), empty ends are not counted.</summary>
    private static int CountStarParagraphs(string response)
    {
        var paragraphs = StarDivider().Split(response);
        var count = paragraphs.Length;
        for (var i = 0; i < paragraphs.Length; i++)
        {
            if (paragraphs[i].Trim().Length > 0)
                continue;
            if (i == 0 || i == paragraphs.Length - 1)
                count--;
            else
                return -1;
        }
        return count;
    }

    private static bool NthParagraphFirstWord(string response, int expected, int nth, string firstWord)
    {
        var paragraphs = response.Split("\n\n");
        var count = paragraphs.Count(p => p.Trim().Length > 0);
        if (nth < 1 || nth > count)
            return false;
        var paragraph = paragraphs[nth - 1].Trim();
        if (paragraph.Length == 0)
            return false;
        var word = paragraph.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0].Trim().TrimStart('\'').TrimStart('"');
        var letters = new System.Text.StringBuilder();
        foreach (var c in word)
        {
            if (c is '.' or ',' or '?' or '!' or '\'' or '"')
                break;
            letters.Append(char.ToLowerInvariant(c));
        }
        return count == expected && letters.ToString() == firstWord;
    }

    [GeneratedRegex(@"\s?\*\*\*\s?", RegexOptions.None, 1000)]
    private static partial Regex StarDivider();
}
