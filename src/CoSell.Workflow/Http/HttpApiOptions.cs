namespace CoSell.Workflow.Http;

/// <summary>Limits of the HTTP API (section "CoSellHttp").</summary>
public sealed class HttpApiOptions
{
    public const string Section = "CoSellHttp";

    /// <summary>Largest JSON body accepted (drafts, submissions).</summary>
    public int MaxJsonBytes { get; set; } = 64 * 1024;

    /// <summary>Largest uploaded document; the Partner Center practice is small files, 25 MB covers an .mp4 teaser.</summary>
    public long MaxDocumentBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Largest contacts import (CSV or JSON).</summary>
    public int MaxContactsBytes { get; set; } = 1024 * 1024;

    /// <summary>Most contacts one offer may list.</summary>
    public int MaxContacts { get; set; } = 1000;

    /// <summary>Largest monthly revenue file (tens of thousands of organisations at ~100 bytes a row fit easily).</summary>
    public int MaxRevenueBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest reviewer form post.</summary>
    public int MaxReviewFormBytes { get; set; } = 16 * 1024;

    /// <summary>Longest reviewer comment.</summary>
    public int MaxCommentLength { get; set; } = 2000;

    /// <summary>
    /// A review link stops taking decisions this long before the review expires. A decision recorded in the last
    /// moments could reach the review after its expiry timer fired: the reviewer would read "decided" while the review
    /// records Expired. The margin covers recording and raising the decision (normally well under a second).
    /// </summary>
    public TimeSpan DecisionCutoffBeforeExpiry { get; set; } = TimeSpan.FromSeconds(5);
}
