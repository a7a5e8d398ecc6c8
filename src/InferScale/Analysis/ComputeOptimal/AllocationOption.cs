namespace InferScale.Analysis.ComputeOptimal;

/// <summary>One choice for one bin of the allocation knapsack: its total cost and total correct answers on the bin's problems.</summary>
/// <param name="Cost">Total cost (tokens) of the choice on the bin.</param>
/// <param name="Correct">Total correct answers (fractional when averaged over seeds).</param>
public readonly record struct AllocationOption(double Cost, double Correct);
