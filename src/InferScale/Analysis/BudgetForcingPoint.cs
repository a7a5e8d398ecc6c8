namespace InferScale.Analysis;

/// <summary>One evaluation run of budget forcing at one thinking budget (one element of s1's set A).</summary>
/// <param name="ThinkingTokens">The compute actually used: mean thinking tokens per trace (the x axis of s1's figures).</param>
/// <param name="Accuracy">The run's accuracy f(a), a fraction in [0, 1].</param>
/// <param name="WithinBounds">Share of the run's traces whose thinking stayed within [minimum, maximum], in [0, 1].</param>
public sealed record BudgetForcingPoint(double ThinkingTokens, double Accuracy, double WithinBounds);
