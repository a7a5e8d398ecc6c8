using InferScale.Engine.Gguf;
using InferScale.Engine.Training;

namespace InferScale.Engine.Reward;

/// <summary>
/// Saves and loads reward models as GGUF: a llama file (<c>general.architecture = llama</c>, every key and tensor of
/// <see cref="LlamaGguf"/>) plus the metadata key <c>inferscale.reward.kind</c> (<c>prm</c> or <c>orm</c>), the step
/// delimiter it scores at, the labelling policy, and two F32 tensors for the head: <c>value_head.weight</c> [dim] and
/// <c>value_head.bias</c> [1]. llama.cpp does not load these files (it refuses tensors it does not know); the engine
/// reads them with <see cref="Load(string)"/>.
/// </summary>
public static class RewardGguf
{
    /// <summary>Metadata key: <c>prm</c> or <c>orm</c>. Its presence marks a reward model.</summary>
    public const string KindKey = "inferscale.reward.kind";

    /// <summary>Metadata key: the step delimiter whose positions are scored (<c>"\n"</c>).</summary>
    public const string StepDelimiterKey = "inferscale.reward.step_delimiter";

    /// <summary>Metadata key: the name of the policy that sampled and rolled out the training solutions.</summary>
    public const string PolicyKey = "inferscale.reward.policy";

    private static readonly string[] HeadTensors = [ParameterLayout.ValueHeadName, ParameterLayout.ValueBiasName];

    /// <summary>The <see cref="KindKey"/> value of <paramref name="kind"/>.</summary>
    public static string KindName(RewardModelKind kind) => kind switch
    {
        RewardModelKind.Process => "prm",
        RewardModelKind.Outcome => "orm",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reward model kind."),
    };

    /// <summary>Writes <paramref name="model"/> (which must have a value head) to <paramref name="path"/> with float32 weights.</summary>
    public static void Save(string path, TrainingModel model, TokenizerVocabulary vocabulary, string name, RewardModelKind kind, string? policy = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        if (!model.HasValueHead)
            throw new ArgumentException("The model has no value head; only a reward model can be saved as one.", nameof(model));
        var head = model.ToValueHead();
        var w = LlamaGguf.CreateWriter(model.Config, model.ToWeights(), vocabulary, GgufTensorType.F32, name);
        w.AddString(KindKey, KindName(kind));
        w.AddString(StepDelimiterKey, RewardDocument.StepDelimiter);
        if (!string.IsNullOrWhiteSpace(policy))
            w.AddString(PolicyKey, policy);
        w.AddTensor(ParameterLayout.ValueHeadName, head.Weight, [model.Config.Dim], GgufTensorType.F32);
        w.AddTensor(ParameterLayout.ValueBiasName, [head.Bias], [1], GgufTensorType.F32);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        w.WriteTo(full);
    }

    /// <summary>Reads a reward model written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="GgufFormatException">Not a reward model (for example a policy without a value head), or a malformed file; the message names the file and what is missing.</exception>
    public static RewardModelFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"reward model file not found: {path}", path);
        return Load(GgufFile.Read(path));
    }

    /// <summary>Validates an already-parsed reward model file.</summary>
    public static RewardModelFile Load(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        GgufFormatException Error(string message) => new(file.Source, null, message);
        if (!file.ContainsKey(KindKey))
        {
            throw Error(file.FindTensor(ParameterLayout.ValueHeadName) is null
                ? $"not a reward model: it has no value head (tensor '{ParameterLayout.ValueHeadName}' and metadata key '{KindKey}' are missing); a policy file cannot score solutions — train one with 'inferscale train-reward'."
                : $"metadata key '{KindKey}' is missing; a reward model must say whether it is a 'prm' or an 'orm'.");
        }
        var kindText = file.GetString(KindKey);
        var kind = kindText switch
        {
            "prm" => RewardModelKind.Process,
            "orm" => RewardModelKind.Outcome,
            _ => throw Error($"{KindKey} is '{kindText}'; expected 'prm' or 'orm'."),
        };
        if (file.Metadata.TryGetValue(StepDelimiterKey, out var delimiter) && (delimiter.Type != GgufValueType.String || delimiter.AsString() != RewardDocument.StepDelimiter))
            throw Error($"{StepDelimiterKey} is {delimiter.Describe()}; this engine scores steps ending in a newline only.");
        var llama = LlamaGguf.Load(file, HeadTensors);
        var dim = llama.Config.Dim;
        float[] Head(string name, long length)
        {
            var info = file.FindTensor(name) ?? throw Error($"tensor '{name}' is missing: the file has no value head.");
            if (info.ShapeArray.Length != 1 || info.ShapeArray[0] != length)
                throw Error($"tensor '{name}' has shape {info.ShapeText}; the value head needs [{length}].");
            if (!GgufTensorTypeInfo.CanDequantize(info.Type))
                throw Error($"tensor '{name}' has type {info.Type}; supported: F32, F16, BF16, Q8_0.");
            return file.ReadTensorAsFloat32(info);
        }
        var head = new ValueHeadWeights(Head(ParameterLayout.ValueHeadName, dim), Head(ParameterLayout.ValueBiasName, 1)[0]);
        try
        {
            head.Validate(dim);
        }
        catch (ArgumentException ex)
        {
            throw Error($"the value head is invalid: {ex.Message}");
        }
        return new RewardModelFile
        {
            Config = llama.Config,
            Weights = llama.Weights,
            ValueHead = head,
            Kind = kind,
            Tokenizer = llama.Tokenizer,
            Name = llama.Name,
            Policy = file.Metadata.TryGetValue(PolicyKey, out var p) && p.Type == GgufValueType.String ? p.AsString() : null,
        };
    }
}
