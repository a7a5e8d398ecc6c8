using InferScale.Gateway.Wire;
using InferScale.Generation;

namespace InferScale.Gateway.Runs;

/// <summary>What a run produced: its choices, its total usage and its trace summary.</summary>
/// <param name="Choices">The answers, index ascending.</param>
/// <param name="Usage">Every token and call spent inside the run.</param>
/// <param name="Summary">The <c>inferscale</c> field.</param>
internal sealed record RunOutcome(IReadOnlyList<RunChoice> Choices, Usage Usage, TraceSummaryBody Summary);
