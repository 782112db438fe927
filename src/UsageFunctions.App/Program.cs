using UsageFunctions.App.Admin;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Functions;
using UsageFunctions.App.Hosting;
using UsageFunctions.App.Ingestion;
using UsageFunctions.App.Retention;
using UsageFunctions.App.Rollups;
using UsageFunctions.App.Vendors;
using UsageFunctions.Storage;

if (FunctionJsonWriter.TryRun(args)) return;

var builder = WebApplication.CreateSlimBuilder(args);
builder.UseCustomHandlerHosting();

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ErrorHandling>();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddTableStorage();
builder.Services.AddHostedService<TableWarmUp>();
builder.Services.AddAdmin();
builder.Services.AddIngestion();
builder.Services.AddRetention();
builder.Services.AddRollups();
builder.Services.AddPlans();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapFunctionCatalog();

app.Run();

/// <summary>The entry point, visible to the in-process tests.</summary>
public partial class Program;
