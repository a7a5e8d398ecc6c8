namespace InferScale.Engine.Training;

/// <summary>Softmax cross-entropy over rows of logits with a per-row weight (the loss mask).</summary>
internal static class CrossEntropy
{
    /// <summary>
    /// For rows <c>[r0, r1)</c>: writes <c>−log softmax(logits)[target]</c> to <paramref name="rowLoss"/> (0 where the mask is
    /// 0) and replaces the logits by the softmax probabilities (kept for <see cref="Backward"/>).
    /// </summary>
    public static void Forward(Span<float> logits, ReadOnlySpan<int> targets, ReadOnlySpan<float> mask, Span<float> rowLoss, int vocab, int r0, int r1)
    {
        for (var r = r0; r < r1; r++)
        {
            var row = logits.Slice(r * vocab, vocab);
            var max = float.NegativeInfinity;
            foreach (var x in row)
                max = MathF.Max(max, x);
            var target = row[targets[r]];
            var sum = 0f;
            for (var i = 0; i < vocab; i++)
            {
                var e = MathF.Exp(row[i] - max);
                row[i] = e;
                sum += e;
            }
            var inv = 1f / sum;
            for (var i = 0; i < vocab; i++)
                row[i] *= inv;
            rowLoss[r] = mask[r] == 0 ? 0f : mask[r] * (MathF.Log(sum) + max - target);
        }
    }

    /// <summary>Turns the probabilities of rows <c>[r0, r1)</c> into <c>dLoss/dlogits = mask·(p − onehot(target))·scale</c>, in place.</summary>
    public static void Backward(Span<float> probs, ReadOnlySpan<int> targets, ReadOnlySpan<float> mask, float scale, int vocab, int r0, int r1)
    {
        for (var r = r0; r < r1; r++)
        {
            var row = probs.Slice(r * vocab, vocab);
            var w = mask[r] * scale;
            if (w == 0)
            {
                row.Clear();
                continue;
            }
            System.Numerics.Tensors.TensorPrimitives.Multiply(row, w, row);
            row[targets[r]] -= w;
        }
    }
}
