namespace InferScale.Tasks;

/// <summary>The record layouts <see cref="DatasetReader"/> understands (one JSON object per line).</summary>
public enum DatasetFormat
{
    /// <summary>GSM8K: <c>{"question","answer"}</c>; the gold answer is the text after the last <c>####</c>.</summary>
    Gsm8k,

    /// <summary>MATH / MATH-500: <c>{"problem","solution","answer","subject","level","unique_id"}</c>; <c>level</c> is 1–5.</summary>
    Math,

    /// <summary>Competition sets (AIME, AMC): <c>{"id","problem","answer"}</c>, answer a string or a number.</summary>
    Competition,

    /// <summary>HumanEval: <c>{"task_id","prompt","entry_point","canonical_solution","test"}</c>.</summary>
    HumanEval,

    /// <summary>The built-in arithmetic task: <c>{"id","level","problem","prompt","solution","answer"}</c> (see <see cref="Arith.ArithDataset"/>).</summary>
    Arith,
}
