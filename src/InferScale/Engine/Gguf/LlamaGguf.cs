namespace InferScale.Engine.Gguf;

/// <summary>
/// Saves and loads llama-architecture models as GGUF files that llama.cpp loads: every key its loader reads
/// (the <c>llama.*</c> hyper-parameters, <c>general.file_type</c>, the <c>tokenizer.ggml.*</c> vocabulary) and the
/// standard tensor names, matrices in the chosen type, 1-D norms always F32, no <c>output.weight</c> when tied.
/// </summary>
public static class LlamaGguf
{
    /// <summary>The <c>general.architecture</c> value.</summary>
    public const string Architecture = "llama";

    /// <summary>
    /// Writes the model to <paramref name="path"/>. Matrices (token embedding and output head included) are stored as
    /// <paramref name="weightType"/> (F32, F16 or Q8_0; Q8_0 needs <c>Dim</c> and <c>HiddenDim</c> to be multiples of 32);
    /// matrices held as Q8_0 are written as Q8_0 block for block, any other way through their float32 values.
    /// </summary>
    /// <exception cref="ArgumentException">Inconsistent config, weights or vocabulary, or an unsupported type; the message names the field.</exception>
    public static void Save(string path, TransformerConfig config, TransformerWeights weights, TokenizerVocabulary vocabulary, GgufTensorType weightType, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CreateWriter(config, weights, vocabulary, weightType, name).WriteTo(path);
    }

    /// <summary>Builds the writer <see cref="Save"/> uses (to write to a stream, or add metadata first).</summary>
    public static GgufWriter CreateWriter(TransformerConfig config, TransformerWeights weights, TokenizerVocabulary vocabulary, GgufTensorType weightType, string name)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        weights.Validate(config);
        vocabulary.Validate();
        if (vocabulary.Count != config.VocabSize)
            throw new ArgumentException($"The vocabulary has {vocabulary.Count} tokens but the config's VocabSize is {config.VocabSize}.", nameof(vocabulary));
        var fileType = weightType switch
        {
            GgufTensorType.F32 => 0u,
            GgufTensorType.F16 => 1u,
            GgufTensorType.Q8_0 => 7u,
            _ => throw new ArgumentException($"weightType {weightType} is not supported for writing (F32, F16, Q8_0).", nameof(weightType)),
        };
        if (weightType == GgufTensorType.Q8_0 && (config.Dim % GgufCodec.Q8BlockSize != 0 || config.HiddenDim % GgufCodec.Q8BlockSize != 0))
            throw new ArgumentException($"Q8_0 needs Dim ({config.Dim}) and HiddenDim ({config.HiddenDim}) to be multiples of {GgufCodec.Q8BlockSize}.", nameof(weightType));

        var w = new GgufWriter();
        w.AddString(GgufKeys.Architecture, Architecture);
        w.AddString(GgufKeys.Name, name);
        w.AddUInt32(GgufKeys.ContextLength, (uint)config.ContextLength);
        w.AddUInt32(GgufKeys.EmbeddingLength, (uint)config.Dim);
        w.AddUInt32(GgufKeys.BlockCount, (uint)config.Layers);
        w.AddUInt32(GgufKeys.FeedForwardLength, (uint)config.HiddenDim);
        w.AddUInt32(GgufKeys.RopeDimensionCount, (uint)config.HeadDim);
        w.AddUInt32(GgufKeys.HeadCount, (uint)config.Heads);
        w.AddUInt32(GgufKeys.HeadCountKv, (uint)config.KvHeads);
        w.AddFloat32(GgufKeys.RmsEpsilon, config.RmsEps);
        w.AddFloat32(GgufKeys.RopeFreqBase, config.RopeTheta);
        w.AddUInt32(GgufKeys.VocabSize, (uint)config.VocabSize);
        w.AddUInt32(GgufKeys.FileType, fileType);
        vocabulary.AddTo(w);

        foreach (var t in Expected(config))
        {
            var data = t.Get(weights)!;
            var type = t.Shape.Length == 1 ? GgufTensorType.F32 : weightType;
            if (type == GgufTensorType.Q8_0 && data.Q8 is not null)
                w.AddEncodedTensor(t.Name, data.Q8.ToGguf(), t.Shape, type); // kept blocks, written as read
            else
                w.AddTensor(t.Name, data.ToFloat32(), t.Shape, type);
        }
        return w;
    }

    /// <summary>
    /// Reads and validates a llama GGUF file and loads its weights: float32, or Q8_0 kept quantised (see
    /// <see cref="LlamaLoadOptions.KeepQuantized"/>; <see langword="null"/> options: the defaults).
    /// </summary>
    /// <exception cref="GgufFormatException">Malformed file, missing or mistyped key, missing/extra tensor, wrong shape or unsupported type; the message names the file and the item.</exception>
    public static LlamaModelFile Load(string path, LlamaLoadOptions? options = null) => Load(GgufFile.Read(path), options);

    /// <summary>Validates an already-parsed file and loads its weights (see <see cref="Load(string, LlamaLoadOptions?)"/>).</summary>
    public static LlamaModelFile Load(GgufFile file, LlamaLoadOptions? options = null) => Load(file, [], options);

    /// <summary>
    /// Validates an already-parsed file and loads its llama weights (see <see cref="Load(string, LlamaLoadOptions?)"/>),
    /// tolerating the tensors named in <paramref name="extraTensors"/> (not loaded; for example a reward model's value
    /// head, read by its own loader).
    /// </summary>
    public static LlamaModelFile Load(GgufFile file, IReadOnlyCollection<string> extraTensors, LlamaLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(extraTensors);
        options ??= LlamaLoadOptions.Default;
        GgufFormatException Error(string message, Exception? inner = null) => new(file.Source, null, message, inner);

        var architecture = file.GetString(GgufKeys.Architecture);
        if (architecture != Architecture)
            throw Error($"general.architecture is '{architecture}'; only '{Architecture}' is supported.");
        int Positive(string key)
        {
            var value = file.GetInteger(key);
            return value is > 0 and <= int.MaxValue ? (int)value : throw Error($"metadata key '{key}' is {value}; it must be a positive 32-bit integer.");
        }
        float Real(string key, float fallback) =>
            file.Metadata.TryGetValue(key, out var v) ? (float)Typed(file, key, () => v.ToReal()) : fallback;

        var vocabulary = TokenizerVocabulary.FromMetadata(file.Metadata, file.Source);
        var tokenizer = GgufTokenizerFactory.Create(file.Metadata, file.Source);
        var vocabSize = file.ContainsKey(GgufKeys.VocabSize) ? Positive(GgufKeys.VocabSize) : vocabulary.Count;
        if (vocabSize != vocabulary.Count)
            throw Error($"llama.vocab_size is {vocabSize} but tokenizer.ggml.tokens has {vocabulary.Count} tokens.");
        TransformerConfig config;
        try
        {
            config = new TransformerConfig
            {
                VocabSize = vocabSize,
                Dim = Positive(GgufKeys.EmbeddingLength),
                Layers = Positive(GgufKeys.BlockCount),
                Heads = Positive(GgufKeys.HeadCount),
                KvHeads = Positive(GgufKeys.HeadCountKv),
                HiddenDim = Positive(GgufKeys.FeedForwardLength),
                ContextLength = Positive(GgufKeys.ContextLength),
                RmsEps = Real(GgufKeys.RmsEpsilon, float.NaN),
                RopeTheta = Real(GgufKeys.RopeFreqBase, 10000f),
                TiedEmbeddings = file.FindTensor("output.weight") is null,
            };
            if (!file.ContainsKey(GgufKeys.RmsEpsilon))
                throw Error($"metadata key '{GgufKeys.RmsEpsilon}' is missing.");
            config.Validate();
        }
        catch (ArgumentException ex)
        {
            throw Error($"the llama.* hyper-parameters are inconsistent: {ex.Message}", ex);
        }
        if (file.ContainsKey(GgufKeys.RopeDimensionCount) && Positive(GgufKeys.RopeDimensionCount) != config.HeadDim)
            throw Error($"llama.rope.dimension_count is {file.GetInteger(GgufKeys.RopeDimensionCount)} but the head size is {config.HeadDim}; partial RoPE is not supported.");

        var expected = Expected(config);
        var expectedNames = expected.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var t in file.Tensors)
        {
            if (!expectedNames.Contains(t.Name) && !extraTensors.Contains(t.Name))
                throw Error($"tensor '{t.Name}' is not part of the llama model this engine runs (expected only {string.Join(", ", expected.Take(3).Select(e => e.Name))}, blk.N.* …).");
        }
        var values = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var matrices = new Dictionary<string, WeightMatrix>(StringComparer.Ordinal);
        foreach (var t in expected)
        {
            var info = file.FindTensor(t.Name) ?? throw Error($"tensor '{t.Name}' is missing.");
            if (!info.ShapeArray.SequenceEqual(t.Shape))
                throw Error($"tensor '{t.Name}' has shape {info.ShapeText}; the config needs [{string.Join(", ", t.Shape)}].");
            if (!GgufTensorTypeInfo.CanDequantize(info.Type))
                throw Error($"tensor '{t.Name}' has type {info.Type}; supported: F32, F16, BF16, Q8_0.");
            if (t.Shape.Length == 1)
                values[t.Name] = file.ReadTensorAsFloat32(info);
            else if (info.Type == GgufTensorType.Q8_0 && options.KeepQuantized)
                matrices[t.Name] = WeightMatrix.FromQ8(ReadQ8(file, info));
            else
                matrices[t.Name] = file.ReadTensorAsFloat32(info);
        }

        var layers = new LayerWeights[config.Layers];
        for (var l = 0; l < layers.Length; l++)
        {
            layers[l] = new LayerWeights
            {
                AttnNorm = values[$"blk.{l}.attn_norm.weight"],
                Wq = matrices[$"blk.{l}.attn_q.weight"],
                Wk = matrices[$"blk.{l}.attn_k.weight"],
                Wv = matrices[$"blk.{l}.attn_v.weight"],
                Wo = matrices[$"blk.{l}.attn_output.weight"],
                FfnNorm = values[$"blk.{l}.ffn_norm.weight"],
                WGate = matrices[$"blk.{l}.ffn_gate.weight"],
                WUp = matrices[$"blk.{l}.ffn_up.weight"],
                WDown = matrices[$"blk.{l}.ffn_down.weight"],
            };
        }
        var weights = new TransformerWeights
        {
            TokenEmbedding = matrices["token_embd.weight"],
            Layers = layers,
            FinalNorm = values["output_norm.weight"],
            Output = config.TiedEmbeddings ? null : matrices["output.weight"],
        };
        return new LlamaModelFile
        {
            Config = config,
            Weights = weights,
            Tokenizer = tokenizer,
            Vocabulary = vocabulary,
            Name = file.Metadata.TryGetValue(GgufKeys.Name, out var n) && n.Type == GgufValueType.String ? n.AsString() : Path.GetFileNameWithoutExtension(file.Source),
            WeightType = file.GetTensor("blk.0.attn_q.weight").Type,
            File = file,
        };
    }

    private static Q8Matrix ReadQ8(GgufFile file, GgufTensorInfo info)
    {
        try
        {
            return Q8Matrix.FromGguf(file.ReadTensorBytes(info), checked((int)info.ShapeArray[1]), checked((int)info.ShapeArray[0]));
        }
        catch (ArgumentException ex)
        {
            throw new GgufFormatException(file.Source, null, $"tensor '{info.Name}': {ex.Message}", ex);
        }
    }

    private static T Typed<T>(GgufFile file, string key, Func<T> get)
    {
        try
        {
            return get();
        }
        catch (InvalidCastException ex)
        {
            throw new GgufFormatException(file.Source, null, $"metadata key '{key}': {ex.Message}", ex);
        }
    }

    private sealed record TensorSpec(string Name, long[] Shape, Func<TransformerWeights, WeightMatrix?> Get);

    /// <summary>Every tensor of a llama model in llama.cpp's order, with its ggml shape (<c>ne[0]</c> = input width).</summary>
    private static List<TensorSpec> Expected(TransformerConfig c)
    {
        var list = new List<TensorSpec> { new("token_embd.weight", [c.Dim, c.VocabSize], w => w.TokenEmbedding) };
        for (var l = 0; l < c.Layers; l++)
        {
            var i = l;
            list.Add(new($"blk.{l}.attn_norm.weight", [c.Dim], w => w.Layers[i].AttnNorm));
            list.Add(new($"blk.{l}.attn_q.weight", [c.Dim, c.Dim], w => w.Layers[i].Wq));
            list.Add(new($"blk.{l}.attn_k.weight", [c.Dim, c.KvDim], w => w.Layers[i].Wk));
            list.Add(new($"blk.{l}.attn_v.weight", [c.Dim, c.KvDim], w => w.Layers[i].Wv));
            list.Add(new($"blk.{l}.attn_output.weight", [c.Dim, c.Dim], w => w.Layers[i].Wo));
            list.Add(new($"blk.{l}.ffn_norm.weight", [c.Dim], w => w.Layers[i].FfnNorm));
            list.Add(new($"blk.{l}.ffn_gate.weight", [c.Dim, c.HiddenDim], w => w.Layers[i].WGate));
            list.Add(new($"blk.{l}.ffn_up.weight", [c.Dim, c.HiddenDim], w => w.Layers[i].WUp));
            list.Add(new($"blk.{l}.ffn_down.weight", [c.HiddenDim, c.Dim], w => w.Layers[i].WDown));
        }
        list.Add(new("output_norm.weight", [c.Dim], w => w.FinalNorm));
        if (!c.TiedEmbeddings)
            list.Add(new("output.weight", [c.Dim, c.VocabSize], w => w.Output));
        return list;
    }
}
