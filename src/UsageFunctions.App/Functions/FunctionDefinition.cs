namespace UsageFunctions.App.Functions;

/// <summary>One Azure Function of this app: its name (the folder of its function.json) and its trigger.</summary>
public abstract record FunctionDefinition(string Name);

/// <summary>
/// An HTTP-triggered function. The host forwards the request unchanged, so <see cref="Route"/> is the client's path.
/// <see cref="Map"/> is a lambda that names the handler in its <c>MapMethods</c> call: the Request Delegate Generator
/// compiles a request delegate only where it sees the handler at the call site. A plain <see cref="Delegate"/> mapped
/// later would be bound by reflection and expression compilation on start, about 100 ms of every cold start.
/// </summary>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, HandlerMapping Map) : FunctionDefinition(Name)
{
    /// <summary>The host's own key check; our APIs authenticate themselves, so the host lets every request through.</summary>
    public string AuthLevel { get; init; } = "anonymous";

    public Action<RouteHandlerBuilder>? Configure { get; init; }
}

/// <summary>
/// A timer-triggered function. Its NCRONTAB schedule (six fields, with seconds) is read from the app setting
/// <see cref="ScheduleSetting"/>, falling back to <see cref="DefaultSchedule"/>.
/// </summary>
public sealed record TimerFunction(string Name, string ScheduleSetting, string DefaultSchedule, TimerHandler Run) : FunctionDefinition(Name)
{
    /// <summary>The configuration key of the schedule (<c>Timers:Rollup</c> is the app setting <c>Timers__Rollup</c>).</summary>
    public string ConfigurationKey => ScheduleSetting.Replace("__", ":", StringComparison.Ordinal);

    public string ScheduleFrom(IConfiguration configuration) => configuration[ConfigurationKey] is { Length: > 0 } s ? s : DefaultSchedule;
}

/// <summary>Maps one handler: <c>(app, pattern, methods) => app.MapMethods(pattern, methods, Handler)</c>.</summary>
public delegate RouteHandlerBuilder HandlerMapping(IEndpointRouteBuilder app, string pattern, IEnumerable<string> methods);

/// <summary>Runs one timer invocation and says what it did, for the host's invocation log.</summary>
public delegate Task<string> TimerHandler(IServiceProvider services, TimerInfo timer, CancellationToken cancellationToken);

/// <summary>What the host tells a timer function about its schedule.</summary>
public sealed record TimerInfo(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next, DateTimeOffset? LastUpdated);
