namespace InferScale.Verification.Expressions;

/// <summary>Brace matching over raw text, iterative (no recursion, so deep nesting cannot overflow the stack).</summary>
internal static class Braces
{
    /// <summary>The index of the <c>}</c> closing the <c>{</c> at <paramref name="open"/>, or -1. Escaped braces <c>\{ \}</c> are skipped.</summary>
    public static int FindClose(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                i++;
                continue;
            }
            if (c == '{')
                depth++;
            else if (c == '}' && --depth == 0)
                return i;
        }
        return -1;
    }
}
