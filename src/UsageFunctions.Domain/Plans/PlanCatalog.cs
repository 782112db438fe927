namespace UsageFunctions.Domain.Plans;

/// <summary>The plans accounts can be on: the defaults below, overridden or extended by configuration.</summary>
public sealed class PlanCatalog(IReadOnlyDictionary<string, Plan> plans)
{
    public static PlanCatalog Default { get; } = new(DefaultPlans.All.ToDictionary(p => p.Name, StringComparer.Ordinal));

    public IEnumerable<string> Names => plans.Keys;

    public Plan? Find(string name) => plans.GetValueOrDefault(name);

    public static PlanCatalog With(IReadOnlyDictionary<string, Plan> configured)
    {
        var merged = DefaultPlans.All.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, plan) in configured)
        {
            plan.Name = name;
            merged[name] = plan;
        }
        return new PlanCatalog(merged);
    }
}
