using UsageFunctions.App.Vendors.Ultravox;
using UsageFunctions.Domain.Ids;

namespace UsageFunctions.Tests.Vendors;

public sealed class UltravoxIdsTests
{
    [Fact]
    public void AFreeFormIdIsTheVersion5UuidOfAccountKindAndId()
    {
        Assert.Equal(NameBasedUuid.V5(UltravoxIds.Namespace, "acct_1/agent/agent_support").ToString(),
            new UltravoxIds("acct_1").Present(UltravoxIds.Agent, "agent_support"));
    }

    [Fact]
    public void TheSameIdIsTheSameUuidEveryTimeButNotForAnotherAccountOrKind()
    {
        var first = new UltravoxIds("acct_1").Present(UltravoxIds.Agent, "agent_support");
        Assert.Equal(first, new UltravoxIds("acct_1").Present(UltravoxIds.Agent, "agent_support"));
        Assert.NotEqual(first, new UltravoxIds("acct_2").Present(UltravoxIds.Agent, "agent_support"));
        Assert.NotEqual(first, new UltravoxIds("acct_1").Present(UltravoxIds.Voice, "agent_support"));
    }

    [Theory]
    [InlineData("0b9a4d3e-5f1c-4c1e-9a63-2f0a1e7c9d11")]
    [InlineData("0B9A4D3E-5F1C-4C1E-9A63-2F0A1E7C9D11")]
    public void AnIdThatIsAUuidIsShownAsItIs(string id) =>
        Assert.Equal(id, new UltravoxIds("acct_1").Present(UltravoxIds.Agent, id));
}
