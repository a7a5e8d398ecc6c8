using InferScale.Gateway.Http;
using InferScale.Gateway.Runs;
using InferScale.Strategies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InferScale.Gateway;

/// <summary>
/// The OpenAI-compatible scaling gateway: an ASP.NET Core (Kestrel) server with <c>GET /v1/models</c>,
/// <c>POST /v1/chat/completions</c> and <c>POST /v1/completions</c>, where the model name
/// <c>&lt;strategy&gt;@&lt;budget&gt;/&lt;model&gt;</c> (or the body's <c>inferscale</c> object) applies a scaling strategy
/// to the request. <c>GET /health</c> answers <c>ok</c> without a key. Owns the models it serves: disposing the server
/// disposes their generators.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<GatewayModel> _models;
    private readonly RunLimiter _limiter;
    private readonly FaultInjector? _faults;
    private readonly HashSet<object> _disposed = new(ReferenceEqualityComparer.Instance);
    private int _stopped;

    private GatewayServer(WebApplication app, IReadOnlyList<GatewayModel> models, GatewayOptions options, RunLimiter limiter, FaultInjector? faults)
    {
        _app = app;
        _models = models;
        Options = options;
        _limiter = limiter;
        _faults = faults;
    }

    /// <summary>The options the server runs with.</summary>
    public GatewayOptions Options { get; }

    /// <summary>The served models, in listing order.</summary>
    public IReadOnlyList<GatewayModel> Models => _models;

    /// <summary>The bound addresses (with the real port when the configured one was 0), for example <c>http://127.0.0.1:5123/</c>.</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    /// <summary>The OpenAI base address of the first bound address: <c>{address}v1</c>, what OpenAI clients take as base URL.</summary>
    public Uri BaseAddress => new(Addresses[0], "v1");

    /// <summary>Strategy runs in progress (bounded by <see cref="GatewayOptions.MaxConcurrentRuns"/>).</summary>
    public int ActiveRuns => _limiter.Active;

    /// <summary>Faults injected so far (see <see cref="GatewayOptions.Faults"/>).</summary>
    public int FaultsInjected => _faults?.Injected ?? 0;

    /// <summary>
    /// Fires when the host is asked to stop (SIGTERM or Ctrl+C through the console lifetime, or <see cref="StopAsync"/>);
    /// the CLI waits on it, then calls <see cref="StopAsync"/>.
    /// </summary>
    public CancellationToken ShutdownRequested => _app.Lifetime.ApplicationStopping;

    /// <summary>Whether requests need an API key (otherwise only loopback clients are served).</summary>
    public bool RequiresApiKey => Options.ApiKeys.Count > 0;

    /// <summary>
    /// Starts a server over <paramref name="models"/> (at least one; unique names) and returns once it listens. Throws
    /// <see cref="ArgumentException"/> for invalid options or models, and the server's own exception when an address
    /// cannot be bound. The server takes ownership of the models.
    /// </summary>
    public static async Task<GatewayServer> StartAsync(IReadOnlyList<GatewayModel> models, GatewayOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (models.Count == 0)
            throw new ArgumentException("The gateway needs at least one model (a GGUF file in the models folder, or an upstream).", nameof(models));
        foreach (var model in models)
            model.Validate();
        if (models.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new ArgumentException($"Model name '{duplicate.Key}' is served twice.", nameof(models));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting(WebHostDefaults.PreventHostingStartupKey, "true");
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownGracePeriod);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        var app = builder.Build();

        var limiter = new RunLimiter(options.MaxConcurrentRuns);
        var faults = options.Faults is { Rate: > 0 } f ? new FaultInjector(f) : null;
        var server = new GatewayServer(app, models, options, limiter, faults);
        var access = new GatewayAccess(options.ApiKeys);
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var planner = new RunPlanner(models, options, StrategyCatalog.Default);
        var generation = new GenerationEndpoint(planner, limiter, faults, options, stopping);
        var listing = new ModelsEndpoint(models, options.TimeProvider.GetUtcNow().ToUnixTimeSeconds());

        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1") && access.Check(context) is { } refusal)
            {
                await ApiResponses.WriteErrorAsync(context, refusal).ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        });
        app.MapGet("/health", () => "ok");
        app.MapGet("/v1/models", listing.ListAsync);
        app.MapGet("/v1/models/{**id}", (HttpContext context, string id) => listing.GetAsync(context, id));
        app.MapPost("/v1/chat/completions", context => generation.HandleAsync(context, EndpointKind.Chat));
        app.MapPost("/v1/completions", context => generation.HandleAsync(context, EndpointKind.Completions));
        app.MapFallback(context => ApiResponses.WriteErrorAsync(context, ApiError.NotFound(
            $"No such endpoint: {context.Request.Method} {context.Request.Path}. This gateway serves GET /v1/models, POST /v1/chat/completions and POST /v1/completions.")));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server.Addresses = [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.EndsWith('/') ? a : a + "/"))];
        return server;
    }

    /// <summary>
    /// Stops gracefully: stops accepting connections, lets requests in flight finish within
    /// <see cref="GatewayOptions.ShutdownGracePeriod"/> (or until <paramref name="cancellationToken"/> fires), then aborts the rest.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Stops the server (gracefully) and disposes it and the models' generators.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            // A reward model may be shared by several models: dispose each object once.
            foreach (var model in _models)
            {
                foreach (var part in new object?[] { model.Generator, model.ChatGenerator, model.RewardModel })
                {
                    if (part is IDisposable disposable && _disposed.Add(part))
                        disposable.Dispose();
                }
            }
        }
    }
}
