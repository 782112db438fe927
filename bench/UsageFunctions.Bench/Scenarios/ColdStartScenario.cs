namespace UsageFunctions.Bench;

/// <summary>
/// Cold starts under the local host, a fresh host and worker each time: from the worker process's spawn to the first 200
/// on the app's endpoint through the host (for the package, a usage read whose key already exists in storage and that
/// the process has never seen), and from the host's start to the worker's functions loaded. The apps take turns, so a
/// noisy moment of the machine falls on all of them alike; medians reported.
/// </summary>
public static class ColdStartScenario
{
    public static async Task<List<ColdStartResult>> RunAsync(IReadOnlyList<ColdStartApp> apps, string storage, string tablePrefix, int runs)
    {
        var firstOk = apps.Select(_ => new List<double>()).ToList();
        var loaded = apps.Select(_ => new List<double>()).ToList();
        for (var run = 0; run < runs; run++)
        {
            for (var a = 0; a < apps.Count; a++)
            {
                var (ok, load) = await StartOnceAsync(apps[a], storage, tablePrefix);
                firstOk[a].Add(ok);
                loaded[a].Add(load);
            }
        }
        return [.. apps.Select((app, a) => new ColdStartResult(
            app.Launch.Name, runs, app.Path, Median(firstOk[a]), Median(loaded[a]), [.. firstOk[a]], [.. loaded[a]]))];
    }

    private static async Task<(double FirstOkMs, double LoadedMs)> StartOnceAsync(ColdStartApp app, string storage, string tablePrefix)
    {
        using var process = AppProcess.Start(app.Launch, storage, tablePrefix);
        var answered = await process.FirstOkAsync(app.Request, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(5));
        var ready = await process.WaitReadyAsync();
        return ((answered - ready.WorkerStartedAt).TotalMilliseconds, (ready.LoadedAt - process.StartedAt).TotalMilliseconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

/// <summary>An app to cold-start and the request whose first 200 says it serves.</summary>
public sealed record ColdStartApp(AppLaunch Launch, string Path, Func<HttpRequestMessage> Request);
