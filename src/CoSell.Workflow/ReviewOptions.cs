using CoSell.Workflow.Messages;

namespace CoSell.Workflow;

/// <summary>Section "Review": who reviews submissions, when to remind, when a review expires, and where links point.</summary>
public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// <summary>Reviewer e-mail addresses; each gets an own signed link.</summary>
    public string[] Reviewers { get; set; } = [];

    /// <summary>A reminder goes out this long after the review request (default 3 days).</summary>
    public TimeSpan ReminderAfter { get; set; } = ReviewPolicy.DefaultReminderAfter;

    /// <summary>The review expires this long after the request (default 14 days).</summary>
    public TimeSpan ExpireAfter { get; set; } = ReviewPolicy.DefaultExpireAfter;

    /// <summary>Base address of the public reviewer pages; review links are <c>{PublicBaseUrl}/review/{token}</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>The policy an HTTP starter puts into <see cref="ReviewRequest.Policy"/>.</summary>
    public ReviewPolicy ToPolicy() => new()
    {
        Reviewers = [.. Reviewers],
        ReminderAfter = ReminderAfter,
        ExpireAfter = ExpireAfter,
    };
}
