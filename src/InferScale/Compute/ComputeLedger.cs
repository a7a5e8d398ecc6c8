using InferScale.Generation;

namespace InferScale.Compute;

/// <summary>
/// Records every call a strategy makes, so its total compute is provably the sum of its calls. Thread-safe; entries
/// keep the order in which they were recorded.
/// </summary>
public sealed class ComputeLedger
{
    private readonly Lock _gate = new();
    private readonly List<LedgerEntry> _entries = [];
    private Usage _total = Usage.Zero;

    /// <summary>Records one call.</summary>
    public void Record(LedgerEntryKind kind, string label, Usage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        lock (_gate)
        {
            _entries.Add(new LedgerEntry(kind, label ?? "", usage));
            _total += usage;
        }
    }

    /// <summary>The sum of every recorded call.</summary>
    public Usage Total
    {
        get
        {
            lock (_gate)
                return _total;
        }
    }

    /// <summary>A snapshot of the entries, in recording order.</summary>
    public IReadOnlyList<LedgerEntry> Entries
    {
        get
        {
            lock (_gate)
                return [.. _entries];
        }
    }

    /// <summary>The sum of the entries of one kind.</summary>
    public Usage TotalOf(LedgerEntryKind kind)
    {
        lock (_gate)
            return _entries.Where(e => e.Kind == kind).Aggregate(Usage.Zero, (sum, e) => sum + e.Usage);
    }
}
