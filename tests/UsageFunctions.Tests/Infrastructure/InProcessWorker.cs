using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UsageFunctions.App.Hosting;
using UsageFunctions.LocalHost.Workers;

namespace UsageFunctions.Tests.Infrastructure;

/// <summary>
/// Starts the app's worker inside the test process, built as Program builds it, so a test can swap services (a fake
/// clock, a counting storage client) and reach them. The worker's SDK applies the app's generated startup (function
/// metadata and executor) only for the entry assembly; here the entry assembly is the test host, so it is applied by hand.
/// Its Kestrel gets a port of its own: the worker's default port is one per process.
/// </summary>
public sealed class InProcessWorkerLauncher(Action<IServiceCollection> configureServices) : IWorkerLauncher
{
    /// <summary>The started worker's services (its stores, its clock), once it has started.</summary>
    public IServiceProvider? Services { get; private set; }

    public async Task<RunningWorker> StartAsync(WorkerStart start, CancellationToken cancellationToken)
    {
        // The worker's routing and function loading read these from the environment; one app folder serves every test.
        Environment.SetEnvironmentVariable("FUNCTIONS_APPLICATION_DIRECTORY", start.ScriptRoot);
        Environment.SetEnvironmentVariable("FUNCTIONS_WORKER_DIRECTORY", start.ScriptRoot);
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(start.Settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":"), (string?)s.Value)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Functions:Worker:HostEndpoint"] = start.HostEndpoint.AbsoluteUri,
            ["Functions:Worker:WorkerId"] = start.WorkerId,
            ["Functions:Worker:RequestId"] = start.RequestId,
            ["Functions:Worker:GrpcMaxMessageLength"] = start.MaxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddUsageFunctions();
        ApplyGeneratedStartup(builder.Services);
        var port = AzuriteServer.FreePort();
        builder.Services.Configure<WorkerOptions>(o => o.Capabilities["HttpUri"] = $"http://127.0.0.1:{port}/");
        builder.Services.Configure<KestrelServerOptions>(k => k.Listen(IPAddress.Loopback, port));
        configureServices(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        Services = host.Services;
        return new InProcessWorker(host);
    }

    private static void ApplyGeneratedStartup(IServiceCollection services)
    {
        var generated = typeof(UsageFunctionsApp).Assembly.GetTypes()
            .Where(t => typeof(IAutoConfigureStartup).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false });
        foreach (var type in generated) ((IAutoConfigureStartup)Activator.CreateInstance(type)!).Configure(new ServicesOnlyHostBuilder(services));
    }

    /// <summary>The worker host; a WorkerTerminate from the host stops it, as it ends the worker process.</summary>
    private sealed class InProcessWorker : RunningWorker
    {
        private readonly IHost _host;
        private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public InProcessWorker(IHost host)
        {
            _host = host;
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.ApplicationStopping.Register(() => _ = Task.Run(() => _host.StopAsync()));
            lifetime.ApplicationStopped.Register(() => _exited.TrySetResult());
        }

        public override int? ProcessId => null;

        public override Task Exited => _exited.Task;

        public override async ValueTask DisposeAsync()
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    /// <summary>Lets the generated startup classes, written against <see cref="IHostBuilder"/>, register their services.</summary>
    private sealed class ServicesOnlyHostBuilder(IServiceCollection services) : IHostBuilder
    {
        public IDictionary<object, object> Properties { get; } = new Dictionary<object, object>();

        public IHostBuilder ConfigureServices(Action<HostBuilderContext, IServiceCollection> configureDelegate)
        {
            configureDelegate(new HostBuilderContext(Properties), services);
            return this;
        }

        public IHost Build() => throw new NotSupportedException();

        public IHostBuilder ConfigureAppConfiguration(Action<HostBuilderContext, IConfigurationBuilder> configureDelegate) => throw new NotSupportedException();

        public IHostBuilder ConfigureContainer<TContainerBuilder>(Action<HostBuilderContext, TContainerBuilder> configureDelegate) => throw new NotSupportedException();

        public IHostBuilder ConfigureHostConfiguration(Action<IConfigurationBuilder> configureDelegate) => throw new NotSupportedException();

        public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory)
            where TContainerBuilder : notnull => throw new NotSupportedException();

        public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(Func<HostBuilderContext, IServiceProviderFactory<TContainerBuilder>> factory)
            where TContainerBuilder : notnull => throw new NotSupportedException();
    }
}
