using System.Security.Cryptography;
using System.Text;

namespace UsageFunctions.Domain.Ids;

/// <summary>Name-based UUIDs, version 5 (RFC 9562 §5.5): the same namespace and name always give the same UUID.</summary>
public static class NameBasedUuid
{
    public static Guid V5(Guid namespaceId, string name)
    {
        var input = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        // Version 5 is defined with SHA-1; the hash only names an id here, it protects nothing.
        SHA1.HashData(input, hash);
        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid, bigEndian: true);
    }
}
