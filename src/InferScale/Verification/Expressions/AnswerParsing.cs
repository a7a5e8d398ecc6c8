namespace InferScale.Verification.Expressions;

/// <summary>Cleans and parses one answer, retrying on the last <c>=</c> part as Math-Verify does.</summary>
internal static class AnswerParsing
{
    public static ParsedAnswer Parse(string rawAnswer, MathBudget budget)
    {
        var cleaned = LatexCleaner.Clean(rawAnswer);
        var isPercent = rawAnswer.Contains('%', StringComparison.Ordinal) || rawAnswer.Contains("percent", StringComparison.OrdinalIgnoreCase)
            || rawAnswer.Contains("pct", StringComparison.OrdinalIgnoreCase);
        return new ParsedAnswer(cleaned, TryParse(cleaned, budget), isPercent);
    }

    public static MathNode? TryParse(string cleaned, MathBudget budget)
    {
        if (cleaned.Length == 0)
            return null;
        try
        {
            return MathParser.Parse(cleaned, budget);
        }
        catch (MathParseException)
        {
            if (cleaned.Contains(',', StringComparison.Ordinal) || cleaned.Contains(';', StringComparison.Ordinal))
                return null;
            var parts = cleaned.Split('=');
            if (parts.Length <= 2)
                return null;
            try
            {
                return MathParser.Parse(parts[^1], budget);
            }
            catch (MathParseException)
            {
                return null;
            }
        }
    }
}
