using InferScale.Verification.Expressions;

namespace InferScale.Verification;

/// <summary>
/// Extracts final answers from math solutions and decides whether two answers are the same, in the manner of
/// Hugging Face's Math-Verify (see <c>docs/DESIGN.md</c>): GSM8K <c>#### 42</c>, <c>\boxed{…}</c>/<c>\fbox{…}</c>,
/// "the final answer is …", math environments and a last-number fallback; numbers, fractions, radicals, π, percentages,
/// expressions (seeded random points), equations and inequalities, tuples, sets, intervals and matrices.
/// Deterministic and thread-safe; every call is bounded by <see cref="MathAnswerOptions.TimeLimit"/> and
/// <see cref="MathAnswerOptions.MaxOperations"/>, past which the result is "no answer" / "not equivalent".
/// </summary>
public sealed class MathAnswerChecker : IAnswerExtractor, IAnswerEquivalence
{
    private readonly MathAnswerOptions _options;

    /// <summary>Builds a checker; <paramref name="options"/> (default: <see cref="MathAnswerOptions"/> defaults) are validated here.</summary>
    public MathAnswerChecker(MathAnswerOptions? options = null)
    {
        _options = options ?? new MathAnswerOptions();
        _options.Validate();
    }

    /// <summary>A shared checker with default options.</summary>
    public static MathAnswerChecker Default { get; } = new();

    /// <summary>The options in use.</summary>
    public MathAnswerOptions Options => _options;

    /// <inheritdoc />
    public string? Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return ExtractCore(text, NewBudget())?.Text;
        }
        catch (MathBudgetExceededException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public bool AreEquivalent(string gold, string predicted) => Verify(gold, predicted).IsEquivalent;

    /// <summary>
    /// Extracts the answer from both texts (each may be a full solution, <c>$…$</c>, or an answer already) and compares them,
    /// gold first (the relation is not symmetric: <c>x = 3</c> as gold accepts <c>3</c>).
    /// </summary>
    public MathVerdict Verify(string goldText, string predictedText)
    {
        ArgumentNullException.ThrowIfNull(goldText);
        ArgumentNullException.ThrowIfNull(predictedText);
        var budget = NewBudget();
        ParsedAnswer? gold = null;
        ParsedAnswer? predicted = null;
        try
        {
            gold = ExtractCore(goldText, budget);
            predicted = ExtractCore(predictedText, budget);
            return new MathVerdict(gold?.Text, predicted?.Text, gold is not null && predicted is not null && Compare(gold, predicted, budget));
        }
        catch (MathBudgetExceededException)
        {
            return new MathVerdict(gold?.Text, predicted?.Text, false);
        }
    }

    private MathBudget NewBudget() => new(_options.TimeProvider, _options.TimeLimit, _options.MaxOperations);

    private ParsedAnswer? ExtractCore(string text, MathBudget budget)
    {
        var gsm8k = Gsm8kAnswer(text);
        if (gsm8k is not null)
            return AnswerParsing.Parse(gsm8k, budget);
        return AnswerExtractor.Extract(text, budget, _options.MaxScanLength);
    }

    /// <summary>The text after the last <c>####</c> line marker (GSM8K style), or null.</summary>
    private static string? Gsm8kAnswer(string text)
    {
        var marker = text.LastIndexOf("####", StringComparison.Ordinal);
        if (marker < 0)
            return null;
        var rest = text[(marker + 4)..];
        var newline = rest.IndexOf('\n', StringComparison.Ordinal);
        var answer = (newline >= 0 ? rest[..newline] : rest).Trim().TrimEnd('.');
        // "#### Step 1" is a Markdown heading, not a GSM8K answer: only a number counts.
        var isNumber = answer.Any(char.IsAsciiDigit) && answer.All(c => char.IsAsciiDigit(c) || c is ',' or '.' or '-' or ' ' or '$');
        return isNumber ? answer.Replace(",", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal).Trim() : null;
    }

    private bool Compare(ParsedAnswer gold, ParsedAnswer predicted, MathBudget budget)
    {
        if (LatexCleaner.Canonical(gold.Text) == LatexCleaner.Canonical(predicted.Text))
            return true;
        if (gold.Node is null || predicted.Node is null)
            return false;
        var comparer = new MathComparer(budget, _options.RelativeTolerance, _options.Seed, _options.SamplePoints, _options.AcceptRoundedDecimals);
        if (comparer.Equivalent(gold.Node, predicted.Node))
            return true;
        // "50%" and "0.5" are the same answer; the percent sign is dropped by the cleaner, so try the scaled reading too.
        if (gold.IsPercent == predicted.IsPercent || gold.Node.IsCollection || predicted.Node.IsCollection)
            return false;
        var hundred = MathNode.Integer(100);
        return gold.IsPercent
            ? comparer.Equivalent(MathNode.Of(MathNodeKind.Divide, gold.Node, hundred), predicted.Node)
            : comparer.Equivalent(gold.Node, MathNode.Of(MathNodeKind.Divide, predicted.Node, hundred));
    }
}
