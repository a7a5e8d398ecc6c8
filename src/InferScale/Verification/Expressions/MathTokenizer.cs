namespace InferScale.Verification.Expressions;

/// <summary>Splits a cleaned answer (see <see cref="LatexCleaner"/>) into tokens.</summary>
internal static class MathTokenizer
{
    private const string SingleOperators = "+-*/^_()[]{},;|!=<>:&'≤≥≠≈∈∪∩±∓";

    public static List<MathToken> Tokenize(string text, MathBudget budget)
    {
        var tokens = new List<MathToken>();
        var i = 0;
        while (i < text.Length)
        {
            budget.Tick();
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '~')
            {
                i++;
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                    i++;
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                        i++;
                }
                tokens.Add(new MathToken(MathTokenKind.Number, text[start..i]));
                continue;
            }
            if (char.IsLetter(c))
            {
                tokens.Add(new MathToken(MathTokenKind.Letter, c.ToString()));
                i++;
                continue;
            }
            if (c == '\\')
            {
                i = ReadCommand(text, i, tokens);
                continue;
            }
            if (SingleOperators.Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new MathToken(MathTokenKind.Operator, c == '∓' ? "±" : c.ToString()));
                i++;
                continue;
            }
            throw new MathParseException($"unexpected character '{c}'");
        }
        tokens.Add(new MathToken(MathTokenKind.EndOfInput, string.Empty));
        return tokens;
    }

    private static int ReadCommand(string text, int i, List<MathToken> tokens)
    {
        var start = i + 1;
        if (start >= text.Length)
            return start;
        var end = start;
        while (end < text.Length && char.IsAsciiLetter(text[end]))
            end++;
        if (end == start)
        {
            var symbol = text[start];
            switch (symbol)
            {
                case '\\':
                    tokens.Add(new MathToken(MathTokenKind.Operator, "\\\\"));
                    break;
                case '{':
                    tokens.Add(new MathToken(MathTokenKind.Operator, "\\{"));
                    break;
                case '}':
                    tokens.Add(new MathToken(MathTokenKind.Operator, "\\}"));
                    break;
                case '|':
                    tokens.Add(new MathToken(MathTokenKind.Operator, "|"));
                    break;
                default:
                    if (!char.IsWhiteSpace(symbol))
                        throw new MathParseException($"unknown command '\\{symbol}'");
                    break;
            }
            return start + 1;
        }
        var name = text[start..end];
        if (name is "begin" or "end" or "text")
        {
            var open = end;
            while (open < text.Length && text[open] == ' ')
                open++;
            if (open < text.Length && text[open] == '{')
            {
                var close = Braces.FindClose(text, open);
                if (close < 0)
                    throw new MathParseException($"unclosed \\{name}");
                var content = text[(open + 1)..close].Trim();
                var kind = name switch { "begin" => MathTokenKind.Begin, "end" => MathTokenKind.End, _ => MathTokenKind.Word };
                tokens.Add(new MathToken(kind, content.TrimEnd('*')));
                return close + 1;
            }
        }
        tokens.Add(new MathToken(MathTokenKind.Command, name));
        return end;
    }
}
