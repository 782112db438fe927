using UsageFunctions.LocalHost.Workers;

namespace UsageFunctions.LocalHost;

/// <summary>What one local host runs: which app folder, on which port, with which app settings.</summary>
public sealed class LocalHostOptions
{
    /// <summary>The function app's folder (build output or unpacked package): worker.config.json, host.json, the app.</summary>
    public required string ScriptRoot { get; init; }

    /// <summary>Where clients call the functions; 0 takes any free loopback port.</summary>
    public int HttpPort { get; init; } = 7071;

    /// <summary>The app settings: handed to the worker as environment variables, and read for <c>%Name%</c> in bindings.</summary>
    public AppSettings Settings { get; init; } = AppSettings.Empty;

    /// <summary>Timers fire on their schedules; off, they run only when fired through the admin API.</summary>
    public bool RunTimersOnSchedule { get; init; } = true;

    /// <summary>How the worker starts; by default the process worker.config.json describes, as Azure starts it.</summary>
    public IWorkerLauncher Launcher { get; init; } = new ProcessWorkerLauncher();

    /// <summary>How long a terminating worker may take to stop before its process tree is killed.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The admin key guarding <c>/admin/functions/{name}</c>, from the app setting <c>Admin__Key</c>.</summary>
    public string? AdminKey => Settings.Get("Admin__Key");
}
