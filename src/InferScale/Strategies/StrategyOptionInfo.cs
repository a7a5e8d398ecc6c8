namespace InferScale.Strategies;

/// <summary>One option of a strategy, as the catalog lists it.</summary>
/// <param name="Name">The option's name in the catalog syntax (kebab-case, for example <c>window-size</c>).</param>
/// <param name="PropertyName">The options record's property.</param>
/// <param name="Type">The property type.</param>
/// <param name="Default">The default value (<see langword="null"/> where the context's value applies).</param>
/// <param name="Description">What it does.</param>
public sealed record StrategyOptionInfo(string Name, string PropertyName, Type Type, object? Default, string Description)
{
    /// <summary>The default as the catalog syntax writes it (invariant culture, kebab-case enums; empty for <see langword="null"/>).</summary>
    public string DefaultText => StrategyOptionsBinder.Format(Default);
}
