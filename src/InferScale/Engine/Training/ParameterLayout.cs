namespace InferScale.Engine.Training;

/// <summary>
/// Where each tensor of a <see cref="TransformerConfig"/> lives in one flat float array: <c>token_embd</c>, then per
/// block <c>attn_norm, attn_q, attn_k, attn_v, attn_output, ffn_norm, ffn_gate, ffn_up, ffn_down</c>, then
/// <c>output_norm</c> and (untied only) <c>output</c>, and last, for a reward model, <c>value_head.weight</c> [1, dim]
/// and <c>value_head.bias</c> [1, 1]. Matrices are row-major <c>[out, in]</c> as in <see cref="LayerWeights"/>.
/// </summary>
public sealed class ParameterLayout
{
    /// <summary>Tensors per block, in layout order.</summary>
    public const int TensorsPerLayer = 9;

    /// <summary>The GGUF name of the value head's weight vector.</summary>
    public const string ValueHeadName = "value_head.weight";

    /// <summary>The GGUF name of the value head's bias.</summary>
    public const string ValueBiasName = "value_head.bias";

    private readonly ParameterTensor[] _tensors;
    private readonly int _head;

    /// <summary>The layout of <paramref name="config"/> (validated); <paramref name="valueHead"/> adds a scalar value head (reward models).</summary>
    public ParameterLayout(TransformerConfig config, bool valueHead = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (config.ParameterCount > int.MaxValue / 4)
            throw new ArgumentException($"The model has {config.ParameterCount} parameters; the trainer supports at most {int.MaxValue / 4}.", nameof(config));
        Config = config;
        var list = new List<ParameterTensor>();
        var offset = 0;
        void Add(string name, int rows, int cols, ParameterKind kind)
        {
            list.Add(new ParameterTensor(name, offset, rows, cols, kind));
            offset += rows * cols;
        }

        int d = config.Dim, kv = config.KvDim, h = config.HiddenDim;
        Add("token_embd.weight", config.VocabSize, d, ParameterKind.Embedding);
        for (var l = 0; l < config.Layers; l++)
        {
            Add($"blk.{l}.attn_norm.weight", 1, d, ParameterKind.Norm);
            Add($"blk.{l}.attn_q.weight", d, d, ParameterKind.Matrix);
            Add($"blk.{l}.attn_k.weight", kv, d, ParameterKind.Matrix);
            Add($"blk.{l}.attn_v.weight", kv, d, ParameterKind.Matrix);
            Add($"blk.{l}.attn_output.weight", d, d, ParameterKind.ResidualMatrix);
            Add($"blk.{l}.ffn_norm.weight", 1, d, ParameterKind.Norm);
            Add($"blk.{l}.ffn_gate.weight", h, d, ParameterKind.Matrix);
            Add($"blk.{l}.ffn_up.weight", h, d, ParameterKind.Matrix);
            Add($"blk.{l}.ffn_down.weight", d, h, ParameterKind.ResidualMatrix);
        }
        Add("output_norm.weight", 1, d, ParameterKind.Norm);
        if (!config.TiedEmbeddings)
            Add("output.weight", config.VocabSize, d, ParameterKind.OutputHead);
        _head = config.TiedEmbeddings ? 0 : list.Count - 1;
        if (valueHead)
        {
            Add(ValueHeadName, 1, d, ParameterKind.ValueHead);
            Add(ValueBiasName, 1, 1, ParameterKind.ValueBias);
        }
        HasValueHead = valueHead;
        _tensors = [.. list];
        Count = offset;
    }

    /// <summary>The model shape.</summary>
    public TransformerConfig Config { get; }

    /// <summary>All tensors in layout order.</summary>
    public IReadOnlyList<ParameterTensor> Tensors => _tensors;

    /// <summary>Whether the layout ends with a value head (<see cref="ValueHead"/>, <see cref="ValueBias"/>).</summary>
    public bool HasValueHead { get; }

    /// <summary>Total parameters (<see cref="TransformerConfig.ParameterCount"/>, plus <c>dim + 1</c> with a value head).</summary>
    public int Count { get; }

    /// <summary>The token embedding.</summary>
    public ParameterTensor Embedding => _tensors[0];

    /// <summary>The final norm.</summary>
    public ParameterTensor FinalNorm => _tensors[1 + Config.Layers * TensorsPerLayer];

    /// <summary>The output head (the embedding when tied).</summary>
    public ParameterTensor Head => _tensors[_head];

    /// <summary>The value head's weight vector [1, dim].</summary>
    /// <exception cref="InvalidOperationException">The layout has no value head.</exception>
    public ParameterTensor ValueHead => HasValueHead ? _tensors[^2] : throw new InvalidOperationException("This layout has no value head.");

    /// <summary>The value head's bias [1, 1].</summary>
    /// <exception cref="InvalidOperationException">The layout has no value head.</exception>
    public ParameterTensor ValueBias => HasValueHead ? _tensors[^1] : throw new InvalidOperationException("This layout has no value head.");

    /// <summary>Tensor <paramref name="index"/> (0 = attn_norm … 8 = ffn_down) of block <paramref name="layer"/>.</summary>
    public ParameterTensor Layer(int layer, int index) => _tensors[1 + layer * TensorsPerLayer + index];
}
