using InferScale.Backends;
using InferScale.Backends.OpenAI;
using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Tasks.Arith;
using InferScale.Verification.Reward;

namespace InferScale.Gateway;

/// <summary>Builds <see cref="GatewayModel"/>s: the embedded models of a folder of GGUF files, and upstream servers.</summary>
public static class GatewayModels
{
    /// <summary>The name prefix of the built-in arith task's models (their chat prompt is <see cref="ArithFormat.Prompt"/>).</summary>
    public const string ArithPrefix = "arith";

    /// <summary>
    /// Opens every <c>*.gguf</c> file of <paramref name="directory"/> (not recursive), in ordinal order of file name, as an
    /// embedded model named by its file stem. Throws <see cref="DirectoryNotFoundException"/> naming the folder when it is
    /// missing, and <see cref="GgufFormatException"/> naming a bad file.
    /// </summary>
    /// <param name="directory">The folder, for example <c>models</c>.</param>
    /// <param name="threads">Engine threads per model; <see langword="null"/> for the engine's default.</param>
    /// <param name="rewardModel">The reward model for every model; <see langword="null"/>: the rule-based <see cref="ArithStepRewardModel"/> for arith models, none for others.</param>
    public static IReadOnlyList<GatewayModel> OpenEmbedded(string directory, int? threads = null, IRewardModel? rewardModel = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"models folder not found: {Path.GetFullPath(directory)} (give --models DIR with *.gguf files)");
        // Reward models (a value head, inferscale.reward.kind) live beside the policies; they are not served as models.
        var files = Directory.GetFiles(directory, "*.gguf").Order(StringComparer.Ordinal)
            .Where(f => !InferScale.Engine.Gguf.GgufFile.Read(f).ContainsKey(InferScale.Engine.Reward.RewardGguf.KindKey)).ToList();
        var models = new List<GatewayModel>(files.Count);
        try
        {
            foreach (var file in files)
                models.Add(OpenEmbeddedFile(file, threads, rewardModel));
        }
        catch
        {
            foreach (var m in models)
                m.Generator.Dispose();
            throw;
        }
        return models;
    }

    /// <summary>Opens one GGUF file as an embedded model named by its file stem (see <see cref="OpenEmbedded"/>).</summary>
    public static GatewayModel OpenEmbeddedFile(string path, int? threads = null, IRewardModel? rewardModel = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"model file not found: {path}", path);
        var name = Path.GetFileNameWithoutExtension(path);
        var file = LlamaGguf.Load(path);
        var options = new EngineOptions { ModelName = name };
        if (threads is { } t)
            options = options with { Threads = t };
        var generator = new EngineGenerator(file.Config, file.Weights, file.Tokenizer, options);
        var isArith = name.StartsWith(ArithPrefix, StringComparison.OrdinalIgnoreCase);
        return new GatewayModel(name, generator)
        {
            PromptTemplate = isArith ? ArithFormat.Prompt(GatewayModel.PromptPlaceholder) : GatewayModel.PromptPlaceholder,
            StepDelimiter = isArith ? ArithFormat.StepDelimiter : "\n\n",
            RewardModel = rewardModel ?? (isArith ? new ArithStepRewardModel() : null),
            OwnedBy = "inferscale-engine",
        };
    }

    /// <summary>
    /// An upstream OpenAI-compatible model: chat requests go to its <c>/chat/completions</c> (the user message as is),
    /// completions requests to its <c>/completions</c>, both through <see cref="OpenAiCompatibleGenerator"/> (retries,
    /// load balancing, failover).
    /// </summary>
    /// <param name="options">The servers and how to call them.</param>
    /// <param name="rewardModel">The reward model of its strategies; <see langword="null"/> for none.</param>
    public static GatewayModel Upstream(UpstreamModelOptions options, IRewardModel? rewardModel = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var common = new OpenAiCompatibleOptions
        {
            Endpoints = options.Endpoints,
            Model = options.ServerModel ?? options.Name,
            ApiKey = options.ApiKey,
            SupportsN = options.SupportsN,
            ServerKind = options.ServerKind,
            Resilience = options.Resilience,
            MaxConcurrencyPerEndpoint = options.MaxConcurrencyPerEndpoint,
        };
        var completions = new OpenAiCompatibleGenerator(common with { Mode = OpenAiApiMode.Completions });
        var chat = new OpenAiCompatibleGenerator(common with { Mode = OpenAiApiMode.Chat });
        return new GatewayModel(options.Name, completions)
        {
            ChatGenerator = chat,
            RewardModel = rewardModel,
            OwnedBy = "upstream",
        };
    }
}
