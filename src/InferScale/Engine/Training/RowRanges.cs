using InferScale.Engine.Kernels;

namespace InferScale.Engine.Training;

/// <summary>
/// Splits <c>[0, count)</c> into one contiguous range per thread (whole blocks of 4, the matrix kernel's row block, by <see cref="PartRange"/> as the engine's worker pool splits) and
/// runs them in parallel. Every kernel the trainer runs this way writes disjoint outputs and computes each output in
/// a fixed order, so results are bit-identical for any thread count.
/// </summary>
internal static class RowRanges
{
    /// <summary>Runs <paramref name="body"/>(start, end) over ranges covering <c>[0, count)</c>.</summary>
    public static void For(int count, int threads, Action<int, int> body)
    {
        if (count <= 0)
            return;
        var parts = Math.Clamp(threads, 1, Math.Max(1, count / 4));
        if (parts == 1)
        {
            body(0, count);
            return;
        }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
        {
            var (start, end) = PartRange.Of(count, 4, p, parts);
            if (start < end)
                body(start, end);
        });
    }
}
