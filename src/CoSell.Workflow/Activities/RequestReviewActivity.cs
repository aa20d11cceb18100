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
        var receipts = new List<NotificationReceipt>(input.Invitations.Count);
        for (int i = 0; i < input.Invitations.Count; i++)
        {
            ReviewInvitation invitation = input.Invitations[i];
            await tokens.AddAsync(
                new ReviewTokenRecord(
                    invitation.TokenId,
                    input.InstanceId,
                    input.Submission.Offer.PartnerId,
                    input.Submission.Offer.OfferId,
                    invitation.Reviewer,
                    input.IssuedAt,
                    input.ExpiresAt),
                cancellationToken);

            string token = signer.Sign(new ReviewTokenClaims(invitation.TokenId, input.InstanceId, invitation.Reviewer, input.ExpiresAt));
            string link = ReviewLink(options.Value.PublicBaseUrl, token);
            EmailContent mail = input.IsReminder
                ? EmailTemplates.ReviewerReminder(input.Submission, input.Proposed, link, input.ExpiresAt)
                : EmailTemplates.ReviewerRequest(input.Submission, input.Proposed, link, input.ExpiresAt);
            receipts.Add(await notifier.SendAsync(
                new NotificationRequest(input.InstanceId, NotificationSteps.ReviewerLink(i + 1, input.IsReminder), [invitation.Reviewer], mail.Subject, mail.PlainText, mail.Html),
                cancellationToken));
        }

        return new ReviewLinkResult(receipts);
    }

    /// <summary>The public reviewer page of a token: <c>{baseUrl}/review/{token}</c> (route <see cref="ApiRoutes.ShowReview"/>).</summary>
    public static string ReviewLink(string publicBaseUrl, string token)
        => publicBaseUrl.TrimEnd('/') + "/" + ApiRoutes.ShowReview.Template.Replace("{token}", Uri.EscapeDataString(token), StringComparison.Ordinal);
}
