using System.Text.Json.Nodes;
using InferScale.Tests.Support;
using InferScale.Verification.Constraints;

namespace InferScale.Tests.Verification.Constraints;

public sealed class IfevalDataTests
{
    [Fact]
    public void EveryInstructionInIfevalInput_IsSupportedAndBuilds()
    {
        var path = RepoPaths.Shared("benchmarks", "ifeval-input.jsonl");
        Assert.True(File.Exists(path), $"missing {path}");
        var ids = new HashSet<string>();
        var instructions = 0;
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var row = JsonNode.Parse(line)!.AsObject();
            var idList = row["instruction_id_list"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
            var kwargs = row["kwargs"]!.AsArray().Select(n => n?.AsObject()).ToArray();
            for (var i = 0; i < idList.Length; i++)
            {
                var constraint = InstructionConstraints.Create(idList[i], kwargs[i]);
                _ = constraint.IsFollowed(row["prompt"]!.GetValue<string>(), ConstraintMode.Loose);
                ids.Add(idList[i]);
                instructions++;
            }
        }
        Assert.Equal(541, lineNo);
        Assert.Equal(834, instructions);
        Assert.Equal(25, ids.Count);
        Assert.All(ids, id => Assert.True(InstructionConstraints.IsSupported(id), id));
    }
}
