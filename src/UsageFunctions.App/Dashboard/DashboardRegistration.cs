namespace UsageFunctions.App.Dashboard;

public static class DashboardRegistration
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services.AddSingleton<DashboardAssets>();
}
