using Microsoft.Extensions.Options;
using UsageFunctions.Storage.Alerts;

namespace UsageFunctions.App.Alerts;

public static class AlertsRegistration
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TableAlertStore>();
        services.AddSingleton<TableAlertOutbox>();
        services.AddSingleton<AlertFigures>();
        services.AddSingleton<TargetGuard>();
        services.AddSingleton<AlertServices>();
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<AlertDispatcher>();
        services.AddSingleton(sp =>
        {
            var guard = sp.GetRequiredService<TargetGuard>();
            // No redirects (a 3xx is a failed attempt), no cookies, and every connection through the address check.
            var handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false, UseCookies = false, UseProxy = false,
                ConnectCallback = guard.ConnectAsync, PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            };
            return new AlertSender(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan },
                sp.GetRequiredService<IOptions<AlertsOptions>>(), sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
