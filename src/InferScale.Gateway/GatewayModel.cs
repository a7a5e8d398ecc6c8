using InferScale.Generation;
using InferScale.Verification;
using InferScale.Verification.Reward;

namespace InferScale.Gateway;

/// <summary>
/// One model the gateway serves: its name (the part after <c>/</c> in <c>majority@16/NAME</c>), the generators behind it,
/// how a chat message becomes its prompt, and the answer tools and reward model its strategies use.
/// </summary>
/// <param name="Name">The served name (no <c>@</c>, <c>/</c> or whitespace), for example <c>arith-0.3m</c>.</param>
/// <param name="Generator">Serves <c>/v1/completions</c> (raw prompt continuation), and chat too unless <see cref="ChatGenerator"/> is set.</param>
public sealed record GatewayModel(string Name, IGenerator Generator)
{
    /// <summary>The placeholder of <see cref="PromptTemplate"/>.</summary>
    public const string PromptPlaceholder = "{prompt}";

    /// <summary>Serves <c>/v1/chat/completions</c> when set (an upstream in chat mode); <see langword="null"/> uses <see cref="Generator"/>.</summary>
    public IGenerator? ChatGenerator { get; init; }

    /// <summary>
    /// How the last user message of a chat request becomes the model's prompt: <see cref="PromptPlaceholder"/> is
    /// replaced by the message. Default <c>{prompt}</c> (the message as is); the embedded arith models use
    /// <see cref="InferScale.Tasks.Arith.ArithFormat.Prompt"/>. Completions requests are never templated.
    /// </summary>
    public string PromptTemplate { get; init; } = PromptPlaceholder;

    /// <summary>The step delimiter of step-level strategies and PRM scoring. Default a blank line.</summary>
    public string StepDelimiter { get; init; } = "\n\n";

    /// <summary>The reward model of strategies that score solutions; <see langword="null"/> when the model has none.</summary>
    public IRewardModel? RewardModel { get; init; }

    /// <summary>Finds answers in samples (voting, the trace summary). Default <see cref="MathAnswerChecker.Default"/>.</summary>
    public IAnswerExtractor Extractor { get; init; } = MathAnswerChecker.Default;

    /// <summary>Decides when two answers are the same. Default <see cref="MathAnswerChecker.Default"/>.</summary>
    public IAnswerEquivalence Equivalence { get; init; } = MathAnswerChecker.Default;

    /// <summary>Where the model runs, for <c>/v1/models</c>' <c>owned_by</c>: <c>inferscale-engine</c> or <c>upstream</c>. Default <c>inferscale</c>.</summary>
    public string OwnedBy { get; init; } = "inferscale";

    /// <summary>The generator for a chat request.</summary>
    public IGenerator ChatGeneratorOrDefault => ChatGenerator ?? Generator;

    /// <summary>The prompt for a chat message.</summary>
    public string FormatChatPrompt(string message) => PromptTemplate.Replace(PromptPlaceholder, message, StringComparison.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Any(c => c is '@' or '/' || char.IsWhiteSpace(c)))
            throw new ArgumentException($"Model name '{Name}' must be non-empty without '@', '/' or whitespace.", nameof(Name));
        ArgumentNullException.ThrowIfNull(Generator, nameof(Generator));
        if (PromptTemplate is null || !PromptTemplate.Contains(PromptPlaceholder, StringComparison.Ordinal))
            throw new ArgumentException($"Model '{Name}': PromptTemplate must contain {PromptPlaceholder}.", nameof(PromptTemplate));
        if (string.IsNullOrEmpty(StepDelimiter))
            throw new ArgumentException($"Model '{Name}': StepDelimiter must be non-empty.", nameof(StepDelimiter));
        ArgumentNullException.ThrowIfNull(Extractor, nameof(Extractor));
        ArgumentNullException.ThrowIfNull(Equivalence, nameof(Equivalence));
    }
}
