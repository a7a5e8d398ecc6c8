namespace InferScale.Compute;

/// <summary>
/// Snell et al.'s exchange rate between pretraining and inference compute. Pretraining costs <c>6·N·D_pretrain</c>,
/// inference <c>2·N·D_inference</c>; with <c>R = D_inference / D_pretrain</c>, matching a model <c>M</c>× larger
/// allows the small model <c>M + 3·(M − 1)/R</c> times its inference compute.
/// </summary>
public static class ExchangeRate
{
    /// <summary>The inference-compute multiplier the small model may spend to match a model <paramref name="sizeRatio"/>× larger.</summary>
    public static double InferenceMultiplier(double sizeRatio, double inferenceToPretrainRatio)
    {
        if (!(sizeRatio >= 1))
            throw new ArgumentOutOfRangeException(nameof(sizeRatio), sizeRatio, "The size ratio M must be >= 1.");
        if (!(inferenceToPretrainRatio > 0))
            throw new ArgumentOutOfRangeException(nameof(inferenceToPretrainRatio), inferenceToPretrainRatio, "R = D_inference / D_pretrain must be > 0.");
        return sizeRatio + 3.0 * (sizeRatio - 1.0) / inferenceToPretrainRatio;
    }
}
