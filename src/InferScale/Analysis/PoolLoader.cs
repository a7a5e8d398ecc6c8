using System.Text.Json;
using InferScale.Tasks;
using InferScale.Verification;

namespace InferScale.Analysis;

/// <summary>Loads a sample pool in any known layout, detecting the layout from the file when not given.</summary>
public static class PoolLoader
{
    /// <summary>
    /// Loads the pool in <paramref name="path"/>. For the InferScale layout, samples without an answer get one from
    /// <paramref name="extractor"/> when given; the other layouts carry their own answers.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is bad or its layout cannot be detected.</exception>
    public static SamplePool Load(string path, PoolFormat? format = null, IAnswerExtractor? extractor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"pool file not found: {path}", path);
        return (format ?? DetectFormat(path)) switch
        {
            PoolFormat.InferScale => SamplePoolReader.Read(path, extractor),
            PoolFormat.Qwen => QwenEvalPoolImporter.Read(path),
            PoolFormat.Gsm8kExamples => Gsm8kExamplesPoolImporter.Read(path),
            PoolFormat.Game24 => Game24PoolImporter.Read(path),
            var other => throw new ArgumentOutOfRangeException(nameof(format), other, "unknown pool format"),
        };
    }

    /// <summary>Detects the layout of <paramref name="path"/>: a JSON list is a Game-of-24 log; otherwise the first line's fields decide.</summary>
    /// <exception cref="DataFormatException">The layout cannot be detected.</exception>
    public static PoolFormat DetectFormat(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using (var reader = new StreamReader(path))
        {
            int ch;
            while ((ch = reader.Read()) >= 0 && char.IsWhiteSpace((char)ch))
            {
            }

            if (ch == '[') return PoolFormat.Game24;
        }

        using var first = JsonLines.PeekFirst(path)
            ?? throw new DataFormatException(path, 1, "cannot detect the pool format: the file is empty or its first line is not a JSON object");
        var root = first.RootElement;
        bool Has(string field) => root.TryGetProperty(field, out _);
        if (Has("problem_id") && Has("sample")) return PoolFormat.InferScale;
        if (Has("pred") && Has("gt")) return PoolFormat.Qwen;
        if (Has("ground_truth") && Gsm8kExamplesPoolImporter.Systems.Any(s => Has(s))) return PoolFormat.Gsm8kExamples;
        if (root.ValueKind == JsonValueKind.Object && Has("ys") && Has("infos")) return PoolFormat.Game24;
        throw new DataFormatException(path, 1, "cannot detect the pool format from the first line's fields (expected InferScale {problem_id, sample, …}, Qwen {idx, gt, pred, …}, GSM8K examples {ground_truth, 6b_finetuning, …} or a Game-of-24 JSON list); pass --format");
    }
}
