namespace InferScale.Strategies;

/// <summary>A node of the MCTS tree: one step of a partial solution, with its children, visit count and value sum.</summary>
internal sealed class MctsNode(StepNode step, MctsNode? parent)
{
    public StepNode Step { get; } = step;

    public MctsNode? Parent { get; } = parent;

    public List<MctsNode> Children { get; } = [];

    /// <summary>Simulations backed up through this node.</summary>
    public int Visits { get; set; }

    /// <summary>The sum of the rewards backed up through this node.</summary>
    public double ValueSum { get; set; }

    /// <summary>Simulations that started from this node (rollouts that continued its text).</summary>
    public int Expansions { get; set; }

    public double Mean => Visits == 0 ? 0 : ValueSum / Visits;

    /// <summary>A node no simulation starts from or passes through: a finished step or a node at the maximum depth.</summary>
    public bool IsTerminal(int maxDepth) => Step.IsComplete || Step.Depth >= maxDepth;

    /// <summary>UCT: <c>Q + C·sqrt(ln N_parent / n)</c>; unvisited children first.</summary>
    public double Uct(double c, int parentVisits) =>
        Visits == 0 ? double.PositiveInfinity : Mean + c * Math.Sqrt(Math.Log(Math.Max(1, parentVisits)) / Visits);
}
