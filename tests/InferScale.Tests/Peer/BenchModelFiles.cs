using System.Collections.Concurrent;
using InferScale.Engine;
using InferScale.Engine.Gguf;

namespace InferScale.Tests.Peer;

/// <summary>
/// The random models of <c>inferscale bench engine</c> (<see cref="BenchModels"/> presets, <see cref="RandomWeights"/>
/// seed 1, as its runner builds them) written to GGUF by <see cref="LlamaGguf"/> with a <see cref="PeerVocabulary"/>,
/// once per (preset, weight type), into a temporary folder removed on dispose. A class fixture.
/// </summary>
public sealed class BenchModelFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inferscale-peer-").FullName;
    private readonly ConcurrentDictionary<(string, GgufTensorType), Lazy<string>> _files = new();

    /// <summary>The seed bench engine uses for its weights.</summary>
    public const int Seed = 1;

    /// <summary>The file of preset <paramref name="preset"/> with matrices stored as <paramref name="type"/>.</summary>
    public string Get(string preset, GgufTensorType type) =>
        _files.GetOrAdd((preset, type), key => new Lazy<string>(() => Write(key.Item1, key.Item2))).Value;

    private string Write(string preset, GgufTensorType type)
    {
        var config = BenchModels.Get(preset);
        var path = Path.Combine(_dir, $"bench-{preset}-{type}.gguf");
        LlamaGguf.Save(path, config, RandomWeights.Create(config, Seed), PeerVocabulary.Create(config.VocabSize), type, $"bench-{preset}");
        return path;
    }

    /// <summary>Deletes the files.</summary>
    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
