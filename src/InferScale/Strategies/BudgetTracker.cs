using System.Text;
using InferScale.Compute;
using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>
/// Keeps one run within its <see cref="ComputeBudget"/>. Every generator call is first reserved at its worst-case cost
/// (<see cref="TryReserve"/>), trimmed to what remains, and then settled at its measured cost (<see cref="Settle"/>), so
/// concurrent calls cannot overshoot together. Worst-case cost of a call of <c>n</c> samples of at most <c>m</c> tokens
/// after a prompt of at most <c>P</c> tokens: samples <c>n</c>; tokens <c>P + n·m</c> (the prompt is computed once per
/// call, as OpenAI-compatible servers report it and as the engine prefills it); FLOPs
/// <c>KaplanFlops.Span(0, P) + n·KaplanFlops.Span(P, m)</c>. Prompt bounds come from <see cref="PromptTokenBound"/>.
/// A FLOPs budget charges the backend's reported FLOPs, or, when it reports tokens but no FLOPs, their Kaplan estimate.
/// Thread-safe.
/// </summary>
public sealed class BudgetTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _observedPromptTokens = new(StringComparer.Ordinal);
    private readonly ModelShape? _shape;
    private double _spent;
    private double _reserved;
    private Usage _usage = Usage.Zero;
    private int _samples;

    /// <summary>Tracks <paramref name="budget"/>; a FLOPs budget needs <paramref name="shape"/> to bound calls before making them.</summary>
    public BudgetTracker(ComputeBudget budget, ModelShape? shape = null)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (budget.Kind == BudgetKind.Flops && shape is null)
        {
            throw new ArgumentException(
                "A FLOPs budget needs the model's shape (parameters, layers, width) to bound each call before making it: set StrategyContext.ModelShape or GeneratorMetadata.Parameters/Layers/ModelDim.",
                nameof(shape));
        }
        Budget = budget;
        _shape = shape;
    }

    /// <summary>The budget being enforced.</summary>
    public ComputeBudget Budget { get; }

    /// <summary>Amount spent by settled calls, in the budget's unit.</summary>
    public double Spent { get { lock (_gate) return _spent; } }

    /// <summary>Amount still available to new reservations, in the budget's unit.</summary>
    public double Remaining { get { lock (_gate) return Math.Max(0, Budget.Amount - _spent - _reserved); } }

    /// <summary>Policy usage of all settled calls.</summary>
    public Usage Usage { get { lock (_gate) return _usage; } }

    /// <summary>Samples charged so far (requested sequences, failed ones included).</summary>
    public int SamplesCharged { get { lock (_gate) return _samples; } }

    /// <summary>Whether a reservation was refused or trimmed because the budget ran out.</summary>
    public bool IsExhausted { get; private set; }

    /// <summary>
    /// Whether a settled call cost more than its reservation (a backend that reports more prompt tokens or FLOPs than
    /// the bound assumed); the run is then over budget by that excess and reports it.
    /// </summary>
    public bool Overrun { get; private set; }

    /// <summary>
    /// An upper bound on the prompt tokens of a call continuing <paramref name="prefix"/> after <paramref name="prompt"/>:
    /// the exact count when an earlier call reported it for the same text, else the count for the prompt alone plus the
    /// prefix's UTF-8 bytes, else the text's UTF-8 bytes (a byte-level BPE token covers at least one byte; chat-template
    /// tokens the backend adds are not covered until observed, see <see cref="Overrun"/>).
    /// </summary>
    public long PromptTokenBound(string prompt, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_gate)
        {
            if (_observedPromptTokens.TryGetValue(prompt + prefix, out var exact))
                return exact;
            if (prefix.Length > 0 && _observedPromptTokens.TryGetValue(prompt, out var promptOnly))
                return promptOnly + Encoding.UTF8.GetByteCount(prefix);
        }
        return Encoding.UTF8.GetByteCount(prompt) + Encoding.UTF8.GetByteCount(prefix);
    }

    /// <summary>Records the exact prompt tokens a backend reported for a text, tightening later <see cref="PromptTokenBound"/>s.</summary>
    public void ObservePromptTokens(string prompt, string prefix, long promptTokens)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(prefix);
        if (promptTokens <= 0)
            return;
        lock (_gate)
            _observedPromptTokens[prompt + prefix] = promptTokens;
    }

    /// <summary>
    /// Reserves a call of up to <paramref name="count"/> samples of up to <paramref name="maxTokens"/> tokens after a prompt
    /// of at most <paramref name="promptTokens"/> tokens, trimming the count first and then the tokens (not below
    /// <paramref name="minTokens"/>). Returns <see langword="null"/> when not even one sample fits; the run is then exhausted.
    /// With <paramref name="continuation"/> the call continues samples already charged (a trace grown in chunks): it
    /// costs no samples, only tokens or FLOPs.
    /// </summary>
    public BudgetReservation? TryReserve(int count, int maxTokens, long promptTokens, int minTokens = 1, bool continuation = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        minTokens = Math.Clamp(minTokens, 1, maxTokens);
        lock (_gate)
        {
            var remaining = Budget.Amount - _spent - _reserved;
            var (n, m) = continuation && Budget.Kind == BudgetKind.Samples
                ? (count, maxTokens)
                : Fit(count, maxTokens, promptTokens, minTokens, remaining);
            if (n == 0)
            {
                IsExhausted = true;
                return null;
            }
            if (n < count || m < maxTokens)
                IsExhausted = true;
            var cost = continuation && Budget.Kind == BudgetKind.Samples ? 0 : Cost(n, m, promptTokens);
            _reserved += cost;
            return new BudgetReservation(n, m, promptTokens, cost, continuation ? 0 : n);
        }
    }

    /// <summary>
    /// Settles <paramref name="reservation"/> at the measured <paramref name="usage"/>, charging
    /// <paramref name="samplesCharged"/> samples (the reservation's <see cref="BudgetReservation.Samples"/> when <see langword="null"/>).
    /// </summary>
    public void Settle(BudgetReservation reservation, Usage usage, int? samplesCharged = null)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(usage);
        var samples = samplesCharged ?? reservation.Samples;
        var actual = Budget.Kind switch
        {
            BudgetKind.Samples => samples,
            BudgetKind.Tokens => usage.PromptTokens + usage.CompletionTokens,
            _ => usage.Flops > 0 || usage.PromptTokens + usage.CompletionTokens == 0 ? usage.Flops : EstimateFlops(usage, reservation.Count),
        };
        lock (_gate)
        {
            _reserved = Math.Max(0, _reserved - reservation.Reserved);
            _spent += actual;
            _usage += usage;
            _samples += samples;
            if (actual > reservation.Reserved * (1 + 1e-9) || _spent > Budget.Amount * (1 + 1e-9))
                Overrun = true;
        }
    }

    /// <summary>The worst-case cost of a call, in the budget's unit.</summary>
    public double Cost(int count, int maxTokens, long promptTokens) => Budget.Kind switch
    {
        BudgetKind.Samples => count,
        BudgetKind.Tokens => promptTokens + (double)count * maxTokens,
        _ => KaplanFlops.Span(_shape!, 0, promptTokens) + count * KaplanFlops.Span(_shape!, promptTokens, maxTokens),
    };

    /// <summary>Kaplan FLOPs of a call whose backend reported tokens but no FLOPs (completion tokens spread evenly over its samples).</summary>
    private double EstimateFlops(Usage usage, int samples)
    {
        var n = Math.Max(1, samples);
        return KaplanFlops.Span(_shape!, 0, usage.PromptTokens) + n * KaplanFlops.Span(_shape!, usage.PromptTokens, usage.CompletionTokens / n);
    }

    private (int Count, int MaxTokens) Fit(int count, int maxTokens, long promptTokens, int minTokens, double remaining)
    {
        if (Budget.Kind == BudgetKind.Samples)
            return ((int)Math.Min(count, Math.Floor(remaining + 1e-9)), maxTokens);
        if (Cost(1, minTokens, promptTokens) > remaining)
            return (0, 0);
        // The most samples of full length that fit; failing one, a single sample with the most tokens that fit.
        var perSample = Cost(1, maxTokens, promptTokens) - Cost(0, maxTokens, promptTokens);
        var fixedCost = Cost(0, maxTokens, promptTokens);
        var n = (int)Math.Min(count, Math.Floor((remaining - fixedCost) / perSample));
        if (n >= 1)
            return (n, maxTokens);
        int lo = minTokens, hi = maxTokens - 1;
        while (lo < hi)
        {
            var mid = lo + (hi - lo + 1) / 2;
            if (Cost(1, mid, promptTokens) <= remaining)
                lo = mid;
            else
                hi = mid - 1;
        }
        return (1, lo);
    }
}
