using InferScale.Experiments;

namespace InferScale.Tests.Experiments;

public sealed class ExperimentPlanTests
{
    private const string Example = """
        {
          // comments and trailing commas are allowed
          "name": "demo",
          "datasets": [{"name": "arith", "limit": 20}],
          "models": [{"name": "small", "path": "models/arith-0.3m.gguf"}, {"name": "remote", "endpoints": ["http://127.0.0.1:8080/v1"], "model": "qwen"}],
          "strategies": [
            {"name": "majority", "budgets": [1, 4, 16]},
            {"name": "beam-search", "params": {"beam_width": [2, 4], "aggregate": "last"}, "budgets": [16]},
          ],
          "seeds": [1, 2],
          "sampling": {"temperature": 0.7, "max_tokens": 128}
        }
        """;

    [Fact]
    public void Expand_CrossJoin_CountOrderAndIds()
    {
        var plan = ExperimentPlan.Expand(ExperimentPlan.Parse(Example));
        // 1 dataset × 2 models × (majority: 3 budgets + beam: 2 widths × 1 budget) × 2 seeds
        Assert.Equal(1 * 2 * (3 + 2) * 2, plan.Cases.Count);
        Assert.Equal(Enumerable.Range(0, plan.Cases.Count), plan.Cases.Select(c => c.Ordinal));
        Assert.Equal(plan.Cases.Count, plan.Cases.Select(c => c.Id).Distinct().Count());
        var first = plan.Cases[0];
        Assert.StartsWith("arith/small/majority/samples=1/seed=1#", first.Id);
        Assert.Equal("remote", plan.Cases[^1].Model.Name);
        Assert.Contains(plan.Cases, c => c.Id.StartsWith("arith/small/beam-search/aggregate=last,beam_width=4/samples=16/seed=2#", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Cases, c => c.FileName.Contains('/') || c.FileName.Contains('#'));
    }

    [Fact]
    public void Expand_SameConfig_SameIds_ChangedSampling_AllIdsChange()
    {
        var a = ExperimentPlan.Expand(ExperimentPlan.Parse(Example)).Cases.Select(c => c.Id).ToList();
        var b = ExperimentPlan.Expand(ExperimentPlan.Parse(Example)).Cases.Select(c => c.Id).ToList();
        Assert.Equal(a, b);
        var changed = ExperimentPlan.Expand(ExperimentPlan.Parse(Example.Replace("\"temperature\": 0.7", "\"temperature\": 0.8"))).Cases.Select(c => c.Id).ToList();
        Assert.Empty(a.Intersect(changed));
        var oneMoreBudget = ExperimentPlan.Expand(ExperimentPlan.Parse(Example.Replace("[1, 4, 16]", "[1, 4, 16, 64]"))).Cases.Select(c => c.Id).ToList();
        Assert.Empty(a.Except(oneMoreBudget));
        Assert.Equal(4, oneMoreBudget.Except(a).Count());
    }

    [Theory]
    [InlineData("\"datasets\": [{\"name\": \"arith\", \"limit\": 20}]", "\"datasets\": []", "datasets")]
    [InlineData("\"limit\": 20", "\"limit\": 0", "datasets[0].limit")]
    [InlineData("{\"name\": \"small\", \"path\": \"models/arith-0.3m.gguf\"}", "{\"name\": \"small\"}", "models[0]")]
    [InlineData("\"http://127.0.0.1:8080/v1\"", "\"ftp://x\"", "models[1].endpoints[0]")]
    [InlineData("\"budgets\": [1, 4, 16]", "\"budgets\": [1, -4, 16]", "strategies[0].budgets[1]")]
    [InlineData("\"budgets\": [16]", "\"budgets\": [16], \"budget_kind\": \"dollars\"", "strategies[1].budget_kind")]
    [InlineData("\"beam_width\": [2, 4]", "\"beam_width\": []", "strategies[1].params.beam_width")]
    [InlineData("\"seeds\": [1, 2]", "\"seeds\": [1, 1]", "seeds")]
    [InlineData("\"temperature\": 0.7", "\"temperature\": -1", "sampling.temperature")]
    [InlineData("\"max_tokens\": 128", "\"max_tokens\": 0", "sampling.max_tokens")]
    [InlineData("\"model\": \"qwen\"", "\"model\": \"qwen\", \"server\": \"ollama\"", "models[1].server")]
    [InlineData("\"path\": \"models/arith-0.3m.gguf\"", "\"path\": \"models/arith-0.3m.gguf\", \"server\": \"llama-cpp\"", "models[0].server")]
    public void Expand_InvalidField_NamesIt(string from, string to, string field)
    {
        var ex = Assert.Throws<ExperimentConfigException>(() => ExperimentPlan.Expand(ExperimentPlan.Parse(Example.Replace(from, to))));
        Assert.Equal(field, ex.Field);
        Assert.StartsWith(field + ": ", ex.Message);
    }

    [Fact]
    public void Expand_UnknownStrategy_NamesIt()
    {
        var ex = Assert.Throws<ExperimentConfigException>(() => ExperimentPlan.Expand(ExperimentPlan.Parse(Example), name => name == "majority"));
        Assert.Equal("strategies[1].name", ex.Field);
        Assert.Contains("beam-search", ex.Message);
    }

    [Fact]
    public void Parse_MalformedJsonOrUnknownField_NamesLine()
    {
        var bad = Assert.Throws<ExperimentConfigException>(() => ExperimentPlan.Parse("{\n  \"name\": \"x\",\n  \"seeds\": [1,,]\n}", "cfg.json"));
        Assert.Contains("cfg.json:3", bad.Message);
        var unknown = Assert.Throws<ExperimentConfigException>(() => ExperimentPlan.Parse("{\"name\": \"x\", \"sedes\": [1]}", "cfg.json"));
        Assert.Contains("sedes", unknown.Message);
    }
}
