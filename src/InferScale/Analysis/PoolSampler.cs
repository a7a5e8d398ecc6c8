using InferScale.Generation;
using InferScale.Verification;

namespace InferScale.Analysis;

/// <summary>
/// Generates a sample pool for a dataset with any generator and appends it to a pool file as it goes. Resumable: the
/// samples already in the file are kept and each problem continues at its next sample index, so (with a generator whose
/// sample i depends only on the seed and i) a resumed pool is identical to an uninterrupted one. Answers are extracted
/// and, where the problem has a gold answer, graded by equivalence.
/// </summary>
public sealed class PoolSampler
{
    private readonly IGenerator _generator;
    private readonly IAnswerExtractor _extractor;
    private readonly IAnswerEquivalence _equivalence;

    /// <summary>Samples with <paramref name="generator"/>, grading with the given extractor and equivalence.</summary>
    public PoolSampler(IGenerator generator, IAnswerExtractor extractor, IAnswerEquivalence equivalence)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(equivalence);
        _generator = generator;
        _extractor = extractor;
        _equivalence = equivalence;
    }

    /// <summary>What a run did.</summary>
    /// <param name="Problems">Problems in the dataset.</param>
    /// <param name="Generated">Samples generated now.</param>
    /// <param name="Reused">Samples already in the file.</param>
    /// <param name="Usage">Compute of the generated samples.</param>
    public sealed record Outcome(int Problems, int Generated, int Reused, Usage Usage);

    /// <summary>Samples every problem up to the options' count, appending to <paramref name="poolPath"/>.</summary>
    /// <param name="problems">The dataset's problems.</param>
    /// <param name="poolPath">The pool file (created, or resumed when it exists).</param>
    /// <param name="options">How many and how.</param>
    /// <param name="progress">Called after each call with (samples done, samples total, usage so far).</param>
    /// <param name="cancellationToken">Stops between calls; everything written so far stays.</param>
    public async Task<Outcome> RunAsync(IReadOnlyList<Problem> problems, string poolPath, PoolSamplerOptions options, Action<int, int, Usage>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentException.ThrowIfNullOrEmpty(poolPath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var existing = new Dictionary<string, int>(StringComparer.Ordinal);
        if (File.Exists(poolPath))
        {
            DropTornLastLine(poolPath);
            foreach (var entry in SamplePoolReader.ReadEntries(poolPath))
                existing[entry.ProblemId] = Math.Max(existing.GetValueOrDefault(entry.ProblemId), entry.Sample.Index + 1);
        }
        var reused = problems.Sum(p => Math.Min(existing.GetValueOrDefault(p.Id), options.SamplesPerProblem));
        var total = problems.Count * options.SamplesPerProblem;
        var done = reused;
        var usage = Usage.Zero;
        var gate = new Lock();
        var directory = Path.GetDirectoryName(Path.GetFullPath(poolPath));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        await using var stream = new FileStream(poolPath, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new SamplePoolWriter(stream, leaveOpen: true);
        await Parallel.ForEachAsync(problems, new ParallelOptions { MaxDegreeOfParallelism = options.ConcurrentProblems, CancellationToken = cancellationToken }, async (problem, ct) =>
        {
            var next = existing.GetValueOrDefault(problem.Id);
            var poolProblem = new PoolProblem(problem.Id, []) { Gold = problem.Gold, Level = problem.Level };
            while (next < options.SamplesPerProblem)
            {
                var count = Math.Min(options.SamplesPerCall, options.SamplesPerProblem - next);
                var result = await _generator.GenerateAsync(new GenerationRequest(problem.Prompt) { Count = count, FirstIndex = next, Sampling = options.Sampling }, ct).ConfigureAwait(false);
                var graded = result.Samples.Select(s => Grade(problem, s)).ToList();
                lock (gate)
                {
                    foreach (var sample in graded)
                        writer.Write(poolProblem, sample);
                    stream.Flush(flushToDisk: false);
                    usage += result.Usage;
                    done += count;
                    progress?.Invoke(done, total, usage);
                }
                next += count;
            }
        }).ConfigureAwait(false);
        return new Outcome(problems.Count, done - reused, reused, usage);
    }

    /// <summary>A run killed while writing leaves a partial last line: cut the file back to its last complete line.</summary>
    private static void DropTornLastLine(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var length = file.Length;
        var position = length;
        var buffer = new byte[1];
        while (position > 0)
        {
            file.Position = position - 1;
            file.ReadExactly(buffer);
            if (buffer[0] == (byte)'\n')
                break;
            position--;
        }
        if (position < length)
            file.SetLength(position);
    }

    private Sample Grade(Problem problem, Sample sample)
    {
        if (sample.FinishReason == FinishReason.Error)
            return sample with { IsCorrect = false };
        var answer = sample.Answer ?? _extractor.Extract(sample.Text);
        bool? correct = problem.Gold is null ? null : answer is not null && _equivalence.AreEquivalent(problem.Gold, answer);
        return sample with { Answer = answer, IsCorrect = correct };
    }
}
