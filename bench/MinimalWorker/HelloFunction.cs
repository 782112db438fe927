using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MinimalWorker;

/// <summary>The one function: answers 200 without touching anything, so its first answer is the worker's own start.</summary>
public static class HelloFunction
{
    public const string Route = "hello";

    [Function("Hello")]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req) => Results.Text("hello");
}
