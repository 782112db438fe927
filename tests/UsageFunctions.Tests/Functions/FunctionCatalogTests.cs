using System.CodeDom.Compiler;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NCrontab;
using UsageFunctions.App.Functions;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Functions;

public sealed class FunctionCatalogTests : IDisposable
{
    private readonly UsageAppFactory _app = new();
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("functions");

    public void Dispose()
    {
        _app.Dispose();
        _output.Delete(recursive: true);
    }

    [Fact]
    public void FunctionNamesAreUniqueAndValidFolderNames()
    {
        var names = FunctionCatalog.All.Select(f => f.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Matches("^[A-Za-z][A-Za-z0-9_-]{0,127}$", n));
    }

    [Fact]
    public void WriterProducesOneFunctionJsonPerCatalogEntry()
    {
        var written = FunctionJsonWriter.Write(_output.FullName);
        Assert.Equal(FunctionCatalog.All.Count, written.Count);
        Assert.All(FunctionCatalog.All, f => Assert.True(File.Exists(Path.Combine(_output.FullName, f.Name, "function.json"))));
    }

    [Fact]
    public async Task EveryGeneratedHttpRouteReachesARealEndpoint()
    {
        FunctionJsonWriter.Write(_output.FullName);
        using var client = _app.CreateClient();
        foreach (var function in FunctionCatalog.Http)
        {
            var binding = Trigger(function.Name);
            Assert.Equal("httpTrigger", binding["type"]!.GetValue<string>());
            Assert.Equal("anonymous", binding["authLevel"]!.GetValue<string>());
            var route = binding["route"]!.GetValue<string>();
            Assert.False(route.StartsWith("admin", StringComparison.OrdinalIgnoreCase), "The host reserves routes under admin/.");
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(route, @"\{[^}]+\}", "acct_x");
            foreach (var method in binding["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()))
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                // Unauthenticated, every real endpoint refuses in its own way; an unmapped one answers 404/405 from routing.
                Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed),
                    $"{method} {path} ({function.Name}) answered {(int)response.StatusCode}");
                Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            }
        }
    }

    [Fact]
    public void EveryHttpFunctionIsMappedFromItsCatalogEntryWithACompiledRequestDelegate()
    {
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var function in FunctionCatalog.Http)
        {
            var endpoint = Assert.Single(endpoints, e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == function.Name);
            Assert.Equal("/" + function.Route, endpoint.RoutePattern.RawText);
            Assert.Equal(function.Methods, endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods);
            // A named static handler, which tests can call, not a lambda.
            var handler = endpoint.Metadata.GetRequiredMetadata<MethodInfo>();
            Assert.True(handler.IsStatic && !handler.Name.Contains('<', StringComparison.Ordinal), $"{function.Name} maps {handler.Name}.");
            // Built by the Request Delegate Generator at compile time, not by reflection on the first request.
            Assert.Contains(endpoint.Metadata.OfType<GeneratedCodeAttribute>(), g => g.Tool?.StartsWith(RequestDelegateGenerator + ",", StringComparison.Ordinal) == true);
        }
    }

    [Fact]
    public void EveryTimerScheduleIsASixFieldNcrontabFromASetting()
    {
        FunctionJsonWriter.Write(_output.FullName);
        Assert.NotEmpty(FunctionCatalog.Timers);
        foreach (var timer in FunctionCatalog.Timers)
        {
            var binding = Trigger(timer.Name);
            Assert.Equal("timerTrigger", binding["type"]!.GetValue<string>());
            Assert.Equal($"%{timer.ScheduleSetting}%", binding["schedule"]!.GetValue<string>());
            Assert.Equal(6, timer.DefaultSchedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            var schedule = CrontabSchedule.Parse(timer.DefaultSchedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
            Assert.True(schedule.GetNextOccurrence(DateTime.UtcNow) > DateTime.UtcNow);
        }
    }

    private const string RequestDelegateGenerator = "Microsoft.AspNetCore.Http.RequestDelegateGenerator";

    private JsonObject Trigger(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(_output.FullName, name, "function.json")))!["bindings"]![0]!.AsObject();
}
