using InferScale.Backends.OpenAI;
using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Generation;

namespace InferScale.Backends;

/// <summary>Opens a generator from a <see cref="GeneratorSpec"/>: the embedded engine for a GGUF file, the HTTP backend for a URL.</summary>
public static class Generators
{
    /// <summary>
    /// Opens the generator. A missing or invalid model file fails here with a clear exception
    /// (<see cref="FileNotFoundException"/> or <see cref="GgufFormatException"/>), before any work starts.
    /// </summary>
    public static IGenerator Open(GeneratorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.IsServer)
        {
            var endpoints = new[] { spec.Model }.Concat(spec.MoreEndpoints).Select(u => new Uri(u, UriKind.Absolute)).ToList();
            return new OpenAiCompatibleGenerator(new OpenAiCompatibleOptions
            {
                Endpoints = endpoints,
                Model = spec.ServerModel ?? "default",
                ApiKey = spec.ApiKey,
                Mode = spec.Chat ? OpenAiApiMode.Chat : OpenAiApiMode.Completions,
                SupportsN = spec.SupportsN,
                ServerKind = spec.ServerKind,
            });
        }
        if (!File.Exists(spec.Model))
            throw new FileNotFoundException($"model file not found: {spec.Model} (give a GGUF file, e.g. models/arith-3m.gguf, or an http(s) URL of an OpenAI-compatible server)", spec.Model);
        var file = LlamaGguf.Load(spec.Model);
        var options = new EngineOptions { ModelName = file.Name };
        if (spec.Threads is { } threads)
            options = options with { Threads = threads };
        return new EngineGenerator(file.Config, file.Weights, file.Tokenizer, options);
    }
}
