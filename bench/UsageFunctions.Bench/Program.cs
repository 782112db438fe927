using UsageFunctions.Bench;

var root = RepositoryRoot.Find();
var options = BenchOptions.Parse(args, root);
Console.WriteLine($"UsageFunctions bench, {options.Mode} mode; results go to {options.OutputDirectory}");
var result = await BenchRunner.RunAsync(options, root, Console.Out);
var (markdown, json) = await BenchRunner.WriteAsync(result, options.OutputDirectory);
Console.WriteLine(await File.ReadAllTextAsync(markdown));
Console.WriteLine($"Wrote {markdown} and {json}");
