using InferScale.Backends;
using InferScale.Compute;
using InferScale.Engine;
using InferScale.Experiments.Results;
using InferScale.Generation;
using InferScale.Tasks;
using InferScale.Tasks.Arith;
using InferScale.Verification.Reward;

namespace InferScale.Experiments.Running;

/// <summary>
/// Everything a run needs, opened once before any work starts: the policy models, the reward model and the problems of
/// each dataset. A missing model file, an unreachable endpoint, an unknown dataset or a malformed data file fails here
/// with a clear message, before the first case.
/// </summary>
public sealed class RunResources : IAsyncDisposable
{
    /// <summary>The name of the built-in rule-based arith process reward model (<see cref="ArithStepRewardModel"/>).</summary>
    public const string ArithStepsRewardModel = ExperimentConfigValidator.BuiltInRewardModel;

    private readonly Dictionary<string, RunModel> _models;
    private readonly Dictionary<string, IReadOnlyList<Problem>> _problems;
    private readonly List<IGenerator> _owned;

    private RunResources(Dictionary<string, RunModel> models, Dictionary<string, IReadOnlyList<Problem>> problems, IRewardModel? rewardModel, List<IGenerator> owned)
    {
        _models = models;
        _problems = problems;
        RewardModel = rewardModel;
        _owned = owned;
    }

    /// <summary>The reward model strategies score with; null when the experiment names none.</summary>
    public IRewardModel? RewardModel { get; }

    /// <summary>The policy models by name.</summary>
    public IReadOnlyDictionary<string, RunModel> Models => _models;

    /// <summary>The models' report facts, in config order.</summary>
    public IReadOnlyList<ModelInfo> ModelInfos => [.. _models.Values.Select(m => m.Info)];

    /// <summary>The selected problems of a dataset, in order.</summary>
    public IReadOnlyList<Problem> Problems(DatasetSpec dataset) =>
        _problems.TryGetValue(DatasetKey(dataset), out var p) ? p : throw new InvalidOperationException($"dataset '{dataset.Name}' was not opened for this run.");

    /// <summary>The policy model named <paramref name="name"/>.</summary>
    public RunModel Model(string name) =>
        _models.TryGetValue(name, out var m) ? m : throw new InvalidOperationException($"model '{name}' was not opened for this run.");

    /// <summary>
    /// Opens everything <paramref name="config"/> names. Relative model and dataset paths are resolved with
    /// <paramref name="resolvePath"/>; <paramref name="memo"/> is shared by all models' generators.
    /// </summary>
    /// <exception cref="RunSetupException">A model, endpoint or dataset cannot be used; the message says which and why.</exception>
    public static async ValueTask<RunResources> OpenAsync(ExperimentConfig config, Func<string, string> resolvePath, SampleMemo memo, int? engineThreads = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(resolvePath);
        ArgumentNullException.ThrowIfNull(memo);
        var owned = new List<IGenerator>();
        try
        {
            var problems = new Dictionary<string, IReadOnlyList<Problem>>(StringComparer.Ordinal);
            foreach (var d in config.Datasets)
                problems[DatasetKey(d)] = LoadProblems(d, resolvePath);
            var models = new Dictionary<string, RunModel>(StringComparer.Ordinal);
            foreach (var spec in config.Models)
            {
                var inner = await OpenGeneratorAsync(spec, resolvePath, engineThreads, cancellationToken).ConfigureAwait(false);
                owned.Add(inner);
                var meta = inner.Metadata;
                var parameters = spec.Parameters ?? meta.Parameters;
                ModelShape? shape = parameters is long p && meta.Layers is int l && meta.ModelDim is int dim && p > 0 && l > 0 && dim > 0
                    ? new ModelShape(p, l, dim, 1, 1)
                    : parameters is long q && q > 0 ? new ModelShape(q, 1, 1, 1, 1) : null;
                var probePrompt = problems.Values.First()[0].Prompt;
                var probe = await SeedProbe.CheckAsync(inner, probePrompt, new SamplingOptions { Temperature = 1, MaxTokens = 24, Seed = 20251123 }, 4, cancellationToken).ConfigureAwait(false);
                var info = new ModelInfo { Name = spec.Name, Parameters = parameters, TrainingTokens = spec.TrainingTokens, Reproducibility = probe };
                models[spec.Name] = new RunModel(spec, new MemoizingGenerator(inner, memo, spec.Name, shape), shape, info);
            }
            var reward = OpenRewardModel(config.RewardModel, resolvePath, engineThreads);
            return new RunResources(models, problems, reward, owned);
        }
        catch
        {
            foreach (var g in owned)
                await DisposeGeneratorAsync(g).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The step delimiter of a dataset: the config's, else one line for <c>arith</c>, else a blank line.</summary>
    public static string StepDelimiter(DatasetSpec dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.StepDelimiter ?? (dataset.Name == "arith" ? ArithFormat.StepDelimiter : "\n\n");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var g in _owned)
            await DisposeGeneratorAsync(g).ConfigureAwait(false);
        _owned.Clear();
    }

    private static string DatasetKey(DatasetSpec d) =>
        $"{d.Name}\u0001{d.Limit}\u0001{string.Join(",", d.Levels ?? [])}";

    private static IReadOnlyList<Problem> LoadProblems(DatasetSpec d, Func<string, string> resolvePath)
    {
        var source = DatasetCatalog.IsBuiltIn(d.Name) ? d.Name : resolvePath(d.Name);
        List<Problem> all;
        try
        {
            all = [.. DatasetCatalog.Default.Load(source)];
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or DataFormatException or ArgumentException)
        {
            throw new RunSetupException($"dataset '{d.Name}': {ex.Message}", ex);
        }
        IEnumerable<Problem> selected = all;
        if (d.Levels is { } levels)
            selected = selected.Where(p => p.Level is not null && levels.Contains(p.Level, StringComparer.Ordinal));
        if (d.Limit is int limit)
            selected = selected.GroupBy(p => p.Level ?? "").SelectMany(g => g.Take(limit));
        var list = selected.ToList();
        if (list.Count == 0)
            throw new RunSetupException($"dataset '{d.Name}': no problems left after the limit and level filters.");
        return list;
    }

    private static async ValueTask<IGenerator> OpenGeneratorAsync(ModelSpec spec, Func<string, string> resolvePath, int? threads, CancellationToken cancellationToken)
    {
        if (spec.Path is { } path)
        {
            var full = resolvePath(path);
            try
            {
                return Generators.Open(new GeneratorSpec(full) { Threads = threads });
            }
            catch (Exception ex) when (ex is FileNotFoundException or IOException or Engine.Gguf.GgufFormatException or ArgumentException)
            {
                throw new RunSetupException($"model '{spec.Name}': {ex.Message}", ex);
            }
        }
        var endpoints = spec.Endpoints ?? [];
        foreach (var url in endpoints)
            await ProbeAsync(spec.Name, url, ResolveKey(spec.ApiKey), cancellationToken).ConfigureAwait(false);
        return Generators.Open(new GeneratorSpec(endpoints[0])
        {
            MoreEndpoints = [.. endpoints.Skip(1)],
            ServerModel = spec.Model ?? spec.Name,
            ApiKey = ResolveKey(spec.ApiKey),
            SupportsN = spec.SupportsN,
            ServerKind = Backends.OpenAI.OpenAiServerKindNames.TryParse(spec.Server ?? "auto", out var kind) ? kind : Backends.OpenAI.OpenAiServerKind.Auto,
        });
    }

    private static async ValueTask ProbeAsync(string model, string url, string? key, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, url.TrimEnd('/') + "/models");
        if (key is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode is 401 or 403)
                throw new RunSetupException($"model '{model}': endpoint {url} refused the API key ({(int)response.StatusCode}).");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new RunSetupException($"model '{model}': endpoint {url} is unreachable ({ex.Message}).", ex);
        }
    }

    private static string? ResolveKey(string? key) =>
        key is not null && key.StartsWith("env:", StringComparison.Ordinal) ? Environment.GetEnvironmentVariable(key[4..]) : key;

    private static IRewardModel? OpenRewardModel(ModelSpec? spec, Func<string, string> resolvePath, int? engineThreads)
    {
        if (spec is null)
            return null;
        if (!string.IsNullOrWhiteSpace(spec.Path))
        {
            var path = resolvePath(spec.Path);
            try
            {
                return EngineRewardModel.Open(path, engineThreads ?? new EngineOptions().Threads);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException)
            {
                throw new RunSetupException($"reward_model '{spec.Name}': {ex.Message}", ex);
            }
        }
        if (spec.Endpoints is { Count: > 0 } endpoints)
            return new HttpRewardModel(new HttpRewardModelOptions { Endpoint = new Uri(endpoints[0]), Model = spec.Model ?? spec.Name, ApiKey = ResolveKey(spec.ApiKey) });
        if (spec.Name == ArithStepsRewardModel && spec.Path is null)
            return new ArithStepRewardModel();
        throw new RunSetupException($"reward_model: '{spec.Name}' is not a reward model this version can open; use {{\"name\": \"{ArithStepsRewardModel}\"}} (the rule-based arith PRM), a \"path\" to a learned reward model (e.g. models/arith-prm.gguf) or \"endpoints\" of a reward server.");
    }

    private static async ValueTask DisposeGeneratorAsync(IGenerator g)
    {
        switch (g)
        {
            case IAsyncDisposable a: await a.DisposeAsync().ConfigureAwait(false); break;
            case IDisposable d: d.Dispose(); break;
        }
    }
}
