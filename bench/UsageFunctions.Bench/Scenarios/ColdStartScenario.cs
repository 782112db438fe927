namespace UsageFunctions.Bench;

/// <summary>
/// From process start to the first 200 on <c>GET /</c> and on a usage endpoint (the key already exists in storage,
/// the process has never seen it), several fresh processes of one build in a row; medians reported.
/// </summary>
public static class ColdStartScenario
{
    public static async Task<ColdStartResult> RunAsync(
        AppLaunch launch, string storage, string tablePrefix, BenchAccount account, UsageEndpoint endpoint, int runs)
    {
        var root = new List<double>();
        var usage = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            using var app = AppProcess.Start(launch, storage, tablePrefix);
            var poll = TimeSpan.FromMilliseconds(5);
            var timeout = TimeSpan.FromSeconds(60);
            var first = app.FirstOkAsync(() => new HttpRequestMessage(HttpMethod.Get, "/"), timeout, poll);
            var read = app.FirstOkAsync(() => endpoint.Request(account.ReadKey), timeout, poll);
            root.Add((await first).TotalMilliseconds);
            usage.Add((await read).TotalMilliseconds);
        }
        return new ColdStartResult(launch.Name, runs, endpoint.Path, Median(root), Median(usage), [.. root], [.. usage]);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
