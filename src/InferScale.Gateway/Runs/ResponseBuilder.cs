using System.Text;
using InferScale.Gateway.Wire;
using InferScale.Generation;

namespace InferScale.Gateway.Runs;

/// <summary>Builds OpenAI response bodies and stream chunks from a <see cref="RunOutcome"/>.</summary>
internal sealed class ResponseBuilder(string id, long created, string model, int promptChars)
{
    public string Id => id;

    public ChatCompletionResponse Chat(RunOutcome outcome) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = outcome.Choices.Select(c => new ChatChoiceBody
        {
            Index = c.Index,
            Message = new ChatMessageBody { Role = "assistant", Content = c.Text },
            Logprobs = c.Logprobs is null ? null : ChatLogprobs(c.Logprobs),
            FinishReason = c.FinishReason,
        }).ToList(),
        Usage = RunExecutor.ToOpenAi(outcome.Usage),
        Inferscale = outcome.Summary,
    };

    public CompletionResponse Completion(RunOutcome outcome) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = outcome.Choices.Select(c => new CompletionChoiceBody
        {
            Index = c.Index,
            Text = c.Text,
            Logprobs = c.Logprobs is null ? null : CompletionLogprobs(c.Logprobs, promptChars),
            FinishReason = c.FinishReason,
        }).ToList(),
        Usage = RunExecutor.ToOpenAi(outcome.Usage),
        Inferscale = outcome.Summary,
    };

    public ChatChunk ChatRole(int choices) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = Enumerable.Range(0, choices).Select(i => new ChatChunkChoice { Index = i, Delta = new ChatMessageBody { Role = "assistant", Content = "" } }).ToList(),
    };

    public ChatChunk ChatProgress(ProgressBody progress) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new ChatChunkChoice { Index = 0, Delta = new ChatMessageBody { Content = "" } }],
        InferscaleProgress = progress,
    };

    public CompletionChunk CompletionProgress(ProgressBody progress) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new CompletionChoiceBody { Index = 0, Text = "" }],
        InferscaleProgress = progress,
    };

    public ChatChunk ChatContent(int index, string text) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new ChatChunkChoice { Index = index, Delta = new ChatMessageBody { Content = text } }],
    };

    public CompletionChunk CompletionContent(int index, string text) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new CompletionChoiceBody { Index = index, Text = text }],
    };

    public ChatChunk ChatFinish(RunChoice choice, TraceSummaryBody? summary) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new ChatChunkChoice
        {
            Index = choice.Index,
            Delta = new ChatMessageBody(),
            Logprobs = choice.Logprobs is null ? null : ChatLogprobs(choice.Logprobs),
            FinishReason = choice.FinishReason,
        }],
        Inferscale = summary,
    };

    public CompletionChunk CompletionFinish(RunChoice choice, TraceSummaryBody? summary) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new CompletionChoiceBody
        {
            Index = choice.Index,
            Text = "",
            Logprobs = choice.Logprobs is null ? null : CompletionLogprobs(choice.Logprobs, promptChars),
            FinishReason = choice.FinishReason,
        }],
        Inferscale = summary,
    };

    public ChatChunk ChatUsage(Usage usage) => new() { Id = id, Created = created, Model = model, Choices = [], Usage = RunExecutor.ToOpenAi(usage) };

    public CompletionChunk CompletionUsage(Usage usage) => new() { Id = id, Created = created, Model = model, Choices = [], Usage = RunExecutor.ToOpenAi(usage) };

    private static ChatLogprobsBody ChatLogprobs(IReadOnlyList<TokenLogprob> logprobs) => new()
    {
        Content = logprobs.Select(t => new ChatTokenLogprobBody
        {
            Token = t.Token,
            Logprob = Finite(t.Logprob),
            Bytes = Bytes(t.Token),
            TopLogprobs = t.Top.Select(a => new ChatTopLogprobBody { Token = a.Token, Logprob = Finite(a.Logprob), Bytes = Bytes(a.Token) }).ToList(),
        }).ToList(),
    };

    private static CompletionLogprobsBody CompletionLogprobs(IReadOnlyList<TokenLogprob> logprobs, int promptChars)
    {
        var offsets = new List<int>(logprobs.Count);
        var offset = promptChars;
        foreach (var t in logprobs)
        {
            offsets.Add(offset);
            offset += t.Token.Length;
        }
        return new CompletionLogprobsBody
        {
            Tokens = logprobs.Select(t => t.Token).ToList(),
            TokenLogprobs = logprobs.Select(t => Finite(t.Logprob)).ToList(),
            TopLogprobs = logprobs.Select(t =>
            {
                var top = new Dictionary<string, float>(StringComparer.Ordinal);
                foreach (var a in t.Top)
                    top.TryAdd(a.Token, Finite(a.Logprob));
                return top;
            }).ToList(),
            TextOffset = offsets,
        };
    }

    private static List<int> Bytes(string token) => Encoding.UTF8.GetBytes(token).Select(b => (int)b).ToList();

    /// <summary>OpenAI reports impossible tokens as -9999 rather than -infinity.</summary>
    private static float Finite(float logprob) => float.IsFinite(logprob) ? logprob : -9999f;
}
