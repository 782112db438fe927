using Microsoft.Azure.Functions.Worker.Builder;
using UsageFunctions.App.Admin;
using UsageFunctions.App.Alerts;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Corrections;
using UsageFunctions.App.Dashboard;
using UsageFunctions.App.Entitlements;
using UsageFunctions.App.Observability;
using UsageFunctions.App.RateLimits;
using UsageFunctions.App.Reliability;
using UsageFunctions.App.Retention;
using UsageFunctions.App.Rollups;
using UsageFunctions.App.Vendors;
using UsageFunctions.Storage;

namespace UsageFunctions.App.Hosting;

public static class UsageFunctionsApp
{
    /// <summary>
    /// The whole app on a worker builder: ASP.NET Core integration (functions take <see cref="HttpRequest"/> and return
    /// <see cref="IResult"/>), the worker middleware that carries what every function shares, and the services.
    /// </summary>
    public static FunctionsApplicationBuilder AddUsageFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        // Outermost first: telemetry sees every answer as sent, failures become answers, each HTTP request gets its deadline,
        // only the admin key reaches the management API, then a key that has
        // spent its budget is answered 429.
        builder.UseMiddleware<InvocationTelemetryMiddleware>();
        builder.UseMiddleware<FailureMiddleware>();
        builder.UseMiddleware<DeadlineMiddleware>();
        builder.UseMiddleware<AdminKeyMiddleware>();
        builder.UseMiddleware<RateLimitMiddleware>();

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTableStorage();
        builder.Services.AddDeadlines();
        builder.Services.AddIdleMemoryTrim();
        builder.Services.AddHostedService<StartupWarmUp>();
        builder.Services.AddAdmin();
        builder.Services.AddKnownIds();
        builder.Services.AddIndexBackfill();
        builder.Services.AddRateLimits();
        builder.Services.AddIngestion();
        builder.Services.AddRetention();
        builder.Services.AddRollups();
        builder.Services.AddPlans();
        builder.Services.AddDashboard();
        builder.Services.AddAlerts();
        builder.AddObservability();
        builder.Services.AddCorrections();
        builder.Services.AddEntitlements();
        return builder;
    }
}
