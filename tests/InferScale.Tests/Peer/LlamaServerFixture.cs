using InferScale.Backends.OpenAI;
using InferScale.Engine.Gguf;
using InferScale.Engine;
using InferScale.Tests.Support;

namespace InferScale.Tests.Peer;

/// <summary>
/// The llama-server the integration tests share: <see cref="PolicyModel"/> served by the cached llama.cpp build on
/// 127.0.0.1 with <see cref="Slots"/> slots; its tokenizer (our own, read from the same GGUF) checks the server's
/// token counts.
/// </summary>
public sealed class LlamaServerFixture : IAsyncLifetime
{
    /// <summary>The policy served, relative to the repository root: the ~3M policy, as the issue asks.</summary>
    public const string PolicyModel = "models/arith-3m.gguf";

    /// <summary>Parallel slots: the largest <c>n</c> the server accepts.</summary>
    public const int Slots = 4;

    /// <summary>Positions per slot (the policy's trained context).</summary>
    public const int SlotContext = 512;

    private LlamaServerProcess? _server;
    private ITokenizer? _tokenizer;

    internal LlamaServerProcess Server => _server ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>Our tokenizer of <see cref="PolicyModel"/>.</summary>
    public ITokenizer Tokenizer => _tokenizer ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>The OpenAI base address of the server.</summary>
    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>The absolute path of the served model.</summary>
    public static string ModelPath => Path.Combine(RepoPaths.Root, PolicyModel);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _tokenizer = LlamaGguf.Load(ModelPath).Tokenizer;
        _server = await LlamaServerProcess.StartAsync(ModelPath, Slots, SlotContext);
    }

    /// <summary>A generator over the server (completions mode, <c>n</c> allowed); <paramref name="kind"/> defaults to detection.</summary>
    public OpenAiCompatibleGenerator CreateGenerator(OpenAiServerKind kind = OpenAiServerKind.Auto, bool supportsN = true) => new(new OpenAiCompatibleOptions
    {
        Endpoints = [BaseAddress],
        Model = LlamaServerProcess.ModelAlias,
        ServerKind = kind,
        SupportsN = supportsN,
        MaxSamplesPerCall = 16,
    });

    /// <summary>Wraps <paramref name="generator"/> in a check of every call's token accounting against our tokenizer.</summary>
    internal LlamaServerUsageCheck Check(InferScale.Generation.IGenerator generator) => new(generator, Tokenizer, Slots, SlotContext);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is { } server)
            await server.DisposeAsync();
    }
}
