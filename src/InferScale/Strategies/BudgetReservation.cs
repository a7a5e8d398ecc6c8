namespace InferScale.Strategies;

/// <summary>
/// A call admitted by a <see cref="BudgetTracker"/>: at most <see cref="Count"/> samples of at most
/// <see cref="MaxTokens"/> tokens each, whose worst-case cost <see cref="Reserved"/> is held until the call is settled.
/// </summary>
/// <param name="Count">Samples the call may request (possibly fewer than asked).</param>
/// <param name="MaxTokens">Tokens per sample the call may request (possibly fewer than asked).</param>
/// <param name="PromptTokens">The bound on the call's prompt tokens the reservation assumed.</param>
/// <param name="Reserved">The worst-case cost held, in the budget's unit.</param>
/// <param name="Samples">Samples the call charges (0 for continuations of samples already charged).</param>
public sealed record BudgetReservation(int Count, int MaxTokens, long PromptTokens, double Reserved, int Samples);
