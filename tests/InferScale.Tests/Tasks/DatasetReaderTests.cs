using InferScale.Tasks;

namespace InferScale.Tests.Tasks;

public sealed class DatasetReaderTests
{
    [Theory]
    [InlineData("gsm8k", 1319)]
    [InlineData("math500", 500)]
    [InlineData("aime24", 30)]
    [InlineData("amc23", 40)]
    [InlineData("humaneval", 164)]
    public void Load_BuiltInName_ReadsEveryRecordWithUniqueIds(string name, int expected)
    {
        var problems = DatasetCatalog.Default.Load(name).ToList();

        Assert.Equal(expected, problems.Count);
        Assert.Equal(expected, problems.Select(p => p.Id).Distinct().Count());
        Assert.All(problems, p => Assert.Equal(name, p.Dataset));
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Prompt)));
    }

    [Fact]
    public void Read_Gsm8k_GoldIsTheNumberAfterHashes()
    {
        var first = DatasetReader.Read(SharedData.Benchmark("gsm8k-test.jsonl"), datasetName: "gsm8k").First();

        Assert.Equal("gsm8k/0", first.Id);
        Assert.Equal("18", first.Gold);
        Assert.StartsWith("Janet", first.Prompt, StringComparison.Ordinal);
        Assert.EndsWith("#### 18", first.Metadata[DatasetReader.SolutionKey], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Math500_MapsLevelSubjectAndAnswer()
    {
        var problems = DatasetReader.Read(SharedData.Benchmark("math500-test.jsonl")).ToList();

        Assert.Equal(DatasetFormat.Math, DatasetReader.DetectFormat(SharedData.Benchmark("math500-test.jsonl")));
        Assert.Equal(["1", "2", "3", "4", "5"], problems.Select(p => p.Level!).Distinct().Order(StringComparer.Ordinal));
        var first = problems[0];
        Assert.Equal("test/precalculus/807.json", first.Id);
        Assert.Equal("Precalculus", first.Subject);
        Assert.Equal("\\left( 3, \\frac{\\pi}{2} \\right)", first.Gold);
    }

    [Fact]
    public void Read_Amc23_NumericAnswersBecomeIntegerText()
    {
        var first = DatasetCatalog.Default.Load("amc23").First();

        Assert.Equal("amc23/0", first.Id);
        Assert.Equal("27", first.Gold);
    }

    [Fact]
    public void Read_HumanEval_KeepsTestEntryPointAndSolutionInMetadata()
    {
        var first = DatasetCatalog.Default.Load("humaneval").First();

        Assert.Equal("HumanEval/0", first.Id);
        Assert.Equal("has_close_elements", first.Metadata[DatasetReader.EntryPointKey]);
        Assert.Contains("def check(candidate)", first.Metadata[DatasetReader.TestKey], StringComparison.Ordinal);
        Assert.Contains("for idx, elem in enumerate(numbers)", first.Metadata[DatasetReader.CanonicalSolutionKey], StringComparison.Ordinal);
        Assert.Null(first.Gold);
    }

    [Fact]
    public void Read_MalformedLine_NamesFileAndLine()
    {
        var path = SharedData.TempFile(".jsonl",
            """{"question": "q1", "answer": "a #### 1"}""",
            "",
            "{\"question\": \"q2\", \"answer\": \"b #### 2\"");

        var ex = Assert.Throws<DataFormatException>(() => DatasetReader.Read(path).ToList());

        Assert.Equal(3, ex.LineNumber);
        Assert.Contains($"{path}:3:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("malformed JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingField_NamesFieldFileAndLine()
    {
        var path = SharedData.TempFile(".jsonl",
            """{"id": 1, "problem": "p", "answer": "3"}""",
            """{"id": 2, "problem": "p"}""");

        var ex = Assert.Throws<DataFormatException>(() => DatasetReader.Read(path, DatasetFormat.Competition).ToList());

        Assert.Contains($"{path}:2:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'answer'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Gsm8kAnswerWithoutHashes_FailsNamingLine()
    {
        var path = SharedData.TempFile(".jsonl", """{"question": "q", "answer": "no marker"}""");

        var ex = Assert.Throws<DataFormatException>(() => DatasetReader.Read(path).ToList());

        Assert.Equal(1, ex.LineNumber);
        Assert.Contains("####", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectFormat_UnknownFields_FailsWithClearMessage()
    {
        var path = SharedData.TempFile(".jsonl", """{"foo": 1}""");

        var ex = Assert.Throws<DataFormatException>(() => DatasetReader.DetectFormat(path));

        Assert.Contains("cannot detect", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EnumeratedTwice_GivesTheSameIds()
    {
        var problems = DatasetReader.Read(SharedData.Benchmark("gsm8k-test.jsonl"));

        Assert.Equal(problems.Take(3).Select(p => p.Id), problems.Take(3).Select(p => p.Id));
    }
}
