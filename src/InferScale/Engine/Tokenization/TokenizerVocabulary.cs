using InferScale.Engine.Gguf;

namespace InferScale.Engine;

/// <summary>
/// A GGML tokenizer vocabulary as stored in GGUF metadata (<c>tokenizer.ggml.*</c>): token strings (for <c>gpt2</c>,
/// in GPT-2's byte-to-unicode form), token types, BPE merges in rank order, special ids and the pre-tokenizer name.
/// </summary>
public sealed class TokenizerVocabulary
{
    /// <summary>The <c>tokenizer.ggml.model</c> value for GPT-2-style byte-level BPE.</summary>
    public const string Gpt2Model = "gpt2";

    /// <summary>BOS text of <see cref="CreateByteLevel"/>.</summary>
    public const string ByteLevelBos = "<s>";

    /// <summary>EOS text of <see cref="CreateByteLevel"/>.</summary>
    public const string ByteLevelEos = "</s>";

    /// <summary><c>tokenizer.ggml.model</c>; only <see cref="Gpt2Model"/> is supported.</summary>
    public required string Model { get; init; }

    /// <summary><c>tokenizer.ggml.pre</c> (the pre-tokenizer), or <see langword="null"/> when absent (llama.cpp then uses its "default").</summary>
    public string? Pre { get; init; }

    /// <summary>Token strings by id (unique, non-empty).</summary>
    public required IReadOnlyList<string> Tokens { get; init; }

    /// <summary>Token types by id (same length as <see cref="Tokens"/>).</summary>
    public required IReadOnlyList<TokenType> TokenTypes { get; init; }

    /// <summary>BPE merges <c>"left right"</c>, highest priority first (llama.cpp requires at least one).</summary>
    public IReadOnlyList<string> Merges { get; init; } = [];

    /// <summary>Beginning-of-sequence id, or -1.</summary>
    public int BosId { get; init; } = -1;

    /// <summary>End-of-sequence id, or -1.</summary>
    public int EosId { get; init; } = -1;

    /// <summary>Padding id, or -1.</summary>
    public int PadId { get; init; } = -1;

    /// <summary><c>tokenizer.ggml.add_bos_token</c>: whether llama.cpp prepends BOS when asked to add special tokens; <see langword="null"/> when unset.</summary>
    public bool? AddBos { get; init; }

    /// <summary>Number of tokens.</summary>
    public int Count => Tokens.Count;

    /// <summary>
    /// The vocabulary of the project's own small models: ids 0–255 are the 256 bytes (GPT-2 byte-to-unicode form, so
    /// id = byte value), 256 is <c>&lt;s&gt;</c> (BOS, control), 257 is <c>&lt;/s&gt;</c> (EOS, control), and 258 is
    /// <c>ÀÀ</c>, the result of the single merge <c>"À À"</c> that llama.cpp requires. <c>À</c> stands for byte 0xC0, which
    /// never occurs in valid UTF-8, so the merge never applies: every tokenizer (ours and llama.cpp's, whatever the
    /// pre-tokenizer) encodes a string as exactly its UTF-8 bytes.
    /// </summary>
    public static TokenizerVocabulary CreateByteLevel()
    {
        var tokens = new string[259];
        var types = new TokenType[259];
        for (var b = 0; b < 256; b++)
        {
            tokens[b] = GptByteEncoding.ByteToChar((byte)b).ToString();
            types[b] = TokenType.Normal;
        }
        var never = GptByteEncoding.ByteToChar(0xC0);
        tokens[256] = ByteLevelBos;
        types[256] = TokenType.Control;
        tokens[257] = ByteLevelEos;
        types[257] = TokenType.Control;
        tokens[258] = new string(never, 2);
        types[258] = TokenType.Normal;
        return new TokenizerVocabulary
        {
            Model = Gpt2Model,
            Pre = "gpt-2",
            Tokens = tokens,
            TokenTypes = types,
            Merges = [$"{never} {never}"],
            BosId = 256,
            EosId = 257,
            AddBos = true,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first problem (model, lengths, duplicates, ids, merges).</summary>
    public void Validate()
    {
        if (Model != Gpt2Model)
            throw new ArgumentException($"Tokenizer model '{Model}' is not supported (only '{Gpt2Model}', byte-level BPE).", nameof(Model));
        ArgumentNullException.ThrowIfNull(Tokens);
        ArgumentNullException.ThrowIfNull(TokenTypes);
        ArgumentNullException.ThrowIfNull(Merges);
        if (Tokens.Count == 0)
            throw new ArgumentException("The vocabulary has no tokens.", nameof(Tokens));
        if (TokenTypes.Count != Tokens.Count)
            throw new ArgumentException($"{TokenTypes.Count} token types for {Tokens.Count} tokens.", nameof(TokenTypes));
        var seen = new Dictionary<string, int>(Tokens.Count, StringComparer.Ordinal);
        for (var i = 0; i < Tokens.Count; i++)
        {
            var t = Tokens[i];
            if (string.IsNullOrEmpty(t))
                throw new ArgumentException($"Token {i} is empty.", nameof(Tokens));
            if (!seen.TryAdd(t, i))
                throw new ArgumentException($"Token {i} '{t}' duplicates token {seen[t]}.", nameof(Tokens));
            if (!Enum.IsDefined(TokenTypes[i]))
                throw new ArgumentException($"Token {i} has unknown type {(int)TokenTypes[i]}.", nameof(TokenTypes));
        }
        CheckId(BosId, nameof(BosId));
        CheckId(EosId, nameof(EosId));
        CheckId(PadId, nameof(PadId));
        if (Merges.Count == 0)
            throw new ArgumentException("A gpt2 vocabulary needs at least one merge (llama.cpp refuses a file without tokenizer.ggml.merges).", nameof(Merges));
        for (var i = 0; i < Merges.Count; i++)
        {
            var m = Merges[i];
            var space = m?.IndexOf(' ', 1) ?? -1;
            if (m is null || space < 1 || space == m.Length - 1)
                throw new ArgumentException($"Merge {i} '{m}' is not of the form \"left right\".", nameof(Merges));
        }
    }

    /// <summary>Reads the vocabulary from GGUF metadata; problems raise <see cref="GgufFormatException"/> naming the key.</summary>
    public static TokenizerVocabulary FromMetadata(IReadOnlyDictionary<string, GgufValue> metadata, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        GgufFormatException Error(string message, Exception? inner = null) => new(source, null, message, inner);
        GgufValue Required(string key) => metadata.TryGetValue(key, out var v) ? v : throw Error($"metadata key '{key}' is missing.");
        T As<T>(string key, GgufValue v, Func<GgufValue, T> get)
        {
            try
            {
                return get(v);
            }
            catch (InvalidCastException ex)
            {
                throw Error($"metadata key '{key}': {ex.Message}", ex);
            }
        }

        var model = As(GgufKeys.TokenizerModel, Required(GgufKeys.TokenizerModel), v => v.AsString());
        if (model != Gpt2Model)
            throw Error($"tokenizer.ggml.model is '{model}'; only '{Gpt2Model}' (byte-level BPE) is supported.");
        var tokens = As(GgufKeys.Tokens, Required(GgufKeys.Tokens), v => v.AsStringArray());
        TokenType[] types;
        if (metadata.TryGetValue(GgufKeys.TokenTypes, out var typeValue))
        {
            var raw = As(GgufKeys.TokenTypes, typeValue, v => v.ToIntegerArray());
            if (raw.Length != tokens.Count)
                throw Error($"tokenizer.ggml.token_type has {raw.Length} entries for {tokens.Count} tokens.");
            types = raw.Select(t => (TokenType)t).ToArray();
        }
        else
        {
            types = Enumerable.Repeat(TokenType.Normal, tokens.Count).ToArray();
        }
        if (!metadata.TryGetValue(GgufKeys.Merges, out var mergesValue))
            throw Error("tokenizer.ggml.merges is missing (llama.cpp: \"cannot find tokenizer merges in model file\").");
        int Id(string key) => metadata.TryGetValue(key, out var v) ? (int)Math.Clamp(As(key, v, x => x.ToInteger()), -1, int.MaxValue) : -1;
        var vocabulary = new TokenizerVocabulary
        {
            Model = model,
            Pre = metadata.TryGetValue(GgufKeys.TokenizerPre, out var pre) ? As(GgufKeys.TokenizerPre, pre, v => v.AsString()) : null,
            Tokens = tokens,
            TokenTypes = types,
            Merges = As(GgufKeys.Merges, mergesValue, v => v.AsStringArray()),
            BosId = Id(GgufKeys.BosTokenId),
            EosId = Id(GgufKeys.EosTokenId),
            PadId = Id(GgufKeys.PaddingTokenId),
            AddBos = metadata.TryGetValue(GgufKeys.AddBosToken, out var addBos) ? As(GgufKeys.AddBosToken, addBos, v => v.AsBool()) : null,
        };
        try
        {
            vocabulary.Validate();
        }
        catch (ArgumentException ex)
        {
            throw Error($"invalid tokenizer: {ex.Message}", ex);
        }
        return vocabulary;
    }

    /// <summary>Adds the <c>tokenizer.ggml.*</c> entries llama.cpp reads (types as llama.cpp expects: u32 ids, i32 types).</summary>
    public void AddTo(GgufWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Validate();
        writer.AddString(GgufKeys.TokenizerModel, Model);
        if (Pre is not null)
            writer.AddString(GgufKeys.TokenizerPre, Pre);
        writer.AddStringArray(GgufKeys.Tokens, Tokens);
        writer.AddInt32Array(GgufKeys.TokenTypes, TokenTypes.Select(t => (int)t).ToArray());
        writer.AddStringArray(GgufKeys.Merges, Merges);
        if (BosId >= 0)
            writer.AddUInt32(GgufKeys.BosTokenId, (uint)BosId);
        if (EosId >= 0)
            writer.AddUInt32(GgufKeys.EosTokenId, (uint)EosId);
        if (PadId >= 0)
            writer.AddUInt32(GgufKeys.PaddingTokenId, (uint)PadId);
        if (AddBos is { } addBos)
            writer.AddBool(GgufKeys.AddBosToken, addBos);
    }

    /// <summary>Whether this vocabulary is exactly <see cref="CreateByteLevel"/>'s (the pre-tokenizer aside, which cannot matter for it).</summary>
    public bool IsByteLevel()
    {
        var reference = CreateByteLevel();
        return Model == reference.Model && BosId == reference.BosId && EosId == reference.EosId && PadId == reference.PadId
            && Tokens.SequenceEqual(reference.Tokens, StringComparer.Ordinal) && TokenTypes.SequenceEqual(reference.TokenTypes)
            && Merges.SequenceEqual(reference.Merges, StringComparer.Ordinal);
    }

    private void CheckId(int id, string name)
    {
        if (id < -1 || id >= Tokens.Count)
            throw new ArgumentOutOfRangeException(name, id, $"{name} ({id}) is outside the vocabulary (0..{Tokens.Count - 1}, or -1 for none).");
    }
}
