using System.Numerics.Tensors;

namespace InferScale.Engine.Training;

/// <summary>
/// Runs a training run step by step: batch <c>s</c> from the data stream, forward and backward, global-norm
/// clipping, AdamW at the scheduled learning rate. Everything that shapes the result is a function of
/// (config, options, step), so <see cref="CreateCheckpoint"/> and <see cref="FromCheckpoint"/> continue a run
/// bit-identically, and the thread count never changes a bit of it. Not thread-safe.
/// </summary>
public sealed class Trainer
{
    private readonly ITrainingData _data;
    private readonly TimeProvider _time;

    /// <summary>A fresh run: weights initialised from <see cref="TrainingOptions.Seed"/> (see <see cref="TrainingModel.CreateInitialized"/>).</summary>
    public Trainer(TransformerConfig config, TrainingOptions options, ITrainingData data, int threads = 1, TimeProvider? time = null)
        : this(Prepare(config, options), options, data, threads, time)
    {
    }

    private Trainer(TrainingModel model, TrainingOptions options, ITrainingData data, int threads, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(data);
        Model = model;
        Model.Threads = threads;
        Options = options;
        Optimizer = new AdamW(model.Layout);
        _data = data;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Continues the run saved in <paramref name="checkpoint"/> with its config and options.</summary>
    public static Trainer FromCheckpoint(TrainingCheckpoint checkpoint, ITrainingData data, int threads = 1, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        checkpoint.Options.Validate(checkpoint.Config);
        var model = new TrainingModel(checkpoint.Config, checkpoint.ValueHead);
        checkpoint.Parameters.CopyTo(model.Parameters, 0);
        var trainer = new Trainer(model, checkpoint.Options, data, threads, time);
        checkpoint.M.CopyTo(trainer.Optimizer.M, 0);
        checkpoint.V.CopyTo(trainer.Optimizer.V, 0);
        trainer.Optimizer.Step = checkpoint.Step;
        return trainer;
    }

    /// <summary>
    /// A fresh run (step 0) that starts from <paramref name="model"/>'s current parameters instead of a random
    /// initialisation, for example a reward model built from a policy's weights; the model is trained in place.
    /// </summary>
    public static Trainer FromModel(TrainingModel model, TrainingOptions options, ITrainingData data, int threads = 1, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(model.Config);
        return new Trainer(model, options, data, threads, time);
    }

    /// <summary>The model being trained.</summary>
    public TrainingModel Model { get; }

    /// <summary>The run's options.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The optimiser state.</summary>
    public AdamW Optimizer { get; }

    /// <summary>Steps completed.</summary>
    public long Step => Optimizer.Step;

    /// <summary>Whether all <see cref="TrainingOptions.Steps"/> are done.</summary>
    public bool IsComplete => Step >= Options.Steps;

    /// <summary>Runs the next step.</summary>
    public TrainingStepResult RunStep()
    {
        var start = _time.GetTimestamp();
        var step = Step;
        var batch = _data.Batch(step, Options.BatchSize, Options.SequenceLength);
        var loss = Model.ForwardBackward(batch);
        var norm = AdamW.GlobalNorm(Model.Gradients);
        if (!double.IsFinite(norm) || !float.IsFinite(loss))
            throw new InvalidOperationException($"Training diverged at step {step + 1}: loss {loss}, gradient norm {norm}. Lower the learning rate.");
        if (Options.GradClip > 0 && norm > Options.GradClip)
            TensorPrimitives.Multiply(Model.Gradients, (float)(Options.GradClip / norm), Model.Gradients);
        var lr = LearningRateSchedule.At(Options, step);
        Optimizer.Update(Model.Parameters, Model.Gradients, lr, Options, Model.Threads);
        var elapsed = _time.GetElapsedTime(start);
        return new TrainingStepResult(Step, loss, lr, (float)norm, batch.Inputs.Length, batch.TrainedTokens, elapsed);
    }

    /// <summary>A snapshot of the run (copies of parameters and moments).</summary>
    public TrainingCheckpoint CreateCheckpoint() => new()
    {
        Config = Model.Config,
        Options = Options,
        ValueHead = Model.HasValueHead,
        Step = Step,
        Parameters = (float[])Model.Parameters.Clone(),
        M = (float[])Optimizer.M.Clone(),
        V = (float[])Optimizer.V.Clone(),
    };

    private static TrainingModel Prepare(TransformerConfig config, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(config);
        return TrainingModel.CreateInitialized(config, options.Seed);
    }
}
