using CoSell.Workflow.Http;
using CoSell.Workflow.Notifications;
using CoSell.Workflow.Ports;
using Microsoft.Extensions.Options;

namespace CoSell.Workflow.Activities;

/// <summary>
/// Issues one review link per reviewer (token row first, then the signed link) and e-mails it. Safe to repeat: the token
/// row is idempotent, signing the same claims gives the same link, and the outbox sends each step once.
/// The reminder re-sends the same links (same tokens, same expiry) under its own notification step.
/// </summary>
public sealed class RequestReviewActivity(IReviewTokenStore tokens, IReviewLinkSigner signer, INotifier notifier, IOptions<ReviewOptions> options)
{
    public async Task<ReviewLinkResult> RunAsync(ReviewLinkRequest input, CancellationToken cancellationToken)
    {
        await IssueTokensAsync(input, cancellationToken);
        return await SendLinksAsync(input, cancellationToken);
    }

    /// <summary>Stores one token row per invitation (all at once); an identical existing row is success.</summary>
    public Task IssueTokensAsync(ReviewLinkRequest input, CancellationToken cancellationToken)
        => Task.WhenAll(input.Invitations.Select(invitation => tokens.AddAsync(
            new ReviewTokenRecord(
                invitation.TokenId,
                input.InstanceId,
                input.Submission.Offer.PartnerId,
                input.Submission.Offer.OfferId,
                invitation.Reviewer,
                input.IssuedAt,
                input.ExpiresAt,
                OfferName: input.Submission.Offer.Name),
            cancellationToken)));

    /// <summary>E-mails each reviewer their own signed link (request or reminder), all at once; one receipt per reviewer, in order.</summary>
    public async Task<ReviewLinkResult> SendLinksAsync(ReviewLinkRequest input, CancellationToken cancellationToken)
    {
        NotificationReceipt[] receipts = await Task.WhenAll(input.Invitations.Select((invitation, i) =>
        {
            string token = signer.Sign(new ReviewTokenClaims(invitation.TokenId, input.InstanceId, invitation.Reviewer, input.ExpiresAt));
            string link = ReviewLink(options.Value.PublicBaseUrl, token);
            EmailContent mail = input.IsReminder
                ? EmailTemplates.ReviewerReminder(input.Submission, input.Proposed, link, input.ExpiresAt)
                : EmailTemplates.ReviewerRequest(input.Submission, input.Proposed, link, input.ExpiresAt);
            return notifier.SendAsync(
                new NotificationRequest(input.InstanceId, NotificationSteps.ReviewerLink(i + 1, input.IsReminder), [invitation.Reviewer], mail.Subject, mail.PlainText, mail.Html),
                cancellationToken);
        }));
        return new ReviewLinkResult(receipts);
    }

    /// <summary>The public reviewer page of a token: <c>{baseUrl}/review/{token}</c> (route <see cref="ApiRoutes.ShowReview"/>).</summary>
    public static string ReviewLink(string publicBaseUrl, string token)
        => publicBaseUrl.TrimEnd('/') + "/" + ApiRoutes.ShowReview.Template.Replace("{token}", Uri.EscapeDataString(token), StringComparison.Ordinal);
}
