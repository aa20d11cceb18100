namespace CoSell.Domain.Rules;

/// <summary>"3.contacts": a sales contact for every eligible country/region; "OOO" covers every country no contact names.</summary>
internal static class ContactRules
{
    public static RequirementResult Check(IReadOnlyList<string>? eligibleCountries, IReadOnlyList<SalesContact>? contacts)
    {
        const string Title = "A sales contact for every eligible country/region";
        IReadOnlyList<string> eligible = eligibleCountries ?? [];
        var named = new HashSet<string>(StringComparer.Ordinal);
        bool allOthers = false;
        foreach (SalesContact contact in (contacts ?? []).Where(c => c?.Countries is not null))
        {
            foreach (string code in contact.Countries.Where(c => c is not null))
            {
                if (code == CountryCodes.AllOtherCountries)
                {
                    allOthers = true;
                }
                else
                {
                    named.Add(code);
                }
            }
        }

        string[] unnamed = eligible.Where(c => !named.Contains(c)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (unnamed.Length > 0 && !allOthers)
        {
            return new RequirementResult(RequirementIds.Contacts, 3, Title, false,
                $"No sales contact for {string.Join(", ", unnamed)} — every eligible country needs one. Add contacts in the Contacts section (use 'OOO' for all other countries).");
        }

        string reason = unnamed.Length == 0
            ? "Every eligible country/region has a sales contact."
            : $"Every eligible country/region has a sales contact; {string.Join(", ", unnamed)} are covered by the 'all other countries' (OOO) contact.";
        return new RequirementResult(RequirementIds.Contacts, 3, Title, true, reason);
    }
}
