using System.Text;
using UsageFunctions.Domain.Webhooks;

namespace UsageFunctions.Tests.Domain;

public class StandardWebhookSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_763_640_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"hello\":1}");

    [Fact]
    public void MatchesTheStandardWebhooksReferenceVector()
    {
        // The published example of the Standard Webhooks specification.
        var signature = StandardWebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330, Encoding.UTF8.GetBytes("{\"test\": 2432232314}"));
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void ValidSignatureVerifies()
    {
        var secret = StandardWebhookSignature.NewSecret();
        var header = StandardWebhookSignature.Sign(secret, "msg_1", Now.ToUnixTimeSeconds(), Body);
        Assert.Equal(SignatureCheck.Valid, Verify([secret], header, Now.ToUnixTimeSeconds()));
    }

    [Fact]
    public void TamperedBodyFails()
    {
        var secret = StandardWebhookSignature.NewSecret();
        var header = StandardWebhookSignature.Sign(secret, "msg_1", Now.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes("{\"hello\":2}"));
        Assert.Equal(SignatureCheck.Mismatch, Verify([secret], header, Now.ToUnixTimeSeconds()));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void TimestampsOutsideFiveMinutesExpire(int offsetSeconds)
    {
        var secret = StandardWebhookSignature.NewSecret();
        var sent = Now.ToUnixTimeSeconds() + offsetSeconds;
        Assert.Equal(SignatureCheck.Expired, Verify([secret], StandardWebhookSignature.Sign(secret, "msg_1", sent, Body), sent));
    }

    [Fact]
    public void AnyOfSeveralSecretsAndSignaturesVerifies()
    {
        var old = StandardWebhookSignature.NewSecret();
        var current = StandardWebhookSignature.NewSecret();
        var ts = Now.ToUnixTimeSeconds();
        var header = "v1,AAAA " + StandardWebhookSignature.Sign(old, "msg_1", ts, Body);
        Assert.Equal(SignatureCheck.Valid, Verify([current, old], header, ts));
        Assert.Equal(SignatureCheck.Mismatch, Verify([current], header, ts));
    }

    [Fact]
    public void MissingOrMalformedHeadersFail()
    {
        var secret = StandardWebhookSignature.NewSecret();
        Assert.Equal(SignatureCheck.Missing, StandardWebhookSignature.Verify([secret], null, "1", "v1,x", Body, Now));
        Assert.Equal(SignatureCheck.BadTimestamp, StandardWebhookSignature.Verify([secret], "m", "soon", "v1,x", Body, Now));
        Assert.Equal(SignatureCheck.Mismatch, StandardWebhookSignature.Verify([secret], "m", Now.ToUnixTimeSeconds().ToString(), "v2,abc", Body, Now));
    }

    private static SignatureCheck Verify(string[] secrets, string header, long timestamp) =>
        StandardWebhookSignature.Verify(secrets, "msg_1", timestamp.ToString(), header, Body, Now);
}
