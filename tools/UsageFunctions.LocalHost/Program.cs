using UsageFunctions.LocalHost;

// dotnet run --project tools/UsageFunctions.LocalHost -- <app folder> [--port 7071]
// Hosts a built function app (its build output or an unpacked package) as the Functions host would, until Ctrl+C.
var root = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Directory.GetCurrentDirectory();
var port = args.SkipWhile(a => a != "--port").Skip(1).Select(int.Parse).FirstOrDefault(7071);
root = Path.GetFullPath(root);
await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
{
    ScriptRoot = root,
    HttpPort = port,
    Settings = AppSettings.For(root),
});
Console.WriteLine($"Functions host on {host.BaseAddress} for {root}");
await host.WaitForShutdownAsync();
