using System.Net;
using System.Net.Sockets;

namespace UsageFunctions.Domain.Alerts;

/// <summary>
/// Addresses an alert endpoint may not reach: loopback, link-local (which holds the cloud metadata service,
/// 169.254.169.254), private and shared ranges, unspecified, multicast and the IPv6 equivalents, IPv4-mapped included.
/// </summary>
public static class TargetAddresses
{
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.None)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (v6[0] & 0xFE) == 0xFC // unique local fc00::/7
                || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8) // documentation
                || (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b); // NAT64 can reach private IPv4
        }
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] is >= 64 and <= 127, // carrier-grade NAT
            169 => b[1] == 254, // link-local and metadata
            172 => b[1] is >= 16 and <= 31,
            192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2), // private, IETF protocol, documentation
            198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
            203 => b[1] == 0 && b[2] == 113,
            >= 224 => true, // multicast and reserved
            _ => false,
        };
    }
}
