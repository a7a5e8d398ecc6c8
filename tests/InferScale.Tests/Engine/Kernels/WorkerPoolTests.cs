using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class WorkerPoolTests
{
    [Fact]
    public void Run_EveryPartRunsOnce_BeforeAndAfterPark()
    {
        using var pool = new WorkerPool(3);
        for (var round = 0; round < 200; round++)
        {
            var work = new CountingWork(pool.Threads);
            pool.Run(work);
            Assert.All(work.Counts, c => Assert.Equal(1, c));
            if (round % 3 == 0)
                pool.Park();
        }
    }

    [Fact]
    public void Park_SendsSpinningWorkersToSleep_AndTheNextRunWakesThem()
    {
        // Workers that would spin for ever after a job: only Park can put them to sleep.
        using var pool = new WorkerPool(3, int.MaxValue);
        pool.Run(new CountingWork(pool.Threads));
        Assert.Equal(0, pool.SleepingWorkers);
        pool.Park();
        Assert.True(SpinWait.SpinUntil(() => pool.SleepingWorkers == 2, TimeSpan.FromSeconds(30)), "the workers did not go to sleep after Park");

        var work = new CountingWork(pool.Threads);
        pool.Run(work);
        Assert.All(work.Counts, c => Assert.Equal(1, c));
        Assert.Equal(0, pool.SleepingWorkers);
    }

    private sealed class CountingWork(int parts) : IPoolWork
    {
        public int[] Counts { get; } = new int[parts];

        public void Execute(int part, int parts) => Interlocked.Increment(ref Counts[part]);
    }
}
