using InferScale.Backends;
using InferScale.Backends.OpenAI;
using InferScale.Engine.Gguf;
using InferScale.Engine.Reward;
using InferScale.Generation;
using InferScale.Tasks.Arith;
using InferScale.Tests.Support;

namespace InferScale.Tests.Peer;

/// <summary>
/// Every policy GGUF in models/ (reward models, which llama.cpp does not load, are skipped) served by its own
/// llama-server: greedy completions equal the embedded engine's, and sampled ones are counted exactly.
/// </summary>
public sealed class LlamaServerPolicyTests
{
    public static TheoryData<string> Policies() => ShippedModels.Policies();

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task LlamaServer_ServesPolicy_GreedyEqualsEngineAndUsageExact(string policy)
    {
        var path = Path.Combine(RepoPaths.Root, "models", policy);
        var model = LlamaGguf.Load(path);
        var context = (int)GgufFile.Read(path).GetInteger("llama.context_length");
        await using var server = await LlamaServerProcess.StartAsync(path, slots: 2, slotContext: context);
        using var remote = new OpenAiCompatibleGenerator(new OpenAiCompatibleOptions
        {
            Endpoints = [server.BaseAddress],
            Model = LlamaServerProcess.ModelAlias,
            ServerKind = OpenAiServerKind.Auto,
        });
        using var checkedRemote = new LlamaServerUsageCheck(remote, model.Tokenizer, server.Slots, context);
        using var engine = Generators.Open(new GeneratorSpec(path) { Threads = 1 });
        var greedy = SamplingOptions.Greedy with { MaxTokens = 200 };

        foreach (var problem in new ArithGenerator().TestSet(1).Take(3))
        {
            var request = new GenerationRequest(problem.Prompt) { Sampling = greedy };
            var served = await checkedRemote.GenerateAsync(request);
            var embedded = await engine.GenerateAsync(request);
            Assert.Equal(embedded.Samples[0].Text, served.Samples[0].Text);
            Assert.Equal(embedded.Samples[0].CompletionTokens, served.Samples[0].CompletionTokens);
        }
        var sampled = await checkedRemote.GenerateAsync(new GenerationRequest(new ArithGenerator().TestSet(1)[0].Prompt)
        {
            Count = 4,
            Sampling = new SamplingOptions { Temperature = 1, MaxTokens = 200, Seed = 1 },
        });

        Assert.Empty(checkedRemote.Problems);
        Assert.Equal(4, sampled.Samples.Count);
        Assert.Equal(OpenAiServerKind.LlamaCpp, await remote.GetServerKindAsync());
    }
}
