using InferScale.Engine.Gguf;

namespace InferScale.Engine;

/// <summary>
/// The <see cref="BenchModels"/> presets as GGUF files that both our engine and llama.cpp load: random weights
/// (<see cref="RandomWeights"/>, seed 1 as <c>bench engine</c> uses) and the byte-level vocabulary padded with unused
/// tokens to the preset's vocabulary size. The side-by-side benchmark (<c>bench engine --peer</c>) runs both engines on them.
/// </summary>
public static class BenchModelFiles
{
    /// <summary>
    /// <see cref="TokenizerVocabulary.CreateByteLevel"/> extended to <paramref name="size"/> tokens with
    /// <c>&lt;unused_N&gt;</c> tokens (type <see cref="TokenType.Unused"/>, never produced by tokenizing text).
    /// </summary>
    public static TokenizerVocabulary Vocabulary(int size)
    {
        var bytes = TokenizerVocabulary.CreateByteLevel();
        if (size < bytes.Count)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The byte-level vocabulary needs at least {bytes.Count} tokens.");
        var tokens = bytes.Tokens.ToList();
        var types = bytes.TokenTypes.ToList();
        for (var i = tokens.Count; i < size; i++)
        {
            tokens.Add($"<unused_{i}>");
            types.Add(TokenType.Unused);
        }
        return new TokenizerVocabulary
        {
            Model = bytes.Model,
            Pre = bytes.Pre,
            Tokens = tokens,
            TokenTypes = types,
            Merges = bytes.Merges,
            BosId = bytes.BosId,
            EosId = bytes.EosId,
            AddBos = bytes.AddBos,
        };
    }

    /// <summary>Writes preset <paramref name="preset"/> (<c>1m</c> or <c>25m</c>) with matrices stored as <paramref name="weightType"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, string preset, GgufTensorType weightType, int seed = 1)
    {
        var config = BenchModels.Get(preset);
        LlamaGguf.Save(path, config, RandomWeights.Create(config, seed), Vocabulary(config.VocabSize), weightType, $"inferscale-bench-{preset}");
    }
}
