namespace InferScale.Compute;

/// <summary>
/// Kaplan et al.'s inference FLOPs (as used by Brown et al. and Wu et al.): a token processed at context length
/// <c>ctx</c> costs <c>2·(N + 2·n_layer·d_model·ctx)</c>. A prompt shared by several samples is counted once.
/// </summary>
public static class KaplanFlops
{
    /// <summary>FLOPs of one token at context length <paramref name="context"/>.</summary>
    public static double PerToken(ModelShape model, long context)
    {
        ArgumentNullException.ThrowIfNull(model);
        return 2.0 * (model.Parameters + 2.0 * model.Layers * model.ModelDim * context);
    }

    /// <summary>FLOPs of processing tokens at positions <c>start … start + count − 1</c> (closed form of the sum of <see cref="PerToken"/>).</summary>
    public static double Span(ModelShape model, long start, long count)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (count <= 0)
            return 0;
        // Σ_{c=start}^{start+count−1} c = count·start + count·(count−1)/2
        var contextSum = count * (double)start + count * (count - 1) / 2.0;
        return 2.0 * (model.Parameters * (double)count + 2.0 * model.Layers * model.ModelDim * contextSum);
    }

    /// <summary>
    /// FLOPs of <paramref name="samples"/> completions of <paramref name="completionTokens"/> tokens each after a
    /// prompt of <paramref name="promptTokens"/> tokens, the prompt prefilled once and shared.
    /// </summary>
    public static double Sampling(ModelShape model, long promptTokens, long completionTokens, int samples) =>
        Span(model, 0, promptTokens) + samples * Span(model, promptTokens, completionTokens);
}
