namespace InferScale.Verification.Expressions;

/// <summary>Thrown by the tokenizer and parser for input they do not understand.</summary>
internal sealed class MathParseException : Exception
{
    public MathParseException(string message)
        : base(message)
    {
    }
}
