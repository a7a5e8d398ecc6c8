using System.Text;
using System.Text.Json;
using InferScale.Generation;

namespace InferScale.Analysis;

/// <summary>
/// Writes InferScale's pool format (see <see cref="SamplePoolReader"/>), one compact JSON line per sample, every field
/// present (absent values as <c>null</c>), UTF-8 without BOM, <c>\n</c> line ends. Not thread-safe.
/// </summary>
public sealed class SamplePoolWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly Utf8JsonWriter _json;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Creates a writer over <paramref name="stream"/>; <paramref name="leaveOpen"/> keeps it open on dispose.</summary>
    public SamplePoolWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _ownsStream = !leaveOpen;
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
    }

    /// <summary>Writes one line for <paramref name="sample"/> of <paramref name="problem"/>.</summary>
    public void Write(PoolProblem problem, Sample sample)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(sample);
        var record = new PoolRecord
        {
            ProblemId = problem.Id,
            Sample = sample.Index,
            Text = sample.Text,
            Answer = sample.Answer,
            Correct = sample.IsCorrect,
            Score = sample.Score,
            StepScores = sample.StepScores?.ToList(),
            PromptTokens = sample.PromptTokens,
            CompletionTokens = sample.CompletionTokens,
            FinishReason = sample.FinishReason switch
            {
                FinishReason.Stop => "stop",
                FinishReason.Length => "length",
                FinishReason.Cancelled => "cancelled",
                _ => "error",
            },
            Gold = problem.Gold,
            Level = problem.Level,
        };
        JsonSerializer.Serialize(_json, record, PoolJsonContext.Default.PoolRecord);
        _json.Flush();
        _json.Reset();
        _stream.Write(NewLine);
    }

    /// <summary>Writes every sample of every problem of <paramref name="pool"/>.</summary>
    public void Write(SamplePool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        foreach (var problem in pool.Problems)
        {
            foreach (var sample in problem.Samples) Write(problem, sample);
        }
    }

    /// <summary>Writes <paramref name="pool"/> to a new file at <paramref name="path"/> (replacing any file there).</summary>
    public static void WriteFile(string path, SamplePool pool)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var writer = new SamplePoolWriter(File.Create(path));
        writer.Write(pool);
    }

    /// <summary>Writes <paramref name="pool"/> to a string (for tests and small pools).</summary>
    public static string WriteString(SamplePool pool)
    {
        using var memory = new MemoryStream();
        using (var writer = new SamplePoolWriter(memory, leaveOpen: true)) writer.Write(pool);
        return Encoding.UTF8.GetString(memory.ToArray());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _json.Dispose();
        _stream.Flush();
        if (_ownsStream) _stream.Dispose();
    }
}
