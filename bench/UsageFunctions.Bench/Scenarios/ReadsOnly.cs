using System.Globalization;

namespace UsageFunctions.Bench;

/// <summary>
/// <c>--scenario reads --mode quick|full [--histories 100000,1000000] [--only TEXT] [--then-read SECONDS]</c>: the read
/// comparison alone, on a fresh Azurite, for the history sizes asked (the mode's by default) and the endpoints whose path
/// contains TEXT (every one by default); the reads table and the read-path targets are printed, not written. With
/// <c>--then-read</c>, the worker's process id is printed and the endpoints are read in turn for that long afterwards, so
/// a profiler can attach (<c>dotnet-trace collect -p PID</c>).
/// </summary>
public static class ReadsOnly
{
    public const string Scenario = "reads";

    public static bool Requested(string[] args) => Value(args, "--scenario") == Scenario;

    public static async Task RunAsync(string[] args, string repositoryRoot, TextWriter log)
    {
        var options = BenchOptions.Parse(args, repositoryRoot);
        if (Value(args, "--histories") is { } histories)
            options = options with { Histories = [.. histories.Split(',').Select(h => int.Parse(h, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))] };
        var only = Value(args, "--only");
        var endpoints = UsageEndpoint.All.Where(e => only is null || e.Path.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
        if (endpoints.Count == 0) throw new ArgumentException($"No endpoint's path contains '{only}'.");

        using var azurite = await Azurite.StartAsync(repositoryRoot);
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        using var app = AppProcess.Start(azurite.ConnectionString, prefix);
        var ready = await app.WaitReadyAsync();
        var account = await BenchAccount.CreateAsync(app, "History");
        log.WriteLine($"Reads of {endpoints.Count} endpoints at {string.Join(", ", options.Histories.Select(h => h.ToString("N0", CultureInfo.InvariantCulture)))} events");
        var reads = await ReadScenario.RunAsync(app, azurite, account, new BareRead(azurite.ConnectionString, prefix, account.Id), options, log, endpoints);
        log.WriteLine(MarkdownReport.ReadsTable(reads, StoragePrices.ListPrices));
        foreach (var t in Targets.ReadPath(reads)) log.WriteLine($"{t.Target} {t.Goal}: {t.Measured}, {t.Verdict}");
        if (Value(args, "--then-read") is not { } then) return;
        log.WriteLine($"worker pid {ready.WorkerProcessId}: reading for {then} s more");
        var until = DateTimeOffset.UtcNow.AddSeconds(int.Parse(then, CultureInfo.InvariantCulture));
        while (DateTimeOffset.UtcNow < until)
            foreach (var endpoint in endpoints)
            {
                using var response = await app.Http.SendAsync(endpoint.Request(account.ReadKey));
                await response.Content.ReadAsByteArrayAsync();
            }
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
