namespace InferScale.Engine.Training;

/// <summary>
/// One training batch: <see cref="BatchSize"/> rows of <see cref="SequenceLength"/> positions, flattened row-major
/// (index <c>b·T + t</c>). Position <c>t</c> reads <see cref="Inputs"/>[t] and is trained to predict
/// <see cref="Targets"/>[t], weighted by <see cref="LossMask"/>[t] (a reward model with a value head is instead trained
/// toward <see cref="ValueTargets"/>[t] at the weighted positions). A row may pack several documents:
/// <see cref="Positions"/> restarts at 0 at each document's first token, and attention never crosses that boundary.
/// </summary>
public sealed class TrainingBatch
{
    /// <summary>An empty batch of the given shape (all positions 0, mask 0).</summary>
    public TrainingBatch(int batchSize, int sequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceLength);
        BatchSize = batchSize;
        SequenceLength = sequenceLength;
        var n = batchSize * sequenceLength;
        Inputs = new int[n];
        Targets = new int[n];
        Positions = new int[n];
        LossMask = new float[n];
        ValueTargets = new float[n];
    }

    /// <summary>Rows (B).</summary>
    public int BatchSize { get; }

    /// <summary>Positions per row (T).</summary>
    public int SequenceLength { get; }

    /// <summary>Input token ids [B·T].</summary>
    public int[] Inputs { get; }

    /// <summary>Next-token targets [B·T].</summary>
    public int[] Targets { get; }

    /// <summary>Position of each token inside its document [B·T] (0 at a document start; the RoPE position).</summary>
    public int[] Positions { get; }

    /// <summary>Loss weight of each position [B·T]: 1 = trained (completion tokens by default), 0 = ignored (prompt, padding).</summary>
    public float[] LossMask { get; }

    /// <summary>
    /// Soft labels in [0, 1] for a model with a value head [B·T]: the probability that the solution read up to and
    /// including position t is (or will end) correct. Read only by value-head models, where the loss is
    /// <c>Σ mask·BCE(sigmoid(v), target) / Σ mask</c> and <see cref="Targets"/> are ignored.
    /// </summary>
    public float[] ValueTargets { get; }

    /// <summary>Positions with a non-zero loss weight.</summary>
    public int TrainedTokens => LossMask.Count(m => m != 0);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first weighted position whose <see cref="ValueTargets"/> entry is outside [0, 1].</summary>
    public void ValidateValueTargets()
    {
        for (var i = 0; i < LossMask.Length; i++)
        {
            if (LossMask[i] != 0 && !(ValueTargets[i] >= 0 && ValueTargets[i] <= 1))
                throw new ArgumentException($"ValueTargets[{i / SequenceLength},{i % SequenceLength}] = {ValueTargets[i]} must be in [0, 1].", nameof(ValueTargets));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad entry (token id out of range, broken positions, negative weight).</summary>
    public void Validate(int vocabSize, int contextLength)
    {
        for (var b = 0; b < BatchSize; b++)
        {
            for (var t = 0; t < SequenceLength; t++)
            {
                var i = b * SequenceLength + t;
                if ((uint)Inputs[i] >= (uint)vocabSize)
                    throw new ArgumentException($"Inputs[{b},{t}] = {Inputs[i]} is outside the vocabulary (0..{vocabSize - 1}).", nameof(Inputs));
                if ((uint)Targets[i] >= (uint)vocabSize)
                    throw new ArgumentException($"Targets[{b},{t}] = {Targets[i]} is outside the vocabulary (0..{vocabSize - 1}).", nameof(Targets));
                var p = Positions[i];
                if (p != 0 && (t == 0 || p != Positions[i - 1] + 1))
                    throw new ArgumentException($"Positions[{b},{t}] = {p}; a position must be 0 or the previous position + 1.", nameof(Positions));
                if (p >= contextLength)
                    throw new ArgumentException($"Positions[{b},{t}] = {p} reaches the context length {contextLength}.", nameof(Positions));
                if (!(LossMask[i] >= 0) || float.IsInfinity(LossMask[i]))
                    throw new ArgumentException($"LossMask[{b},{t}] = {LossMask[i]} must be a finite weight ≥ 0.", nameof(LossMask));
            }
        }
    }
}
