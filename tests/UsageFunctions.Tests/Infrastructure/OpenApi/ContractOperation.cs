using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace UsageFunctions.Tests.Infrastructure.OpenApi;

/// <summary>One operation of a document: how a request path matches it, and what each documented status may carry.</summary>
public sealed class ContractOperation
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private static int _schemas;
    private readonly Regex _path;
    private readonly Dictionary<string, Dictionary<string, JsonSchema>> _responses;

    private ContractOperation(string document, string method, string path, string id, Dictionary<string, Dictionary<string, JsonSchema>> responses)
    {
        Document = document;
        Method = method;
        Path = path;
        OperationId = id;
        _responses = responses;
        var segments = path.Trim('/').Split('/');
        LiteralSegments = segments.Count(s => !s.StartsWith('{'));
        Parameters = segments.Length - LiteralSegments;
        _path = new Regex("^/" + string.Join('/', segments.Select(s => s.StartsWith('{') ? "[^/]+" : Regex.Escape(s))) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public string Document { get; }

    public string Method { get; }

    /// <summary>The full path: the server's base path and the document's path, e.g. <c>/vocode/v1/usage</c>.</summary>
    public string Path { get; }

    public string OperationId { get; }

    public int LiteralSegments { get; }

    public int Parameters { get; }

    public IEnumerable<string> Statuses => _responses.Keys;

    public override string ToString() => $"{Method} {Path} ({OperationId} in {Document}.json)";

    public bool Matches(string method, string path) => string.Equals(Method, method, StringComparison.OrdinalIgnoreCase) && _path.IsMatch(path);

    /// <summary>What is wrong with a response, or nothing: an undocumented status or content type, a body where none is documented, schema errors.</summary>
    public IEnumerable<string> Problems(int status, string? mediaType, byte[] body)
    {
        if (!_responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var contents)
            && !_responses.TryGetValue($"{status / 100}XX", out contents) && !_responses.TryGetValue("default", out contents))
        {
            yield return $"status {status} is not documented (documented: {string.Join(", ", Statuses)})";
            yield break;
        }
        if (body.Length == 0)
        {
            if (contents.Count > 0) yield return $"status {status} documents a body ({string.Join(", ", contents.Keys)}) but the response has none";
            yield break;
        }
        if (mediaType is null || !contents.TryGetValue(mediaType, out var schema))
        {
            yield return $"status {status}: content type '{mediaType}' is not documented (documented: {(contents.Count == 0 ? "no body" : string.Join(", ", contents.Keys))})";
            yield break;
        }
        var (json, notJson) = IsJson(mediaType) ? Parse(body) : (Text(body), null);
        if (json is null)
        {
            yield return $"status {status}: the body is not JSON ({notJson})";
            yield break;
        }
        using (json)
        {
            var result = schema.Evaluate(json.RootElement, Evaluation);
            if (result.IsValid) yield break;
            foreach (var detail in result.Details ?? [])
                foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
                    yield return $"status {status} {mediaType}: at '{detail.InstanceLocation}' ({keyword} at {detail.EvaluationPath}): {message}";
        }
    }

    private static bool IsJson(string mediaType) => mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A text body (CSV) is checked as one JSON string, so its schema's type, pattern and length apply.</summary>
    private static JsonDocument Text(byte[] body) => JsonSerializer.SerializeToDocument(System.Text.Encoding.UTF8.GetString(body));

    private static (JsonDocument? Json, string? Error) Parse(byte[] body)
    {
        try
        {
            return (JsonDocument.Parse(body), null);
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The operations of a document, their schemas compiled with every <c>$ref</c> inlined.</summary>
    public static IEnumerable<ContractOperation> AllOf(string name, JsonObject document)
    {
        var basePath = document["servers"]![0]!["url"]!.GetValue<string>().TrimEnd('/');
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                var responses = new Dictionary<string, Dictionary<string, JsonSchema>>();
                foreach (var (status, response) in operation!["responses"]!.AsObject())
                {
                    var resolved = Resolve(document, response!);
                    responses[status] = (resolved["content"]?.AsObject() ?? []).ToDictionary(c => c.Key, c => Compile(document, c.Value!["schema"]!));
                }
                yield return new ContractOperation(name, method.ToUpperInvariant(), basePath + path, operation["operationId"]!.GetValue<string>(), responses);
            }
    }

    private static JsonSchema Compile(JsonObject document, JsonNode schema)
    {
        var inlined = Inline(document, schema, 0)!.AsObject();
        inlined["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        var uri = new Uri($"https://usagefunctions.test/schemas/{Interlocked.Increment(ref _schemas)}");
        return JsonSchema.FromText(inlined.ToJsonString(), baseUri: uri);
    }

    /// <summary>A copy of <paramref name="node"/> with each local <c>$ref</c> replaced by what it points at (siblings kept through allOf).</summary>
    private static JsonNode? Inline(JsonObject document, JsonNode? node, int depth)
    {
        if (depth > 32) throw new InvalidOperationException("A $ref cycle: the documents have no recursive schemas.");
        switch (node)
        {
            case JsonObject obj when obj["$ref"] is JsonValue reference:
                var target = Inline(document, Resolve(document, obj), depth + 1)!;
                var siblings = obj.Where(p => p.Key is not ("$ref" or "description" or "summary")).ToList();
                return siblings.Count == 0 ? target
                    : new JsonObject(siblings.Select(p => KeyValuePair.Create(p.Key, Inline(document, p.Value, depth + 1))).Append(
                        KeyValuePair.Create<string, JsonNode?>("allOf", new JsonArray(target))));
            case JsonObject obj:
                return new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Inline(document, p.Value, depth + 1))));
            case JsonArray array:
                return new JsonArray([.. array.Select(i => Inline(document, i, depth + 1))]);
            default:
                return node?.DeepClone();
        }
    }

    private static JsonNode Resolve(JsonObject document, JsonNode node)
    {
        while (node is JsonObject obj && obj["$ref"]?.GetValue<string>() is { } reference)
            node = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode)document, (current, key) => current[key.Replace("~1", "/").Replace("~0", "~")]
                    ?? throw new InvalidOperationException($"{reference} points at nothing."));
        return node;
    }
}
