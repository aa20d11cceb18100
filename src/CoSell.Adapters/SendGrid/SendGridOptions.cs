namespace CoSell.Adapters.SendGrid;

/// <summary>Section <c>SendGrid</c>. The API key is a secret (Key Vault reference in Azure); it is never logged or stored.</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    public string ApiKey { get; set; } = "";

    public string FromAddress { get; set; } = "";

    public string? FromName { get; set; } = "Microsoft co-sell review";

    /// <summary>API base address; a local capture mailbox can stand in for SendGrid.</summary>
    public string Host { get; set; } = "https://api.sendgrid.com";

    /// <summary>How long one send may take before it counts as a transient failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// While one attempt is sending, the outbox row is claimed for this long, so a concurrent duplicate attempt
    /// waits (transient failure) instead of sending twice. Released on any outcome.
    /// </summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Problems with the options, empty when valid. Messages never contain the key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            errors.Add("SendGrid:ApiKey is required.");
        }

        if (string.IsNullOrWhiteSpace(FromAddress) || !FromAddress.Contains('@', StringComparison.Ordinal))
        {
            errors.Add("SendGrid:FromAddress must be an e-mail address.");
        }

        if (!Uri.TryCreate(Host, UriKind.Absolute, out Uri? host) || (host.Scheme != Uri.UriSchemeHttps && host.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("SendGrid:Host must be an absolute http(s) address.");
        }

        if (Timeout <= TimeSpan.Zero || ClaimDuration <= Timeout)
        {
            errors.Add("SendGrid:Timeout must be positive and shorter than SendGrid:ClaimDuration.");
        }

        return errors;
    }
}
