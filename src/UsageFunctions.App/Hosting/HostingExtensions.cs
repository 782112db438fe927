using System.Net;

namespace UsageFunctions.App.Hosting;

public static class HostingExtensions
{
    public static WebApplicationBuilder UseCustomHandlerHosting(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(CustomHandlerOptions.Section).Get<CustomHandlerOptions>() ?? new();
        builder.Services.AddOptions<CustomHandlerOptions>().BindConfiguration(CustomHandlerOptions.Section);
        if (CustomHandlerOptions.PortFrom(builder.Configuration) is { } port)
        {
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        }
        else
        {
            builder.WebHost.UseUrls(options.LocalUrl);
            if (options.RunTimers) builder.Services.AddHostedService<StandaloneTimerScheduler>();
        }
        return builder;
    }
}
