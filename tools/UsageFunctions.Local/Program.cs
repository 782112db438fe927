using UsageFunctions.Local;

// Starts in-memory Azurite and the app, creates a demo account and prints its keys and curl examples.
var root = LocalProcesses.FindRepositoryRoot();
var adminKey = "local-admin-" + Guid.NewGuid().ToString("N")[..16];
using var processes = new LocalProcesses(root);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => processes.Dispose();

var storage = await processes.StartAzuriteAsync();
var baseUrl = await processes.StartAppAsync(storage, adminKey);
var demo = await DemoAccount.CreateAsync(baseUrl, adminKey);
Console.WriteLine(Instructions.For(baseUrl, adminKey, demo));

try
{
    await processes.WaitAsync(stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping.");
}
