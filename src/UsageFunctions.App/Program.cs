using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using UsageFunctions.App.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddUsageFunctions();
builder.Build().Run();

/// <summary>The entry point, visible to the in-process tests.</summary>
public partial class Program;
