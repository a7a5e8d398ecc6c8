using System.Text.Json.Nodes;
using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Tasks;
using InferScale.Tests.Support;
using Xunit.Abstractions;

namespace InferScale.Tests.Peer;

/// <summary>
/// Our tokenizers and llama.cpp's give the same ids, as prompts (BOS + text, as <see cref="EngineGenerator"/> feeds them),
/// on every prompt of the <c>arith</c> test set and every question of the shared benchmarks: for every policy in
/// <c>models/</c> (the byte-level vocabulary) and for the bench models' BPE vocabularies (512 and 4,096 tokens with real merges).
/// </summary>
public sealed class LlamaCppTokenizerAgreementTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inferscale-peer-tok-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Every text: the arith test prompts, then each shared benchmark's prompts (as the catalog feeds them) and IFEval's.</summary>
    private static List<(string Source, string Text)> Texts()
    {
        var texts = DatasetCatalog.Default.Load("arith").Select(p => ("arith", p.Prompt)).ToList();
        Assert.Equal(500, texts.Count);
        var shared = new DatasetCatalog(RepoPaths.Shared("benchmarks"));
        foreach (var name in new[] { "gsm8k", "math500", "aime24", "amc23", "humaneval" })
            texts.AddRange(shared.Load(name).Select(p => (name, p.Prompt)));
        texts.AddRange(File.ReadLines(RepoPaths.Shared("benchmarks", "ifeval-input.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => ("ifeval", JsonNode.Parse(l)!["prompt"]!.GetValue<string>())));
        Assert.Equal(500 + 1319 + 500 + 30 + 40 + 164 + 541, texts.Count);
        return texts;
    }

    public static TheoryData<string> Policies() => ShippedModels.Policies();

    [Theory]
    [MemberData(nameof(Policies))]
    public void Encode_ShippedPolicy_SameIdsAsLlamaCpp(string policy)
    {
        var path = Path.Combine(RepoPaths.Root, "models", policy);
        AssertAgreement(path, LlamaGguf.Load(path).Tokenizer);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(4096)]
    public void Encode_BenchBpeVocabulary_SameIdsAsLlamaCpp(int vocabSize)
    {
        var vocabulary = PeerVocabulary.Create(vocabSize);
        var config = new TransformerConfig { VocabSize = vocabSize, Dim = 32, Layers = 1, Heads = 2, KvHeads = 1, HiddenDim = 64, ContextLength = 64 };
        var path = Path.Combine(_dir, $"vocab-{vocabSize}.gguf");
        LlamaGguf.Save(path, config, RandomWeights.Create(config, 1), vocabulary, GgufTensorType.F32, "vocab");
        var tokenizer = LlamaGguf.Load(path).Tokenizer;
        Assert.IsType<BpeTokenizer>(tokenizer);
        var merged = AssertAgreement(path, tokenizer);
        Assert.True(merged > 10_000, $"only {merged} merged tokens: the vocabulary's merges barely apply");
    }

    /// <summary>Asserts equal ids on every text and returns how many ids were merge tokens (id ≥ 259).</summary>
    private long AssertAgreement(string model, ITokenizer tokenizer)
    {
        var texts = Texts();
        var theirs = LlamaCppProbe.TokenizeMany(model, [.. texts.Select(t => t.Text)]);
        var differ = new List<string>();
        long tokens = 0, merged = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var ours = tokenizer.Encode(texts[i].Text, addBos: true);
            tokens += ours.Length;
            merged += ours.Count(id => id >= 259);
            if (!ours.SequenceEqual(theirs[i]))
                differ.Add($"{texts[i].Source} #{i}: ours [{string.Join(' ', ours.Take(40))}…] llama.cpp [{string.Join(' ', theirs[i].Take(40))}…]");
        }
        output.WriteLine($"{Path.GetFileName(model)}: {texts.Count} texts, {tokens} tokens ({merged} merge tokens), {differ.Count} differ");
        Assert.True(differ.Count == 0, $"{differ.Count} of {texts.Count} texts tokenize differently, e.g.\n{string.Join('\n', differ.Take(5))}");
        return merged;
    }
}
