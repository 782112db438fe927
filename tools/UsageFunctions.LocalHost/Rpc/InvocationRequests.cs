using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using UsageFunctions.LocalHost.Functions;

namespace UsageFunctions.LocalHost.Rpc;

/// <summary>
/// Invocation requests as the host sends them. An HTTP invocation carries no body: the worker reads the request from
/// its own Kestrel, where the host forwards it; the trigger metadata carries route values, <c>Query</c> and <c>Headers</c>.
/// </summary>
public static class InvocationRequests
{
    public static InvocationRequest Http(LoadedFunction function, string invocationId, HttpRequest request, RouteValueDictionary route)
    {
        var http = new RpcHttp { Method = request.Method, Url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}" };
        foreach (var (name, value) in request.Headers) http.Headers[name.ToLowerInvariant()] = value.ToString();
        foreach (var (name, value) in request.Query) http.Query[name] = value.ToString();
        var invocation = New(function, invocationId);
        foreach (var (name, value) in route)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            http.Params[name] = text;
            invocation.TriggerMetadata[name] = new TypedData { String = text };
        }
        invocation.InputData.Add(new ParameterBinding { Name = function.Http!.BindingName, Data = new TypedData { Http = http } });
        invocation.TriggerMetadata["Query"] = Json(http.Query);
        invocation.TriggerMetadata["Headers"] = Json(http.Headers);
        return invocation;
    }

    /// <summary>A timer invocation with the <c>TimerInfo</c> JSON the host's timer extension sends.</summary>
    public static InvocationRequest Timer(LoadedFunction function, string invocationId, bool isPastDue, DateTimeOffset? last, DateTimeOffset next)
    {
        var timer = new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = last ?? DateTimeOffset.MinValue, Next = next, LastUpdated = DateTimeOffset.UtcNow },
            IsPastDue = isPastDue,
        };
        var invocation = New(function, invocationId);
        invocation.InputData.Add(new ParameterBinding { Name = function.Timer!.BindingName, Data = Json(timer) });
        return invocation;
    }

    private static InvocationRequest New(LoadedFunction function, string invocationId)
    {
        var invocation = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.Id,
            // The worker reads the trace context of every invocation and samples by its flag, as it does under the
            // Functions host, which passes its own recorded request span; a fresh sampled traceparent when none is flowing.
            TraceContext = new RpcTraceContext
            {
                TraceParent = Activity.Current is { Recorded: true } flowing ? flowing.Id
                    : $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01",
            },
        };
        invocation.TriggerMetadata["sys"] = Json(new { MethodName = function.Name, UtcNow = DateTimeOffset.UtcNow, RandGuid = Guid.NewGuid() });
        return invocation;
    }

    private static TypedData Json<T>(T value) => new() { Json = JsonSerializer.Serialize(value) };
}
