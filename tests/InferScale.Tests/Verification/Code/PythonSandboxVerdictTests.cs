using InferScale.Verification.Code;

namespace InferScale.Tests.Verification.Code;

[Collection(SandboxCollection.Name)]
public sealed class PythonSandboxVerdictTests(SandboxFixture fixture)
{
    private readonly PythonSandbox _sandbox = fixture.Sandbox;

    [Fact]
    public async Task Run_PassingProgram_Passes()
    {
        var result = await _sandbox.RunAsync("def f(x):\n    return x + 1\nassert f(1) == 2\nprint('ok')\n");
        Assert.Equal(CodeVerdict.Passed, result.Verdict);
        Assert.Equal("ok\n", result.Stdout);
    }

    [Fact]
    public async Task Run_FailedAssertion_NamesIt()
    {
        var result = await _sandbox.RunAsync("def check(candidate):\n    assert candidate(2) == 4\n    assert candidate(3) == 9, 'three'\ncheck(lambda x: x + 2)\n");
        Assert.Equal(CodeVerdict.Failed, result.Verdict);
        Assert.Contains("assert candidate(3) == 9", result.Detail);
        Assert.Contains("three", result.Detail);
    }

    [Fact]
    public async Task Run_SyntaxOrNameError_IsError()
    {
        var syntax = await _sandbox.RunAsync("def f(:\n");
        Assert.Equal(CodeVerdict.Error, syntax.Verdict);
        Assert.Contains("SyntaxError", syntax.Detail);
        var name = await _sandbox.RunAsync("print(undefined_name)\n");
        Assert.Equal(CodeVerdict.Error, name.Verdict);
        Assert.Contains("NameError", name.Detail);
    }

    [Fact]
    public async Task Run_ManyInParallel_AllClassifiedIndependently()
    {
        var programs = Enumerable.Range(0, 12).Select(i => i % 3 == 0 ? "assert False\n" : $"print({i})\n").ToArray();
        var results = await Task.WhenAll(programs.Select(p => _sandbox.RunAsync(p)));
        for (var i = 0; i < programs.Length; i++)
            Assert.Equal(i % 3 == 0 ? CodeVerdict.Failed : CodeVerdict.Passed, results[i].Verdict);
    }
}
