namespace InferScale.Strategies;

/// <summary>A node of the MCTS tree: a step node with its children, visit count and value sum.</summary>
internal sealed class MctsNode(StepNode step, MctsNode? parent)
{
    public StepNode Step { get; } = step;

    public MctsNode? Parent { get; } = parent;

    public List<MctsNode> Children { get; } = [];

    public int Visits { get; set; }

    public double ValueSum { get; set; }

    /// <summary>Whether the node was expanded (possibly into no usable child, which makes it a dead end).</summary>
    public bool Expanded { get; set; }

    public double Mean => Visits == 0 ? 0 : ValueSum / Visits;

    /// <summary>A leaf that can never be expanded: a finished solution, a dead end, or a node at the maximum depth.</summary>
    public bool IsTerminal(int maxDepth) => Step.IsComplete || Step.Depth >= maxDepth || (Expanded && Children.Count == 0);

    /// <summary>UCT: <c>Q + C·sqrt(ln N_parent / n)</c>; unvisited children first.</summary>
    public double Uct(double c, int parentVisits) =>
        Visits == 0 ? double.PositiveInfinity : Mean + c * Math.Sqrt(Math.Log(Math.Max(1, parentVisits)) / Visits);
}
