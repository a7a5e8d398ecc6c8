using System.Diagnostics;
using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Generation;
using InferScale.Tasks;
using InferScale.Tests.Support;
using Xunit.Abstractions;

namespace InferScale.Tests.Peer;

/// <summary>
/// Every shipped policy's greedy completion of every <c>arith</c> test prompt is the same in our engine
/// (<see cref="EngineGenerator"/>, <see cref="SamplingOptions.Greedy"/>: up to 512 tokens, no stop strings, ends at EOS
/// or a full context) and in llama.cpp (the probe's <c>greedy</c> mode with the same limits), compared as text, token
/// count and finish reason.
/// </summary>
public sealed class LlamaCppGreedyAgreementTests(ITestOutputHelper output)
{
    public static TheoryData<string> Policies() => LlamaCppTokenizerAgreementTests.Policies();

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Greedy_EveryArithTestPrompt_IdenticalToLlamaCpp(string policy)
    {
        var path = Path.Combine(RepoPaths.Root, "models", policy);
        var model = LlamaGguf.Load(path);
        var problems = DatasetCatalog.Default.Load("arith").ToList();
        Assert.Equal(500, problems.Count);
        var sampling = SamplingOptions.Greedy;
        var prompts = problems.Select(p => model.Tokenizer.Encode(p.Prompt, addBos: true)).ToArray();
        var watch = Stopwatch.StartNew();
        var theirsTask = Task.Run(() => LlamaCppProbe.Greedy(path, prompts, sampling.MaxTokens));

        using var engine = new EngineGenerator(model.Config, model.Weights, model.Tokenizer, new EngineOptions { Threads = 1 });
        var ours = new List<Sample>(problems.Count);
        foreach (var problem in problems)
            ours.Add((await engine.GenerateAsync(new GenerationRequest(problem.Prompt) { Sampling = sampling })).Samples[0]);
        var oursSeconds = watch.Elapsed.TotalSeconds;
        var theirs = await theirsTask;
        var differ = new List<string>();
        long tokens = 0;
        for (var i = 0; i < problems.Count; i++)
        {
            var ids = theirs[i];
            var stopped = ids.Length > 0 && ids[^1] == model.Tokenizer.EosId;
            var text = model.Tokenizer.Decode(stopped ? ids.AsSpan(0, ids.Length - 1) : ids);
            var reason = stopped ? FinishReason.Stop : FinishReason.Length;
            tokens += ids.Length;
            if (ours[i].Text != text || ours[i].CompletionTokens != ids.Length || ours[i].FinishReason != reason)
                differ.Add($"{problems[i].Id}: ours {ours[i].CompletionTokens} tokens ({ours[i].FinishReason}) {ours[i].Text[..Math.Min(80, ours[i].Text.Length)]}… llama.cpp {ids.Length} ({reason}) {text[..Math.Min(80, text.Length)]}…");
        }
        output.WriteLine($"{policy}: {problems.Count - differ.Count} of {problems.Count} greedy completions identical ({tokens} llama.cpp tokens); "
            + $"ours {oursSeconds:F1} s, both {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(differ.Count == 0, $"{differ.Count} of {problems.Count} differ, e.g.\n{string.Join('\n', differ.Take(5))}");
    }
}
