namespace InferScale.Engine.Reward;

/// <summary>
/// How a reward model reads a solution, shared by labelling, training and scoring so that all three see the same
/// tokens at the same positions: <c>BOS + prompt + solution</c>, the solution's line endings normalised to <c>\n</c> and
/// a final <c>\n</c> added when the last line has none. Every non-blank line is one step (as
/// <see cref="Tasks.Arith.ArithStepRewardModel"/> counts them), and a step is scored at the token holding its
/// terminating newline, so the score of a step prefix <c>"s1\ns2\n"</c> (or <c>"s1\ns2"</c>) is the score of step 2 inside
/// any longer solution that starts with it. The solution is tokenized one line at a time (each line with its newline),
/// so every step ends on a token boundary whatever the tokenizer.
/// </summary>
public sealed class RewardDocument
{
    /// <summary>The step delimiter: one step per line.</summary>
    public const string StepDelimiter = "\n";

    private RewardDocument(int[] tokens, int promptEnd, int[] stepEnds, string[] steps)
    {
        Tokens = tokens;
        PromptEnd = promptEnd;
        StepEnds = stepEnds;
        Steps = steps;
    }

    /// <summary>All tokens: BOS (when the tokenizer has one), the prompt, then the solution.</summary>
    public int[] Tokens { get; }

    /// <summary>Index of the prompt's last token (where an empty solution is scored).</summary>
    public int PromptEnd { get; }

    /// <summary>Index in <see cref="Tokens"/> of each step's terminating newline, in order.</summary>
    public int[] StepEnds { get; }

    /// <summary>The text of each step (its line, trimmed), in order.</summary>
    public IReadOnlyList<string> Steps { get; }

    /// <summary>Builds the document for <paramref name="prompt"/> and <paramref name="solution"/>.</summary>
    /// <exception cref="ArgumentException">The prompt encodes to no tokens and the tokenizer has no BOS.</exception>
    public static RewardDocument Create(ITokenizer tokenizer, string prompt, string solution)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(solution);
        var tokens = new List<int>(tokenizer.Encode(prompt, addBos: true));
        if (tokens.Count == 0)
            throw new ArgumentException("The prompt encodes to no tokens and the tokenizer has no BOS token.", nameof(prompt));
        var promptEnd = tokens.Count - 1;
        var ends = new List<int>();
        var steps = new List<string>();
        var lines = solution.ReplaceLineEndings(StepDelimiter).Split(StepDelimiter);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var last = i == lines.Length - 1;
            if (last && line.Length == 0)
                break;
            var blank = string.IsNullOrWhiteSpace(line);
            if (last && blank)
            {
                tokens.AddRange(tokenizer.Encode(line, addBos: false));
                break;
            }
            tokens.AddRange(tokenizer.Encode(line + StepDelimiter, addBos: false));
            if (!blank)
            {
                ends.Add(tokens.Count - 1);
                steps.Add(line.Trim());
            }
        }
        return new RewardDocument([.. tokens], promptEnd, [.. ends], [.. steps]);
    }

    /// <summary>The solution text of the first <paramref name="count"/> steps as the document holds it (each line with its newline, blank lines kept).</summary>
    public static string Prefix(string solution, int count)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var lines = solution.ReplaceLineEndings(StepDelimiter).Split(StepDelimiter);
        var text = new System.Text.StringBuilder();
        var seen = 0;
        for (var i = 0; i < lines.Length && seen < count; i++)
        {
            if (i == lines.Length - 1 && lines[i].Length == 0)
                break;
            text.Append(lines[i]).Append(StepDelimiter);
            if (!string.IsNullOrWhiteSpace(lines[i]))
                seen++;
        }
        if (seen < count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The solution has {seen} steps.");
        return text.ToString();
    }
}
