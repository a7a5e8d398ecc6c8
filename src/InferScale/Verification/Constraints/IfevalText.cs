using System.Text.RegularExpressions;

namespace InferScale.Verification.Constraints;

/// <summary>
/// Text measures with IFEval's definitions: words are <c>\w+</c> runs (nltk's RegexpTokenizer), sentences come from
/// IFEval's own rule-based splitter (abbreviations, acronyms, decimals, websites), and word tokens for case checks
/// approximate nltk's Treebank tokenizer (words, contractions and punctuation as separate tokens).
/// </summary>
public static partial class IfevalText
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>Number of <c>\w+</c> runs.</summary>
    public static int CountWords(string text) => WordRegex().Count(text);

    /// <summary>Number of sentences by IFEval's splitter.</summary>
    public static int CountSentences(string text) => SplitSentences(text).Count;

    /// <summary>Splits into sentences the way IFEval's <c>split_into_sentences</c> does.</summary>
    public static IReadOnlyList<string> SplitSentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string alphabets = "([A-Za-z])";
        const string prefixes = "(Mr|St|Mrs|Ms|Dr)[.]";
        const string suffixes = "(Inc|Ltd|Jr|Sr|Co)";
        const string starters = @"(Mr|Mrs|Ms|Dr|Prof|Capt|Cpt|Lt|He\s|She\s|It\s|They\s|Their\s|Our\s|We\s|But\s|However\s|That\s|This\s|Wherever)";
        const string acronyms = "([A-Z][.][A-Z][.](?:[A-Z][.])?)";
        const string websites = "[.](com|net|org|io|gov|edu|me)";
        const string digits = "([0-9])";

        var t = " " + text + "  ";
        t = t.Replace("\n", " ", StringComparison.Ordinal);
        t = Regex.Replace(t, prefixes, "$1<prd>", RegexOptions.None, Timeout);
        t = Regex.Replace(t, websites, "<prd>$1", RegexOptions.None, Timeout);
        t = Regex.Replace(t, digits + "[.]" + digits, "$1<prd>$2", RegexOptions.None, Timeout);
        t = Regex.Replace(t, @"\.{2,}", m => string.Concat(Enumerable.Repeat("<prd>", m.Length)) + "<stop>", RegexOptions.None, Timeout);
        if (t.Contains("Ph.D", StringComparison.Ordinal))
            t = t.Replace("Ph.D.", "Ph<prd>D<prd>", StringComparison.Ordinal);
        t = Regex.Replace(t, @"\s" + alphabets + "[.] ", " $1<prd> ", RegexOptions.None, Timeout);
        t = Regex.Replace(t, acronyms + " " + starters, "$1<stop> $2", RegexOptions.None, Timeout);
        t = Regex.Replace(t, alphabets + "[.]" + alphabets + "[.]" + alphabets + "[.]", "$1<prd>$2<prd>$3<prd>", RegexOptions.None, Timeout);
        t = Regex.Replace(t, alphabets + "[.]" + alphabets + "[.]", "$1<prd>$2<prd>", RegexOptions.None, Timeout);
        t = Regex.Replace(t, " " + suffixes + "[.] " + starters, " $1<stop> $2", RegexOptions.None, Timeout);
        t = Regex.Replace(t, " " + suffixes + "[.]", " $1<prd>", RegexOptions.None, Timeout);
        t = Regex.Replace(t, " " + alphabets + "[.]", " $1<prd>", RegexOptions.None, Timeout);
        if (t.Contains('\u201d', StringComparison.Ordinal))
            t = t.Replace(".\u201d", "\u201d.", StringComparison.Ordinal);
        t = t.Replace(".\"", "\".", StringComparison.Ordinal)
             .Replace("!\"", "\"!", StringComparison.Ordinal)
             .Replace("?\"", "\"?", StringComparison.Ordinal)
             .Replace(".", ".<stop>", StringComparison.Ordinal)
             .Replace("?", "?<stop>", StringComparison.Ordinal)
             .Replace("!", "!<stop>", StringComparison.Ordinal)
             .Replace("<prd>", ".", StringComparison.Ordinal);
        var sentences = t.Split("<stop>").Select(s => s.Trim()).ToList();
        if (sentences.Count > 0 && sentences[^1].Length == 0)
            sentences.RemoveAt(sentences.Count - 1);
        return sentences;
    }

    /// <summary>Word tokens approximating nltk's <c>word_tokenize</c>: words, clitics (<c>'s</c>, <c>n't</c>) and punctuation runs.</summary>
    public static IReadOnlyList<string> WordTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TokenRegex().Matches(text).Select(m => m.Value).ToList();
    }

    /// <summary>Python's <c>str.isupper()</c>: at least one cased character and no lowercase one.</summary>
    public static bool IsUpper(string text)
    {
        var cased = false;
        foreach (var c in text)
        {
            if (char.IsLower(c))
                return false;
            if (char.IsUpper(c))
                cased = true;
        }
        return cased;
    }

    /// <summary>Python's <c>str.islower()</c>: at least one cased character and no uppercase one.</summary>
    public static bool IsLower(string text)
    {
        var cased = false;
        foreach (var c in text)
        {
            if (char.IsUpper(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.TitlecaseLetter)
                return false;
            if (char.IsLower(c))
                cased = true;
        }
        return cased;
    }

    [GeneratedRegex(@"\w+", RegexOptions.None, 1000)]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"n't\b|'(?:s|re|ve|ll|d|m)\b|\w+(?=n't\b)|\w+|[^\w\s]+", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex TokenRegex();
}
