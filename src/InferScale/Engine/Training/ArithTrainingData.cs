using InferScale.Tasks.Arith;

using InferScale.Randomness;

namespace InferScale.Engine.Training;

/// <summary>
/// The training stream of the built-in <c>arith</c> task, its levels drawn by <see cref="TrainingOptions.LevelMix"/>. Each document is <c>BOS + prompt + completion + EOS</c>, the
/// prompt and the completion tokenized separately (as the engine sees a prompt and then generates); the completion
/// is the reference solution or, at <see cref="TrainingOptions.SelfCheckRate"/>, one with a self-check <c>Wait</c> trace.
/// <para>
/// Packing: the documents of step <c>s</c> are training problems <c>offset(seed) + s·B·(T+1) + j</c>, j = 0, 1, …,
/// laid back to back into B rows of T+1 tokens (inputs are tokens 0…T−1, targets 1…T). A document that does not fit
/// in a row's remaining space starts the next row; one longer than a whole row is truncated; each row's tail is
/// padding (EOS, position 0, mask 0); the document pending when the last row fills is dropped. Positions restart at
/// every document, so with <see cref="TrainingBatch.Positions"/> attention stays inside each document and every
/// document is seen exactly as at inference. The loss mask is 1 where the target is a completion token or the EOS
/// (or every in-document target with <see cref="TrainingOptions.TrainOnPrompt"/>). Batch <c>s</c> depends only on the
/// seed and <c>s</c>, so resuming at a step replays the same data.
/// </para>
/// </summary>
public sealed class ArithTrainingData : ITrainingData
{
    private readonly ITokenizer _tokenizer;
    private readonly ArithGenerator _generator = new();
    private readonly long _offset;
    private readonly double _selfCheckRate;
    private readonly bool _trainOnPrompt;
    private readonly ArithLevelMix _levelMix;

    /// <summary>The stream for <paramref name="tokenizer"/> (which needs BOS and EOS ids) and the options' seed, level mix, self-check rate and mask rule.</summary>
    public ArithTrainingData(ITokenizer tokenizer, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        if (tokenizer.BosId < 0 || tokenizer.EosId < 0)
            throw new ArgumentException("The tokenizer needs BOS and EOS tokens to delimit training documents.", nameof(tokenizer));
        _tokenizer = tokenizer;
        _offset = (long)(SplitMix64.Combine(options.Seed, 0xDA7A) >> 24);
        _selfCheckRate = options.SelfCheckRate;
        _trainOnPrompt = options.TrainOnPrompt;
        _levelMix = options.LevelMix;
    }

    /// <summary>Tokens of document <paramref name="index"/> of the stream and how many of them are prompt (BOS included).</summary>
    public (int[] Tokens, int PromptLength) Document(long index)
    {
        var problem = _generator.Training(index, _levelMix);
        var completion = _generator.TrainingCompletion(problem, index, _selfCheckRate);
        var prompt = _tokenizer.Encode(problem.Prompt, addBos: false);
        var answer = _tokenizer.Encode(completion, addBos: false);
        var tokens = new int[prompt.Length + answer.Length + 2];
        tokens[0] = _tokenizer.BosId;
        prompt.CopyTo(tokens, 1);
        answer.CopyTo(tokens, 1 + prompt.Length);
        tokens[^1] = _tokenizer.EosId;
        return (tokens, 1 + prompt.Length);
    }

    /// <inheritdoc />
    public TrainingBatch Batch(long step, int batchSize, int sequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var batch = new TrainingBatch(batchSize, sequenceLength);
        var width = sequenceLength + 1;
        var tokens = new int[width];
        var positions = new int[width];
        var trained = new bool[width];
        var next = _offset + step * batchSize * (long)width;
        (int[] Tokens, int PromptLength)? pending = null;
        for (var b = 0; b < batchSize; b++)
        {
            var used = 0;
            while (true)
            {
                var doc = pending ?? Document(next++);
                pending = null;
                var length = doc.Tokens.Length;
                if (used + length > width)
                {
                    if (used > 0)
                    {
                        pending = doc;
                        break;
                    }
                    length = width;
                }
                for (var i = 0; i < length; i++)
                {
                    tokens[used + i] = doc.Tokens[i];
                    positions[used + i] = i;
                    trained[used + i] = i > 0 && (_trainOnPrompt || i >= doc.PromptLength);
                }
                used += length;
                if (used == width)
                    break;
            }
            for (var i = used; i < width; i++)
            {
                tokens[i] = _tokenizer.EosId;
                positions[i] = 0;
                trained[i] = false;
            }
            var row = b * sequenceLength;
            for (var t = 0; t < sequenceLength; t++)
            {
                batch.Inputs[row + t] = tokens[t];
                batch.Targets[row + t] = tokens[t + 1];
                batch.Positions[row + t] = positions[t];
                batch.LossMask[row + t] = trained[t + 1] ? 1f : 0f;
            }
        }
        return batch;
    }
}
