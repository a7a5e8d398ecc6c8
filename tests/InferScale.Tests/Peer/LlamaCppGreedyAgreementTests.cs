using System.Diagnostics;
using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Generation;
using InferScale.Tasks;
using InferScale.Tests.Support;
using Xunit.Abstractions;

namespace InferScale.Tests.Peer;

/// <summary>
/// Every shipped policy's greedy completions of <c>arith</c> test prompts are the same token sequences in our engine
/// (<see cref="EngineGenerator"/> with <see cref="SamplingOptions.Greedy"/>: up to 512 tokens, no stop strings, ends at
/// EOS or a full context) and in llama.cpp (the probe's <c>greedy</c> mode: arg-max, lowest id on ties, the same limits).
/// <para>By default a fixed subset runs, smaller for larger models so the test stays short: every 5th prompt for a model
/// of up to 400k parameters (100 prompts, 20 per level), every 5·⌈parameters / 400k⌉-th above. <c>INFERSCALE_PEER_GREEDY_ALL=1</c>
/// runs all 500 (for the 0.3m policy about 30 s of one core for our engine and 15 s for llama.cpp; minutes on a loaded machine).</para>
/// </summary>
public sealed class LlamaCppGreedyAgreementTests(ITestOutputHelper output)
{
    /// <summary>Set to 1 to compare all 500 prompts instead of every 5th.</summary>
    public const string AllPromptsVariable = "INFERSCALE_PEER_GREEDY_ALL";

    public static TheoryData<string> Policies() => ShippedModels.Policies();

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Greedy_ArithTestPrompts_IdenticalToLlamaCpp(string policy)
    {
        var path = Path.Combine(RepoPaths.Root, "models", policy);
        var model = LlamaGguf.Load(path);
        var tokenizer = model.Tokenizer;
        var all = DatasetCatalog.Default.Load("arith").ToList();
        Assert.Equal(500, all.Count);
        var stride = Environment.GetEnvironmentVariable(AllPromptsVariable) == "1" ? 1 : 5 * (int)Math.Ceiling(model.Config.ParameterCount / 400_000.0);
        var problems = all.Where((_, i) => i % stride == 0).ToList();
        var sampling = SamplingOptions.Greedy;
        var watch = Stopwatch.StartNew();
        var prompts = problems.Select(p => tokenizer.Encode(p.Prompt, addBos: true)).ToArray();
        var theirsTask = Task.Run(() => LlamaCppProbe.Greedy(path, prompts, sampling.MaxTokens));

        using var engine = new EngineGenerator(model.Config, model.Weights, tokenizer, new EngineOptions { Threads = 1 });
        var ours = new List<Sample>(problems.Count);
        foreach (var problem in problems)
            ours.Add((await engine.GenerateAsync(new GenerationRequest(problem.Prompt) { Sampling = sampling })).Samples[0]);
        var oursSeconds = watch.Elapsed.TotalSeconds;
        var theirs = await theirsTask;

        var differ = new List<string>();
        for (var i = 0; i < problems.Count; i++)
        {
            var ids = theirs[i];
            var stopped = ids.Length > 0 && ids[^1] == tokenizer.EosId;
            var text = tokenizer.Decode(stopped ? ids.AsSpan(0, ids.Length - 1) : ids);
            var reason = stopped ? FinishReason.Stop : FinishReason.Length;
            if (ours[i].Text != text || ours[i].CompletionTokens != ids.Length || ours[i].FinishReason != reason)
                differ.Add($"{problems[i].Id}: ours {ours[i].CompletionTokens} tokens ({ours[i].FinishReason}) {ours[i].Text} | llama.cpp {ids.Length} ({reason}) {text}");
        }
        output.WriteLine($"{policy}: {problems.Count - differ.Count} of {problems.Count} greedy completions identical "
            + $"({theirs.Sum(t => t.Length)} tokens, {ours.Count(o => o.FinishReason == FinishReason.Stop)} ended by EOS); "
            + $"ours {oursSeconds:F1} s, llama.cpp done by {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(differ.Count == 0, $"{differ.Count} of {problems.Count} differ, e.g.\n{string.Join('\n', differ.Take(5))}");
    }
}
