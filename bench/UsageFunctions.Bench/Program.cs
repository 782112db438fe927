namespace UsageFunctions.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/UsageFunctions.Bench -- --mode quick|full [--out DIR]</c>; with
/// <c>--scenario mixed</c>, the mixed load alone; with <c>--scenario entitlements</c>, the entitlement checks alone; with
/// <c>--scenario ingest</c> or <c>--scenario reads</c>, that comparison alone, printed.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        // The bench starts itself again as the local Functions host of each app it measures.
        if (args.Contains(BenchHost.Flag))
        {
            await BenchHost.RunAsync(args);
            return;
        }
        var root = RepositoryRoot.Find();
        if (MixedLoadOptions.Requested(args))
        {
            var mixed = MixedLoadOptions.Parse(args, root);
            Console.WriteLine($"UsageFunctions mixed load, {mixed.Mode} mode; results go to {mixed.OutputDirectory}");
            var written = await MixedLoadReport.WriteAsync(await MixedLoadScenario.RunAsync(mixed, root, Console.Out), mixed.OutputDirectory);
            Console.WriteLine(await File.ReadAllTextAsync(written));
            return;
        }
        if (ReadsOnly.Requested(args))
        {
            await ReadsOnly.RunAsync(args, root, Console.Out);
            return;
        }
        if (IngestOnly.Requested(args))
        {
            await IngestOnly.RunAsync(args, root, Console.Out);
            return;
        }
        if (EntitlementsOptions.Requested(args))
        {
            var entitlements = EntitlementsOptions.Parse(args, root);
            Console.WriteLine($"UsageFunctions entitlement checks, {entitlements.Mode} mode; results go to {entitlements.OutputDirectory}");
            var written = await EntitlementsReport.WriteAsync(await EntitlementsScenario.RunAsync(entitlements, root, Console.Out), entitlements.OutputDirectory);
            Console.WriteLine(await File.ReadAllTextAsync(written));
            return;
        }
        var options = BenchOptions.Parse(args, root);
        Console.WriteLine($"UsageFunctions bench, {options.Mode} mode; results go to {options.OutputDirectory}");
        var result = await BenchRunner.RunAsync(options, root, Console.Out);
        var (markdown, json) = await BenchRunner.WriteAsync(result, options.OutputDirectory);
        Console.WriteLine(await File.ReadAllTextAsync(markdown));
        Console.WriteLine($"Wrote {markdown} and {json}");
    }
}
