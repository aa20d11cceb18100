namespace CoSell.Integration.Tests.Secrets;

/// <summary>The scanner itself: it must see every kind of leak the secret-leak test relies on it to see.</summary>
public sealed class SecretScanTests
{
    static readonly Dictionary<string, string> Secrets = new() { ["admin key"] = "ak-0123456789abcdef" };

    [Theory]
    [InlineData("key ak-0123456789abcdef in a log line", "admin key")]
    [InlineData("key YWstMDEyMzQ1Njc4OWFiY2RlZg== as base64", "admin key (base64)")]
    [InlineData("Authorization: Bearer SG.abcdefghijkl.mnopqrstuvwxyz", "a SendGrid key (SG.…)")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=x;AccountKey=abc", "AccountKey=")]
    [InlineData("SharedAccessSignature=sv=2024&sig=abc", "SharedAccessSignature")]
    [InlineData("https://x.blob.core.windows.net/c/b?sv=2024-01-01&sig=abc%3D", "sig= (SAS signature)")]
    [InlineData("Authorization: SharedKey devstoreaccount1:c2lnbmF0dXJl", "an Authorization header value")]
    public void Find_EachKindOfSecret_IsReported(string text, string expected)
    {
        IReadOnlyList<SecretLeak> leaks = SecretScan.Find(Secrets, [("sample", text)]);

        Assert.Contains(leaks, l => l.Secret == expected && l.Source == "sample");
    }

    [Fact]
    public void Find_SignedReviewLinkAndPlainText_NothingReported()
    {
        string mail = "Open http://127.0.0.1:7071/review/eyJraWQiOiJhYmMifQ.c2lnbmF0dXJlLWJ5dGVz to decide; signed by the co-sell team.";

        Assert.Empty(SecretScan.Find(Secrets, [("mail", mail)]));
    }
}
