using InferScale.Generation;

namespace InferScale.Tests.Verification.Reward;

/// <summary>
/// A generator that answers every request with a fixed text and records the prompts: stands in for a judge LLM,
/// which cannot run in tests, so the judge's parsing can be checked on exact texts.
/// </summary>
internal sealed class ScriptedJudge(Func<string, string> answer, FinishReason finish = FinishReason.Stop) : IGenerator
{
    private readonly Lock _gate = new();

    public List<string> Prompts { get; } = [];

    public GeneratorMetadata Metadata { get; } = new("scripted", "judge");

    public ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            Prompts.Add(request.Prompt);
        var text = finish == FinishReason.Error ? "" : answer(request.Prompt);
        var sample = new Sample(text) { FinishReason = finish, Error = finish == FinishReason.Error ? "HTTP 500" : null, CompletionTokens = 5 };
        return ValueTask.FromResult(new GenerationResult([sample], new Usage { Calls = 1, PromptTokens = 20, CompletionTokens = 5 }));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
