using InferScale.Analysis;
using InferScale.Backends.OpenAI;
using InferScale.Generation;
using InferScale.Tasks.Arith;
using InferScale.Tests.Support;
using InferScale.Verification;

namespace InferScale.Tests.Analysis;

/// <summary>Sampling a pool over a real OpenAI-compatible server on 127.0.0.1, killed and resumed.</summary>
public sealed class PoolSamplerTests
{
    private static readonly IReadOnlyList<Problem> Problems =
        new ArithGenerator().TestSet(2).Select(p => new Problem(p.Id, p.Prompt) { Gold = p.Answer.ToString(System.Globalization.CultureInfo.InvariantCulture), Level = p.Level.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();

    private static PoolSamplerOptions Options => new() { SamplesPerProblem = 5, SamplesPerCall = 2, Sampling = new SamplingOptions { Temperature = 0.8, Seed = 7, MaxTokens = 12 } };

    [Fact]
    public async Task Run_KilledAndResumed_GivesTheSameFileAsAnUninterruptedRun()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var generator = new OpenAiCompatibleGenerator(new OpenAiCompatibleOptions { Endpoints = [server.BaseAddress], Model = "test-model" });
        var sampler = new PoolSampler(generator, MathAnswerChecker.Default, MathAnswerChecker.Default);
        var dir = Directory.CreateTempSubdirectory("inferscale-sample-");
        try
        {
            var whole = Path.Combine(dir.FullName, "whole.jsonl");
            var outcome = await sampler.RunAsync(Problems, whole, Options);
            Assert.Equal(Problems.Count * 5, outcome.Generated);
            Assert.Equal(0, outcome.Reused);
            Assert.Equal(Problems.Count * 5, File.ReadAllLines(whole).Length);

            var resumed = Path.Combine(dir.FullName, "resumed.jsonl");
            using (var cts = new CancellationTokenSource())
            {
                var calls = 0;
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sampler.RunAsync(Problems, resumed, Options, (_, _, _) =>
                {
                    if (++calls == 7)
                        cts.Cancel();
                }, cts.Token));
            }
            // A kill in the middle of a write leaves a torn line; the resumed run drops it.
            await File.AppendAllTextAsync(resumed, "{\"problem_id\":\"arith-test/1/0\",\"sam");
            var second = await sampler.RunAsync(Problems, resumed, Options);
            Assert.True(second.Reused > 0 && second.Generated > 0);
            Assert.Equal(Problems.Count * 5, second.Reused + second.Generated);
            Assert.Equal(File.ReadAllText(whole), File.ReadAllText(resumed));

            var pool = SamplePoolReader.Read(resumed);
            Assert.All(pool.Problems, p => Assert.Equal([0, 1, 2, 3, 4], p.Samples.Select(s => s.Index)));
            Assert.All(pool.Problems.SelectMany(p => p.Samples), s => Assert.NotNull(s.IsCorrect));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
