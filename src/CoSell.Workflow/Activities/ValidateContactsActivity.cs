using CoSell.Domain;

namespace CoSell.Workflow.Activities;

/// <summary>Checks the sales contacts (a contact for every eligible country) with the domain rule.</summary>
public sealed class ValidateContactsActivity
{
#pragma warning disable CA1822 // An instance method on purpose: resolved and called like every other activity service.
    public Task<RequirementResult> RunAsync(Submission input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CoSellRules.CheckContacts(input));
    }
#pragma warning restore CA1822
}
