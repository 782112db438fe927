using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using UsageFunctions.Domain.Alerts;

namespace UsageFunctions.App.Alerts;

/// <summary>
/// Keeps alert deliveries off internal networks: a URL must be <c>https</c> and every address its host resolves to must
/// be public, checked when an endpoint is saved and again on every connection (the check at connect time is what stops
/// a name that resolves differently later), unless <see cref="AlertsOptions.AllowPrivateTargets"/> is set.
/// </summary>
public sealed class TargetGuard(IOptions<AlertsOptions> options)
{
    public const int MaxUrlLength = 2048;

    /// <summary>Why the URL may not be an endpoint, or null when it may.</summary>
    public async Task<string?> RefusalAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return "An absolute https URL of at most 2048 characters.";
        if (!string.IsNullOrEmpty(uri.UserInfo) || uri.Fragment.Length > 0) return "The URL may not carry credentials or a fragment.";
        var allowPrivate = options.Value.AllowPrivateTargets;
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowPrivate && uri.Scheme == Uri.UriSchemeHttp)) return "The URL must use https.";
        if (allowPrivate) return null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host '{uri.Host}' does not resolve.";
        }
        if (addresses.Length == 0) return $"The host '{uri.Host}' does not resolve.";
        return addresses.Any(TargetAddresses.IsForbidden)
            ? $"The host '{uri.Host}' resolves to a loopback, private, link-local or metadata address."
            : null;
    }

    /// <summary>Connects only to permitted addresses: the resolved ones are checked, then the first that answers is used.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!options.Value.AllowPrivateTargets && addresses.Any(TargetAddresses.IsForbidden))
            throw new HttpRequestException($"Refused to connect to '{host}': it resolves to a non-public address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (Exception)
        {
            socket.Dispose();
            throw;
        }
    }
}
