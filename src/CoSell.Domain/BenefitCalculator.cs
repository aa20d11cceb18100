namespace CoSell.Domain;

/// <summary>The benefits Azure IP co-sell incentivized unlocks (SPEC §1, "Benefits").</summary>
public static class BenefitCalculator
{
    /// <summary>The marketplace service fee on billed sales, as the seed states it.</summary>
    public const decimal StandardServiceFeeRate = 0.20m;

    /// <summary>The reduced fee for Azure IP co-sell incentivized, transactable SaaS and IaaS offers.</summary>
    public const decimal ReducedServiceFeeRate = 0.10m;

    /// <summary>The sales incentive CSP partners earn for reselling the offer.</summary>
    public const decimal CspSalesIncentiveRate = 0.10m;

    /// <summary>
    /// The benefits for an offer with this status and these qualifying tracks; empty unless the status is
    /// <see cref="CoSellStatus.CoSellIncentivized"/> on the <see cref="IncentiveTrack.AzureIp"/> track.
    /// <list type="bullet">
    /// <item>"service-fee": fee on billed sales 20 % → 10 %, only for transactable SaaS/IaaS offers
    /// (IaaS = VirtualMachine, Container, AzureApplication; see <see cref="OfferKinds.IsSaasOrIaas"/>).</item>
    /// <item>"csp-incentive": 10 % CSP sales incentive, only for SaaS/IaaS offers configured for CSP (step 2).</item>
    /// <item>"azure-benefit": purchases count toward the customer's Azure consumption commitment ("Azure benefit eligible").</item>
    /// <item>"preferred-badge": the preferred-solution badge in the online stores.</item>
    /// </list>
    /// </summary>
    public static IReadOnlyList<Benefit> For(Offer offer, CoSellStatus status, IReadOnlyList<IncentiveTrack> tracks)
    {
        if (status != CoSellStatus.CoSellIncentivized || tracks is null || !tracks.Contains(IncentiveTrack.AzureIp))
        {
            return [];
        }

        var benefits = new List<Benefit>(4);
        bool saasOrIaas = OfferKinds.IsSaasOrIaas(offer.Kind);
        if (saasOrIaas && offer.IsTransactable)
        {
            benefits.Add(new Benefit(BenefitIds.ServiceFee, "Reduced marketplace service fee",
                "The marketplace service fee on this offer's billed sales drops from 20 % to 10 %."));
        }

        if (saasOrIaas && offer.CspConfigured)
        {
            benefits.Add(new Benefit(BenefitIds.CspIncentive, "CSP sales incentive",
                "CSP partners earn a 10 % sales incentive for reselling this offer."));
        }

        benefits.Add(new Benefit(BenefitIds.AzureBenefit, "Azure benefit eligible",
            "Customers' purchases of this offer in the commercial marketplace count toward their Azure consumption commitment; the offer shows the \"Azure benefit eligible\" label."));
        benefits.Add(new Benefit(BenefitIds.PreferredBadge, "Preferred solution badge",
            "The offer carries the Microsoft preferred solution badge in AppSource and Azure Marketplace."));
        return benefits;
    }

    /// <summary>
    /// The marketplace service fee on <paramref name="billedUsd"/>: 10 % when <paramref name="reduced"/>, else 20 %,
    /// rounded to cents with <see cref="MidpointRounding.AwayFromZero"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="billedUsd"/> is negative.</exception>
    public static decimal ServiceFee(decimal billedUsd, bool reduced)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(billedUsd);
        decimal rate = reduced ? ReducedServiceFeeRate : StandardServiceFeeRate;
        return Math.Round(billedUsd * rate, 2, MidpointRounding.AwayFromZero);
    }
}
