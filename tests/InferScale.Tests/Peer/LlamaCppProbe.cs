using System.Diagnostics;
using System.Globalization;
using System.Text;
using InferScale.Tests.Support;

namespace InferScale.Tests.Peer;

/// <summary>
/// Runs the native probe (<c>scripts/llama-probe.cpp</c>, located by <see cref="LlamaCpp.Probe"/>) in its batch modes:
/// many texts, sequences or prompts per invocation, so a model is loaded once per call.
/// </summary>
internal static class LlamaCppProbe
{
    private static readonly UTF8Encoding Utf8 = new(false, false);

    /// <summary>Token ids llama.cpp gives each text as a prompt (BOS when the vocabulary asks for it; specials not parsed).</summary>
    public static int[][] TokenizeMany(string model, IReadOnlyList<string> texts)
    {
        using var input = new MemoryStream();
        foreach (var text in texts)
        {
            if (text.Contains('\0', StringComparison.Ordinal))
                throw new ArgumentException("A text holds a NUL character, the probe's separator.", nameof(texts));
            var bytes = Utf8.GetBytes(text);
            input.Write(bytes);
            input.WriteByte(0);
        }
        var lines = Run(["tokenize-many", model], input.ToArray());
        Assert.Equal(texts.Count, lines.Count);
        return [.. lines.Select(ParseIds)];
    }

    /// <summary>llama.cpp's logits at every position of each sequence (<c>[positions × vocab]</c> per sequence), each decoded in one batch.</summary>
    public static float[][] LogitsMany(string model, IReadOnlyList<int[]> sequences, out int vocab)
    {
        var output = Path.Combine(Path.GetTempPath(), $"inferscale-probe-{Guid.NewGuid():N}.f32");
        try
        {
            var lines = Run(["logits-many", model, output], IdLines(sequences));
            Assert.Equal(sequences.Count, lines.Count);
            var bytes = File.ReadAllBytes(output);
            var result = new float[sequences.Count][];
            var offset = 0;
            vocab = 0;
            for (var s = 0; s < sequences.Count; s++)
            {
                var shape = ParseIds(lines[s]);
                Assert.Equal(sequences[s].Length, shape[0]);
                vocab = shape[1];
                result[s] = new float[shape[0] * vocab];
                Buffer.BlockCopy(bytes, offset, result[s], 0, result[s].Length * sizeof(float));
                offset += result[s].Length * sizeof(float);
            }
            Assert.Equal(bytes.Length, offset);
            return result;
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>
    /// llama.cpp's greedy continuation of each prompt: arg-max (lowest id on ties) until an end-of-generation token
    /// (included), <paramref name="maxTokens"/> tokens, or prompt + generated reaching the model's context.
    /// </summary>
    public static int[][] Greedy(string model, IReadOnlyList<int[]> prompts, int maxTokens)
    {
        var lines = Run(["greedy", model, maxTokens.ToString(CultureInfo.InvariantCulture)], IdLines(prompts));
        Assert.Equal(prompts.Count, lines.Count);
        return [.. lines.Select(ParseIds)];
    }

    /// <summary>Whether llama.cpp loads <paramref name="model"/>; otherwise the reason from llama.cpp's log.</summary>
    public static (bool Loaded, string Log) TryLoad(string model)
    {
        var (code, _, stderr) = Execute(["tokenize", model], Utf8.GetBytes("a"), verbose: true);
        return (code == 0, stderr);
    }

    private static byte[] IdLines(IReadOnlyList<int[]> sequences)
    {
        var text = new StringBuilder();
        foreach (var ids in sequences)
            text.AppendJoin(' ', ids).Append('\n');
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static int[] ParseIds(string line) =>
        line.Length == 0 ? [] : [.. line.Split(' ').Select(t => int.Parse(t, CultureInfo.InvariantCulture))];

    private static List<string> Run(string[] arguments, byte[] stdin)
    {
        var (code, stdout, stderr) = Execute(arguments, stdin, verbose: false);
        if (code != 0)
            throw new InvalidOperationException($"{LlamaCpp.Probe} {string.Join(' ', arguments)} exited with {code}: {stderr}");
        var lines = stdout.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static (int Code, string Stdout, string Stderr) Execute(string[] arguments, byte[] stdin, bool verbose)
    {
        var start = new ProcessStartInfo(LlamaCpp.Probe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        start.Environment["INFERSCALE_PROBE_THREADS"] = "1";
        start.Environment["INFERSCALE_PROBE_LOG"] = verbose ? "1" : "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {LlamaCpp.Probe}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var input = process.StandardInput.BaseStream)
            input.Write(stdin);
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
