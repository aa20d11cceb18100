using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Activities;

/// <summary>
/// One step of the review (version 2): issue the reviewers' links, append the history entries the orchestrator hands
/// over (submitted, validated, review requested; or reminded) in one write, then e-mail the links. Each part is
/// idempotent (token rows, entry ids, the outbox), so a retry after any failure finishes the step without duplicates.
/// </summary>
public sealed class InviteReviewersActivity(RequestReviewActivity links, IHistoryStore history)
{
    public async Task<ReviewLinkResult> RunAsync(ReviewInvitationRequest input, CancellationToken cancellationToken)
    {
        if (!input.Links.IsReminder)
        {
            await links.IssueTokensAsync(input.Links, cancellationToken);
        }

        await history.AppendAllAsync(input.History, cancellationToken);
        return await links.SendLinksAsync(input.Links, cancellationToken);
    }
}
