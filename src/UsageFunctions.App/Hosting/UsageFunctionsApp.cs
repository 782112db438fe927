using Microsoft.Azure.Functions.Worker.Builder;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Corrections;
using UsageFunctions.App.Entitlements;
using UsageFunctions.App.RateLimits;
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
        // Outermost first: failures become answers, only the admin key reaches the management API, then a key that has
        // spent its budget is answered 429.
        builder.UseMiddleware<FailureMiddleware>();
        builder.UseMiddleware<AdminKeyMiddleware>();
        builder.UseMiddleware<RateLimitMiddleware>();

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTableStorage();
        builder.Services.AddHostedService<TableWarmUp>();
        builder.Services.AddAdmin();
        builder.Services.AddRateLimits();
        builder.Services.AddIngestion();
        builder.Services.AddRetention();
        builder.Services.AddRollups();
        builder.Services.AddPlans();
        builder.Services.AddCorrections();
        builder.Services.AddEntitlements();
        return builder;
    }
}
