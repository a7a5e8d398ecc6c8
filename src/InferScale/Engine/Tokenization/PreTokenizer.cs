using System.Text.RegularExpressions;

namespace InferScale.Engine;

/// <summary>
/// Splits text into words before BPE, as llama.cpp does for a given <c>tokenizer.ggml.pre</c>: each regex in turn splits
/// every piece left by the previous one into its matches and the gaps between them (llama.cpp's <c>unicode_regex_split</c>).
/// </summary>
/// <remarks>
/// The regexes are llama.cpp's for each pre-tokenizer. .NET classifies characters per UTF-16 unit, so a letter or digit
/// outside the Basic Multilingual Plane is treated as a symbol (llama.cpp classifies whole code points); text in the BMP,
/// including emoji (symbols in both), splits the same.
/// </remarks>
internal sealed class PreTokenizer
{
    private const string Gpt2 = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)";
    private const string Llama3 = @"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";
    private const string Qwen2 = @"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private readonly Regex[] _regexes;

    private PreTokenizer(string name, bool ignoreMerges, params string[] patterns)
    {
        Name = name;
        IgnoreMerges = ignoreMerges;
        _regexes = patterns.Select(p => new Regex(p, RegexOptions.Compiled | RegexOptions.CultureInvariant)).ToArray();
    }

    /// <summary>The canonical name (llama.cpp's pre-tokenizer family).</summary>
    public string Name { get; }

    /// <summary>Whether a word that is itself a token is emitted whole without merging (llama.cpp's <c>ignore_merges</c>).</summary>
    public bool IgnoreMerges { get; }

    /// <summary>The <c>tokenizer.ggml.pre</c> values supported, and what they map to.</summary>
    public static IReadOnlyList<string> SupportedNames { get; } =
        ["default (or absent)", "gpt-2", "phi-2", "mpt", "olmo", "jina-es", "jina-de", "roberta-bpe", "llama-bpe", "llama3", "dbrx", "smaug-bpe", "qwen2", "stablelm2", "smollm", "starcoder", "refact", "codeshell", "falcon"];

    /// <summary>The pre-tokenizer for a <c>tokenizer.ggml.pre</c> value; <see langword="null"/> when it is not supported.</summary>
    public static PreTokenizer? TryCreate(string? pre) => pre switch
    {
        null or "" or "default" => new PreTokenizer("default", false, @"[\p{P}\$\+<=>\^~\|]+", Gpt2, @"\p{N}+", "[0-9][0-9][0-9]"),
        "gpt-2" or "gpt2" or "phi-2" or "mpt" or "olmo" or "jina-es" or "jina-de" or "roberta-bpe" => new PreTokenizer("gpt-2", false, Gpt2),
        "llama-bpe" or "llama3" or "dbrx" or "smaug-bpe" => new PreTokenizer("llama3", true, Llama3),
        "qwen2" or "stablelm2" => new PreTokenizer("qwen2", false, Qwen2),
        "smollm" or "starcoder" or "refact" or "codeshell" => new PreTokenizer("starcoder", false, @"\p{N}", Gpt2),
        "falcon" => new PreTokenizer("falcon", false, @"[\p{P}\$\+<=>\^~\|`]+", Gpt2, "[0-9][0-9][0-9]"),
        _ => null,
    };

    /// <summary>Splits <paramref name="text"/>[<paramref name="start"/>..+<paramref name="length"/>] into words, appending (start, length) pairs.</summary>
    public void Split(string text, int start, int length, List<(int Start, int Length)> words)
    {
        if (length == 0)
            return;
        if (_regexes.Length == 1)
        {
            SplitOne(_regexes[0], text, start, length, words);
            return;
        }
        var current = new List<(int, int)> { (start, length) };
        var next = new List<(int, int)>();
        foreach (var regex in _regexes)
        {
            next.Clear();
            foreach (var (s, l) in current)
                SplitOne(regex, text, s, l, next);
            (current, next) = (next, current);
        }
        words.AddRange(current);
    }

    private static void SplitOne(Regex regex, string text, int start, int length, List<(int, int)> output)
    {
        // Match on the piece alone so that look-arounds see the piece's ends, as llama.cpp's per-piece matching does.
        var piece = start == 0 && length == text.Length ? text : text.Substring(start, length);
        var position = 0;
        for (var m = regex.Match(piece); m.Success; m = m.NextMatch())
        {
            if (m.Length == 0)
                continue;
            if (m.Index > position)
                output.Add((start + position, m.Index - position));
            output.Add((start + m.Index, m.Length));
            position = m.Index + m.Length;
        }
        if (position < length)
            output.Add((start + position, length - position));
    }
}
