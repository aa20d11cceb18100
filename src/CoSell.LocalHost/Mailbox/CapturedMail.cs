namespace CoSell.LocalHost.Mailbox;

/// <summary>One e-mail the local mailbox captured instead of SendGrid delivering it.</summary>
/// <param name="Id">The id answered in the <c>X-Message-Id</c> header.</param>
/// <param name="To">Every recipient of every personalization (to, in order).</param>
/// <param name="CustomArgs">Top-level custom args merged with each personalization's (the personalization wins).</param>
/// <param name="Headers">Top-level headers merged with each personalization's.</param>
public sealed record CapturedMail(
    string Id,
    DateTimeOffset ReceivedAt,
    string From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string? Text,
    string? Html,
    IReadOnlyDictionary<string, string> CustomArgs,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<string> Categories);

/// <summary>Settings of the local mailbox (section <c>Mailbox</c>).</summary>
public sealed class MailboxOptions
{
    public const string Section = "Mailbox";

    /// <summary>When set, every captured mail is appended to this JSON-lines file and reloaded at start, so a restart keeps mail.</summary>
    public string? FilePath { get; set; }

    /// <summary>How many mails are kept (oldest dropped first).</summary>
    public int MaxMessages { get; set; } = 2000;

    /// <summary>Admin key for the fault switch (header <c>X-Admin-Key</c>); read from <c>PartnerAuth:AdminKey</c> when not set here.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Fault to inject from start-up: answer the first <see cref="FaultCount"/> sends with <see cref="FaultStatus"/>.</summary>
    public int FaultStatus { get; set; } = 429;

    public int FaultCount { get; set; }
}
