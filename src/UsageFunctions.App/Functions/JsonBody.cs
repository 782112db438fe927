using System.Text.Json;

namespace UsageFunctions.App.Functions;

/// <summary>
/// Reads a JSON request body into a request record, as minimal APIs bind one: another content type is 415, and a
/// missing, malformed or mistyped body is 400 (thrown as <see cref="BadHttpRequestException"/>, which the failure
/// middleware answers as problem details).
/// </summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Send the body as JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        try
        {
            return await request.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw new BadHttpRequestException("A JSON object body is required.");
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException($"The body is not a valid JSON request: {ex.Message}", ex);
        }
    }
}
