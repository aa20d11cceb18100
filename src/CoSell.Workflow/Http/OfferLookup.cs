using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Http;

/// <summary>Loads an offer named by a route: an id that breaks the id rule is simply not found (never a storage call).</summary>
internal static class OfferLookup
{
    public static async Task<OfferRecord?> FindAsync(this IOfferStore offers, string partnerId, string offerId, CancellationToken cancellationToken)
        => InputRules.IsValidId(offerId) ? await offers.GetAsync(partnerId, offerId, cancellationToken) : null;
}
