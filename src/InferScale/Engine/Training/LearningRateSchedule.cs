namespace InferScale.Engine.Training;

/// <summary>Linear warm-up, then cosine decay from the peak to <c>peak·MinLearningRateRatio</c> at the last step.</summary>
public static class LearningRateSchedule
{
    /// <summary>The learning rate of step <paramref name="step"/> (0-based).</summary>
    public static float At(TrainingOptions options, long step)
    {
        ArgumentNullException.ThrowIfNull(options);
        double peak = options.LearningRate;
        if (step < options.WarmupSteps)
            return (float)(peak * (step + 1) / options.WarmupSteps);
        var floor = peak * options.MinLearningRateRatio;
        var span = Math.Max(1, options.Steps - 1 - options.WarmupSteps);
        var progress = Math.Clamp((double)(step - options.WarmupSteps) / span, 0, 1);
        return (float)(floor + 0.5 * (peak - floor) * (1 + Math.Cos(Math.PI * progress)));
    }
}
