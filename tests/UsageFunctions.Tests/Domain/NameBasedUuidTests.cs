using UsageFunctions.Domain.Ids;

namespace UsageFunctions.Tests.Domain;

public sealed class NameBasedUuidTests
{
    [Fact]
    public void TheRfc9562ExampleOfVersion5IsReproduced()
    {
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), NameBasedUuid.V5(dns, "www.example.com"));
    }

    [Fact]
    public void VersionAndVariantBitsAreSet()
    {
        var uuid = NameBasedUuid.V5(Guid.Empty, "agent_support");
        Assert.Equal(5, uuid.Version);
        Assert.Contains(uuid.ToString()[19], "89ab");
    }
}
