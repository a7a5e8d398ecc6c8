using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InferScale.Compute;
using InferScale.Generation;
using InferScale.Tasks.Arith;

namespace InferScale.Tests.Strategies.StepSearch;

/// <summary>
/// A deterministic step-level test policy for the arith task (hand-written until the trained embedded models exist).
/// It reads the problem from the prompt (the last <c>Problem: …</c>), replays the solution state from the prefix
/// (values written so far, right or wrong), and writes the next line: the next step computed from the current values
/// (so an error propagates), then <c>&lt;/think&gt;</c>, then the boxed answer, then end of sequence. A step's result is
/// off by 1–3 with probability <see cref="ErrorRate"/>, decided by a hash of (seed, sample index, prefix) — of the
/// prefix alone at temperature 0. A prefix ending in <c>Wait</c> is continued with a self-check that corrects the first
/// wrong step (and the steps after it are recomputed), as in the arith training traces. Stop strings and max tokens are
/// honoured (one token ≈ 3 bytes); usage is exact; FLOPs are Kaplan's when <see cref="Shape"/> is set.
/// </summary>
internal sealed partial class ArithStepPolicy(double errorRate = 0.15) : IGenerator
{
    private readonly Lock _gate = new();

    public double ErrorRate { get; } = errorRate;

    /// <summary>Requests that include one of these indices throw.</summary>
    public IReadOnlySet<int> ThrowOn { get; init; } = new HashSet<int>();

    public ModelShape? Shape { get; init; }

    public List<GenerationRequest> Requests { get; } = [];

    public GeneratorMetadata Metadata => new("arith-policy", "arith-step-policy")
    {
        Parameters = Shape?.Parameters, Layers = Shape?.Layers, ModelDim = Shape?.ModelDim,
    };

    public static int Tokens(string text) => (Encoding.UTF8.GetByteCount(text) + 2) / 3;

    public ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        request.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
            Requests.Add(request);
        for (var i = request.FirstIndex; i < request.FirstIndex + request.Count; i++)
        {
            if (ThrowOn.Contains(i))
                throw new InvalidOperationException($"policy failed on sample {i}");
        }
        var problem = ParsedProblem.FromPrompt(request.Prompt);
        var promptTokens = Tokens(request.Prompt + request.Prefix);
        var samples = new List<Sample>(request.Count);
        double flops = Shape is null ? 0 : KaplanFlops.Span(Shape, 0, promptTokens);
        long completion = 0;
        for (var i = request.FirstIndex; i < request.FirstIndex + request.Count; i++)
        {
            var (text, finish) = Continue(problem, request.Prefix, request.Sampling, i);
            var tokens = Tokens(text);
            completion += tokens;
            if (Shape is not null)
                flops += KaplanFlops.Span(Shape, promptTokens, tokens);
            samples.Add(new Sample(text) { Index = i, PromptTokens = promptTokens, CompletionTokens = tokens, FinishReason = finish });
        }
        return ValueTask.FromResult(new GenerationResult(samples, new Usage { Calls = 1, PromptTokens = promptTokens, CompletionTokens = completion, Flops = flops }));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private (string Text, FinishReason Finish) Continue(ParsedProblem problem, string prefix, SamplingOptions sampling, int index)
    {
        var generated = "";
        var maxChars = sampling.MaxTokens * 3;
        for (var guard = 0; guard < 200; guard++)
        {
            var (line, end) = NextLine(problem, prefix + generated, sampling, index);
            if (line is null)
                break;
            generated += line;
            var stop = sampling.Stop.Select(s => generated.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            if (stop >= 0)
                return stop > maxChars ? (generated[..maxChars], FinishReason.Length) : (generated[..stop], FinishReason.Stop);
            if (generated.Length > maxChars)
                return (generated[..maxChars], FinishReason.Length);
            if (end)
                break;
        }
        return (generated, FinishReason.Stop);
    }

    /// <summary>The text that continues <paramref name="full"/> to the end of its current line (null at end of sequence).</summary>
    private (string? Line, bool End) NextLine(ParsedProblem problem, string full, SamplingOptions sampling, int index)
    {
        var lines = full.Split('\n');
        var partial = lines[^1];
        var state = problem.Replay(lines[..^1]);
        if (partial.StartsWith(ArithFormat.Wait, StringComparison.Ordinal))
            return (partial.Length > ArithFormat.Wait.Length ? "\n" : problem.SelfCheck(lines[..^1]) + "\n", false);
        string next;
        var end = false;
        if (state.Answered)
            return (null, true);
        if (state.ThinkClosed)
        {
            next = ArithFormat.AnswerCue + Fmt(state.AnswerValue) + "}.";
            end = true;
        }
        else if (state.NextStep is int step)
        {
            var u = Unit(sampling.Temperature > 0 ? Mix(sampling.Seed, (ulong)index, Fnv(full)) : Mix(0, 0, Fnv(full)));
            next = problem.StepLine(step, state.Values, u < ErrorRate ? (1 + (int)(u * 1e6 % 3)) * (u * 1e7 % 2 < 1 ? 1 : -1) : 0);
        }
        else
        {
            next = ArithFormat.ThinkClose;
        }
        if (!next.StartsWith(partial, StringComparison.Ordinal))
            return ("\n", false);
        return (next[partial.Length..] + (end ? "" : "\n"), end);
    }

    private static string Fmt(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));

    private static ulong Fnv(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
            h = (h ^ c) * 1099511628211UL;
        return h;
    }

    private static ulong Mix(ulong a, ulong b, ulong c)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (var p in (ReadOnlySpan<ulong>)[a, b, c])
        {
            h ^= p + 0x9E3779B97F4A7C15UL + (h << 6) + (h >> 2);
            h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
            h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
            h ^= h >> 31;
        }
        return h;
    }

    /// <summary>The problem's definitions, read from its statement.</summary>
    private sealed partial class ParsedProblem
    {
        private readonly List<(string Name, string Left, char Op, string Right)> _defs = [];

        public required string First { get; init; }

        public required long FirstValue { get; init; }

        public required string Asked { get; init; }

        public static ParsedProblem FromPrompt(string prompt)
        {
            var start = prompt.LastIndexOf("Problem: ", StringComparison.Ordinal);
            var end = prompt.IndexOf("\nSolution:", Math.Max(0, start), StringComparison.Ordinal);
            if (start < 0 || end < 0)
                throw new ArgumentException("not an arith prompt");
            var parts = prompt[(start + 9)..end].Split(". ");
            var first = parts[0].Split(" = ");
            var p = new ParsedProblem
            {
                First = first[0],
                FirstValue = long.Parse(first[1], CultureInfo.InvariantCulture),
                Asked = QuestionRegex().Match(parts[^1]).Groups[1].Value,
            };
            foreach (var d in parts[1..^1])
            {
                var m = DefinitionRegex().Match(d);
                p._defs.Add((m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value[0], m.Groups[4].Value));
            }
            return p;
        }

        public SolutionState Replay(IEnumerable<string> lines)
        {
            var state = new SolutionState(_defs.Count) { Values = { [First] = FirstValue } };
            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line == ArithFormat.ThinkClose)
                    state.ThinkClosed = true;
                else if (line.Contains("\\boxed{", StringComparison.Ordinal))
                    state.Answered = true;
                else if (StepRegex().Match(line) is { Success: true } m)
                    Assign(state, m.Groups[1].Value, long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), correction: false);
                else if (CorrectionRegex().Match(line) is { Success: true } c)
                    Assign(state, c.Groups[1].Value, long.Parse(c.Groups[2].Value, CultureInfo.InvariantCulture), correction: true);
            }
            state.AnswerValue = state.Values.TryGetValue(Asked, out var v) ? v : state.Values.Values.Last();
            state.NextStep = Enumerable.Range(0, _defs.Count).Cast<int?>().FirstOrDefault(i => !state.Assigned[i!.Value]);
            return state;
        }

        private void Assign(SolutionState state, string name, long value, bool correction)
        {
            var i = _defs.FindIndex(d => d.Name == name);
            if (i < 0)
                return;
            var changed = !state.Values.TryGetValue(name, out var old) || old != value;
            state.Values[name] = value;
            state.Assigned[i] = true;
            if (correction && changed)
            {
                for (var j = i + 1; j < _defs.Count; j++)
                    state.Assigned[j] = false;
            }
        }

        public string StepLine(int step, Dictionary<string, long> values, int error)
        {
            var (name, left, op, right) = _defs[step];
            var a = values[left];
            var b = long.TryParse(right, CultureInfo.InvariantCulture, out var literal) ? literal : values[right];
            var r = Apply(a, op, b) + error;
            return $"{name} = {Show(a)} {op} {Show(b)} = {Fmt(r)}";
        }

        /// <summary>The rest of a "Wait" line: corrects the first wrong step, or re-checks the last one.</summary>
        public string SelfCheck(IEnumerable<string> lines)
        {
            string? last = null;
            foreach (var raw in lines)
            {
                var m = FullStepRegex().Match(raw.Trim());
                if (!m.Success)
                    continue;
                var a = Parse(m.Groups[2].Value);
                var b = Parse(m.Groups[4].Value);
                var right = Apply(a, m.Groups[3].Value[0], b);
                if (right != Parse(m.Groups[5].Value))
                    return $", {m.Groups[1].Value} = {Fmt(right)}";
                last = $", check: {m.Groups[1].Value} = {m.Groups[5].Value}";
            }
            return last ?? ", check";
        }

        private static long Parse(string s) => long.Parse(s.Trim('(', ')'), CultureInfo.InvariantCulture);

        private static long Apply(long a, char op, long b) => op switch
        {
            '+' => a + b,
            '-' => a - b,
            '*' => a * b,
            _ => b == 0 ? 0 : a / b,
        };

        private static string Show(long v) => v < 0 ? $"({Fmt(v)})" : Fmt(v);

        [GeneratedRegex(@"^(\w+) = (\w+) ([-+*/]) (\w+)$")]
        private static partial Regex DefinitionRegex();

        [GeneratedRegex(@"What is (\w+)\?")]
        private static partial Regex QuestionRegex();

        [GeneratedRegex(@"^(\w+) = .+ = (-?\d+)$")]
        private static partial Regex StepRegex();

        [GeneratedRegex(@"^Wait, (\w+) = (-?\d+)$")]
        private static partial Regex CorrectionRegex();

        [GeneratedRegex(@"^(\w+) = (\(?-?\d+\)?) ([-+*/]) (\(?-?\d+\)?) = (-?\d+)$")]
        private static partial Regex FullStepRegex();
    }

    private sealed class SolutionState(int steps)
    {
        public Dictionary<string, long> Values { get; } = new(StringComparer.Ordinal);

        public bool[] Assigned { get; } = new bool[steps];

        public bool ThinkClosed { get; set; }

        public bool Answered { get; set; }

        public long AnswerValue { get; set; }

        public int? NextStep { get; set; }
    }
}
