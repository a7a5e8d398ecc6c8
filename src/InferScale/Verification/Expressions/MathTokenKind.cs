namespace InferScale.Verification.Expressions;

/// <summary>The kinds of <see cref="MathToken"/>.</summary>
internal enum MathTokenKind
{
    /// <summary>Digits with an optional decimal part.</summary>
    Number,
    /// <summary>One letter (a variable).</summary>
    Letter,
    /// <summary>A backslash command; the text is its name without the backslash.</summary>
    Command,
    /// <summary>A word from <c>\text{…}</c>.</summary>
    Word,
    /// <summary>An operator or punctuation; the text is the operator.</summary>
    Operator,
    /// <summary><c>\begin{env}</c>; the text is the environment name.</summary>
    Begin,
    /// <summary><c>\end{env}</c>; the text is the environment name.</summary>
    End,
    /// <summary>End of input.</summary>
    EndOfInput,
}
