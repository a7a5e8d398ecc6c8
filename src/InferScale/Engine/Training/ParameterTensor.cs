namespace InferScale.Engine.Training;

/// <summary>One tensor inside <see cref="TrainingModel"/>'s flat parameter array.</summary>
/// <param name="Name">GGUF tensor name, e.g. <c>blk.0.attn_q.weight</c>.</param>
/// <param name="Offset">First element in the flat array.</param>
/// <param name="Rows">Rows (output features; 1 for a norm vector).</param>
/// <param name="Cols">Columns (input features).</param>
/// <param name="Kind">What the tensor is, which decides its initialisation and weight decay.</param>
public readonly record struct ParameterTensor(string Name, int Offset, int Rows, int Cols, ParameterKind Kind)
{
    /// <summary>Elements in the tensor.</summary>
    public int Length => Rows * Cols;

    /// <summary>Whether AdamW's decoupled weight decay applies (projection matrices and an untied output head; not norms or the token embedding).</summary>
    public bool Decays => Kind is ParameterKind.Matrix or ParameterKind.ResidualMatrix or ParameterKind.OutputHead;
}
