using InferScale.Generation;

namespace InferScale.Tests.Generation;

public sealed class GeneratorBuilderTests
{
    /// <summary>A generator that echoes the prompt; the real backends come with the engine and HTTP issues.</summary>
    private sealed class EchoGenerator : IGenerator
    {
        public bool Disposed { get; private set; }

        public GeneratorMetadata Metadata { get; } = new("echo", "echo");

        public ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
        {
            request.Validate();
            var samples = Enumerable.Range(request.FirstIndex, request.Count)
                .Select(i => new Sample(request.Prompt + request.Prefix) { Index = i, CompletionTokens = 1 })
                .ToArray();
            return ValueTask.FromResult(new GenerationResult(samples, new Usage { Calls = 1, CompletionTokens = request.Count }));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose() => Disposed = true;
    }

    /// <summary>Middleware that appends a tag to every sample, to observe the order of composition.</summary>
    private sealed class TagGenerator(IGenerator inner, string tag) : DelegatingGenerator(inner)
    {
        public string Tag { get; } = tag;

        public override async ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
        {
            var result = await base.GenerateAsync(request, cancellationToken);
            return result with { Samples = result.Samples.Select(s => s with { Text = s.Text + Tag }).ToArray() };
        }
    }

    [Fact]
    public async Task Build_TwoMiddlewares_FirstAddedIsOutermost()
    {
        var echo = new EchoGenerator();
        using var pipeline = echo.AsBuilder()
            .Use(g => new TagGenerator(g, "[outer]"))
            .Use(g => new TagGenerator(g, "[inner]"))
            .Build();
        var result = await pipeline.GenerateAsync("x", count: 2);
        Assert.Equal(["x[inner][outer]", "x[inner][outer]"], result.Samples.Select(s => s.Text));
        Assert.Equal([0, 1], result.Samples.Select(s => s.Index));
        Assert.Equal(2, result.Usage.CompletionTokens);
    }

    [Fact]
    public void GetService_FindsInnerAndOuter_AndDisposeReachesInner()
    {
        var echo = new EchoGenerator();
        var pipeline = echo.AsBuilder().Use(g => new TagGenerator(g, "t")).Build();
        Assert.Same(echo, pipeline.GetService<EchoGenerator>());
        Assert.Same(pipeline, pipeline.GetService<TagGenerator>());
        Assert.Null(pipeline.GetService<string>());
        pipeline.Dispose();
        Assert.True(echo.Disposed);
    }
}
