namespace UsageFunctions.App.Hosting;

/// <summary>
/// How the app is hosted. Under the Functions host <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> is set: the app listens on
/// 127.0.0.1 at that port and the host fires the timers. Standalone, it listens on <see cref="LocalUrl"/> and runs
/// the timers itself.
/// </summary>
public sealed class CustomHandlerOptions
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string Section = "Hosting";

    public string LocalUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Standalone only: run timers in-process on their schedules.</summary>
    public bool RunTimers { get; set; } = true;

    public static int? PortFrom(IConfiguration configuration) =>
        int.TryParse(configuration[PortVariable], out var port) && port is > 0 and < 65536 ? port : null;
}
