namespace InferScale.Verification.Expressions;

/// <summary>One token of a cleaned answer.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">Its text (see <see cref="MathTokenKind"/>).</param>
internal readonly record struct MathToken(MathTokenKind Kind, string Text)
{
    public bool Is(string op) => Kind == MathTokenKind.Operator && Text == op;

    public bool IsCommand(string name) => Kind == MathTokenKind.Command && Text == name;
}
