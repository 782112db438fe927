using Microsoft.Extensions.Options;
using UsageFunctions.Domain.Plans;

namespace UsageFunctions.App.Vendors;

public static class VendorRegistration
{
    /// <summary>The plan catalog: defaults plus <c>Plans__{name}__…</c> settings.</summary>
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddOptions<PlansOptions>().BindConfiguration(PlansOptions.Section);
        services.AddSingleton(sp => PlanCatalog.With(sp.GetRequiredService<IOptions<PlansOptions>>().Value.Plans));
        services.AddSingleton<AccountProfiles>();
        services.AddSingleton<VendorAccess>();
        return services;
    }
}

public sealed class PlansOptions
{
    public const string Section = "";

    /// <summary>Bound from the <c>Plans</c> section: plan name → plan.</summary>
    public Dictionary<string, Plan> Plans { get; set; } = [];
}
