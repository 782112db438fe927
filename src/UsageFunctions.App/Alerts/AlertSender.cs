using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using UsageFunctions.Domain.Alerts;
using UsageFunctions.Domain.Webhooks;

namespace UsageFunctions.App.Alerts;

/// <summary>What one attempt came to: delivered (any 2xx), gone (410), or failed with a status or an error.</summary>
public sealed record AttemptOutcome(bool Delivered, bool Gone, int? StatusCode, string? Error);

/// <summary>
/// Sends one message to one endpoint, signed the Standard Webhooks way with every valid secret of the endpoint.
/// Redirects are not followed (a 3xx is a failure), and an attempt gets <see cref="AlertsOptions.AttemptTimeoutSeconds"/>.
/// </summary>
public sealed class AlertSender(HttpClient client, IOptions<AlertsOptions> options, TimeProvider clock) : IDisposable
{
    public async Task<AttemptOutcome> SendAsync(AlertEndpoint endpoint, string messageId, string body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature",
            string.Join(' ', endpoint.SigningSecretsAt(now).Select(s => StandardWebhookSignature.Sign(s, messageId, timestamp, bytes))));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.AttemptTimeoutSeconds));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new AttemptOutcome(true, false, code, null);
            return new AttemptOutcome(false, response.StatusCode == HttpStatusCode.Gone, code, $"HTTP {code}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(false, false, null, $"Timed out after {options.Value.AttemptTimeoutSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return new AttemptOutcome(false, false, null, ex.InnerException?.Message ?? ex.Message);
        }
    }

    public void Dispose() => client.Dispose();
}
