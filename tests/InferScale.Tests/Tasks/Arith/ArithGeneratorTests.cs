using System.Globalization;
using System.Text.RegularExpressions;
using InferScale.Tasks.Arith;
using InferScale.Tests.Support;

namespace InferScale.Tests.Tasks.Arith;

public sealed partial class ArithGeneratorTests
{
    private static readonly ArithGenerator Generator = new();

    /// <summary>Evaluates a statement ("a = 7. b = a + 5. What is b?") with an interpreter independent of the generator.</summary>
    private static long EvaluateStatement(string statement)
    {
        var vars = new Dictionary<string, long>();
        var parts = statement.Split(". ");
        foreach (var part in parts[..^1])
        {
            var m = Definition().Match(part);
            Assert.True(m.Success, part);
            long Val(string t) => long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x) ? x : vars[t];
            vars[m.Groups[1].Value] = m.Groups[3].Success
                ? m.Groups[3].Value switch
                {
                    "+" => Val(m.Groups[2].Value) + Val(m.Groups[4].Value),
                    "-" => Val(m.Groups[2].Value) - Val(m.Groups[4].Value),
                    "*" => Val(m.Groups[2].Value) * Val(m.Groups[4].Value),
                    _ => Val(m.Groups[2].Value) / Val(m.Groups[4].Value),
                }
                : Val(m.Groups[2].Value);
        }
        var question = QuestionRegex().Match(parts[^1]);
        Assert.True(question.Success, parts[^1]);
        return vars[question.Groups[1].Value];
    }

    [Fact]
    public void TestSet_EveryProblem_SolutionStepsAndAnswerAreCorrect()
    {
        foreach (var p in Generator.TestSet())
        {
            Assert.Equal(EvaluateStatement(p.Statement), p.Answer);
            foreach (var step in p.Steps)
            {
                var m = StepRegex().Match(step);
                Assert.True(m.Success, step);
                long a = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), b = long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
                var r = long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
                Assert.Equal(m.Groups[2].Value switch { "+" => a + b, "-" => a - b, "*" => a * b, _ => a / b }, r);
                if (m.Groups[2].Value == "/")
                    Assert.Equal(0, a % b);
            }
            Assert.EndsWith($"The answer is \\boxed{{{p.Answer}}}.\n", p.Solution);
            Assert.StartsWith("Problem: ", p.Prompt);
            Assert.EndsWith("<think>\n", p.Prompt);
            Assert.Contains("</think>\n", p.Solution);
        }
    }

    [Fact]
    public void TestSet_HarderLevels_HaveMoreStepsBiggerNumbersAndMoreMultiplication()
    {
        var set = Generator.TestSet();
        Assert.Equal(500, set.Count);
        var byLevel = set.GroupBy(p => p.Level).OrderBy(g => g.Key).ToList();
        Assert.Equal([1, 2, 3, 4, 5], byLevel.Select(g => g.Key));
        Assert.All(byLevel, g => Assert.Equal(100, g.Count()));
        double Steps(IEnumerable<ArithProblem> ps) => ps.Average(p => p.Steps.Count);
        double Magnitude(IEnumerable<ArithProblem> ps) => ps.Average(p => Math.Abs((double)p.Answer));
        double MulDiv(IEnumerable<ArithProblem> ps) => ps.Average(p => p.Steps.Count(s => s.Contains(" * ") || s.Contains(" / ")) / (double)p.Steps.Count);
        for (var i = 1; i < 5; i++)
        {
            Assert.True(Steps(byLevel[i]) > Steps(byLevel[i - 1]), $"steps at level {i + 1}");
            Assert.True(Magnitude(byLevel[i]) > Magnitude(byLevel[i - 1]), $"magnitude at level {i + 1}");
        }
        Assert.Equal(0, MulDiv(byLevel[0]));
        Assert.True(MulDiv(byLevel[4]) > MulDiv(byLevel[1]));
        Assert.Contains(byLevel[4], p => p.Steps.Any(s => s.Contains(" / ")));
    }

    [Fact]
    public void Generate_SameSeed_SameProblems_OtherSeed_Differs()
    {
        Assert.Equal(new ArithGenerator(5).TestSet(10).Select(p => p.Solution), new ArithGenerator(5).TestSet(10).Select(p => p.Solution));
        Assert.NotEqual(new ArithGenerator(5).TestSet(10).Select(p => p.Statement), new ArithGenerator(6).TestSet(10).Select(p => p.Statement));
    }

    [Fact]
    public void Training_NeverRepeatsATestStatement_AndCyclesLevels()
    {
        var test = Generator.TestSet().Select(p => p.Statement).ToHashSet();
        for (var i = 0; i < 5000; i++)
        {
            var p = Generator.Training(i);
            Assert.DoesNotContain(p.Statement, test);
            Assert.Equal(i % 5 + 1, p.Level);
        }
    }

    [Fact]
    public void Training_WithLevelMix_LevelFromTheMix_SameProblemWhereTheLevelAgrees()
    {
        var mix = ArithLevelMix.Parse("1,1,2,3,3");
        var test = Generator.TestSet().Select(p => p.Statement).ToHashSet();
        var agree = 0;
        for (var i = 0; i < 2000; i++)
        {
            var p = Generator.Training(i, mix);
            Assert.DoesNotContain(p.Statement, test);
            Assert.Equal(mix.LevelOf(i), p.Level);
            Assert.Equal(Generator.Training(i).Statement, Generator.Training(i, ArithLevelMix.Uniform).Statement);
            if (p.Level == i % 5 + 1)
            {
                Assert.Equal(Generator.Training(i).Statement, p.Statement);
                agree++;
            }
        }
        Assert.InRange(agree, 1, 1999);
    }

    [Fact]
    public void TrainingCompletion_SelfCheck_HasWaitLineAndSameAnswer()
    {
        var withWait = 0;
        for (var i = 0; i < 200; i++)
        {
            var p = Generator.Training(i);
            var completion = Generator.TrainingCompletion(p, i, selfCheckRate: 0.5);
            Assert.EndsWith($"\\boxed{{{p.Answer}}}.\n", completion);
            if (completion.Contains("\nWait, ", StringComparison.Ordinal) || completion.StartsWith("Wait, ", StringComparison.Ordinal))
                withWait++;
            else
                Assert.Equal(p.Solution, completion);
        }
        Assert.InRange(withWait, 60, 140);
        Assert.Equal(Generator.Training(3).Solution, Generator.TrainingCompletion(Generator.Training(3), 3, selfCheckRate: 0));
    }

    [Fact]
    public void CommittedTestSet_MatchesGenerator_AndLoads()
    {
        var committed = Path.Combine(RepoPaths.Root, "data", "benchmarks", "arith-test.jsonl");
        var fresh = Path.GetTempFileName();
        try
        {
            ArithDataset.Write(fresh, Generator.TestSet());
            Assert.Equal(File.ReadAllBytes(fresh), File.ReadAllBytes(committed));
        }
        finally
        {
            File.Delete(fresh);
        }
        var problems = ArithDataset.Load(committed);
        Assert.Equal(500, problems.Count);
        Assert.Equal(["1", "2", "3", "4", "5"], problems.Select(p => p.Level).Distinct());
        Assert.All(problems, p => Assert.Equal("arith", p.Dataset));
        Assert.Equal(Generator.TestSet()[0].Answer.ToString(CultureInfo.InvariantCulture), problems[0].Gold);
    }

    [Fact]
    public void Load_BadLine_NamesFileAndLine()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "{\"id\":\"x\",\"level\":1,\"problem\":\"a = 1. What is a?\",\"prompt\":\"p\",\"solution\":\"s\",\"answer\":\"1\"}\n{\"id\":\"y\",\"level\":2,\"solution\":\"s\",\"answer\":\"2\"}\n");
        try
        {
            var ex = Assert.Throws<InferScale.Tasks.DataFormatException>(() => ArithDataset.Load(path));
            Assert.Contains(path + ":2", ex.Message);
            Assert.Contains("prompt", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"^([a-z]) = (-?\w+)(?: ([-+*/]) (-?\w+))?$")]
    private static partial Regex Definition();

    [GeneratedRegex(@"^What is ([a-z])\?$")]
    private static partial Regex QuestionRegex();

    [GeneratedRegex(@"^[a-z] = \(?(-?\d+)\)? ([-+*/]) \(?(-?\d+)\)? = (-?\d+)$")]
    private static partial Regex StepRegex();
}
