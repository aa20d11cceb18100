using CsCheck;

namespace CoSell.Domain.Tests.Properties;

/// <summary>The state of one kind of document in a generated scenario.</summary>
public enum DocState
{
    Missing,
    Unvalidated,
    Rejected,
    Valid,
}

/// <summary>Everything a generated scenario varies; <see cref="ToBuilder"/> turns it into valid input.</summary>
public sealed record Scenario(
    SolutionType Type,
    OfferKind Kind,
    bool Transactable,
    bool Csp,
    bool Publishing,
    bool BusinessProfile,
    bool BuiltOnAzure,
    decimal IpShare,
    bool[] Eligible,
    bool[] Covered,
    bool AllOthersContact,
    DocState OnePager,
    DocState Presentation,
    DocState CaseStudy,
    string? LandingPage,
    string? Social,
    string? Month,
    decimal AcrTtmUsd,
    (decimal Billed, bool Transactable)[] Solutions,
    bool IsvConnect,
    bool Gold)
{
    public static readonly string[] Countries = ["US", "DE", "FR", "JP", "BR"];

    public OfferBuilder ToBuilder()
    {
        OfferBuilder builder = Offers.ValidIp()
            .WithSolutionType(Type, Kind)
            .Transactable(Transactable)
            .WithCsp(Csp)
            .MeetingPublishingRequirements(Publishing)
            .WithBusinessProfileComplete(BusinessProfile)
            .BuiltOnAzure(BuiltOnAzure)
            .WithRepeatableIpShare(IpShare)
            .WithLandingPageUrl(LandingPage)
            .WithSocialOrEvidenceUrl(Social)
            .WithRevenueMonth(Month)
            .WithAcrTtmUsd(AcrTtmUsd)
            .WithIsvConnectPremium(IsvConnect)
            .WithGoldCompetency(Gold);

        string[] eligible = Countries.Where((_, i) => Eligible[i]).ToArray();
        builder.WithEligibleCountries(eligible.Length > 0 ? eligible : ["US"]);

        var contacts = new List<SalesContact>();
        for (int i = 0; i < Countries.Length; i++)
        {
            if (Covered[i])
            {
                contacts.Add(SalesContacts.For($"sales-{i}@contoso.com", Countries[i]));
            }
        }

        if (AllOthersContact)
        {
            contacts.Add(SalesContacts.For("rest@contoso.com", CountryCodes.AllOtherCountries));
        }

        builder.WithContacts([.. contacts]);
        Document(builder, DocumentType.OnePager, "one-pager.pdf", OnePager);
        Document(builder, DocumentType.Presentation, "pitch.pptx", Presentation);
        Document(builder, DocumentType.CaseStudy, "case-study.pdf", CaseStudy);
        for (int i = 0; i < Solutions.Length; i++)
        {
            builder.WithSolutionRevenue($"solution-{i}", Solutions[i].Billed, Solutions[i].Transactable);
        }

        return builder;
    }

    private static void Document(OfferBuilder builder, DocumentType type, string fileName, DocState state)
    {
        builder.WithoutDocuments(type);
        switch (state)
        {
            case DocState.Unvalidated:
                builder.WithUnvalidatedDocument(type, fileName);
                break;
            case DocState.Rejected:
                builder.WithDocument(type, fileName, valid: false, reason: "The file is encrypted.");
                break;
            case DocState.Valid:
                builder.WithDocument(type, fileName);
                break;
        }
    }
}

/// <summary>CsCheck generators of valid scenarios, biased toward the interesting boundaries.</summary>
public static class ScenarioGen
{
    /// <summary>Whole cents from 0 to <paramref name="maxCents"/> / 100 USD (CsCheck's decimal ranges are not needed).</summary>
    public static Gen<decimal> Cents(long maxCents) => Gen.Long[0, maxCents].Select(c => c / 100m);

    /// <summary>Mostly true, so that many scenarios get past step 1 and 3.</summary>
    public static readonly Gen<bool> MostlyTrue = Gen.Int[0, 9].Select(i => i > 0);

    public static readonly Gen<decimal> Usd = Gen.OneOf(
        Cents(30_000_000),
        Gen.OneOfConst(0m, 99_999.99m, 100_000.00m, 100_000.01m, 50_000m));

    public static readonly Gen<decimal> Share = Gen.OneOf(
        Gen.Int[0, 10_000_000].Select(i => i / 10_000_000m),
        Gen.OneOfConst(0m, 0.4999999m, 0.5m, 0.5000001m, 1m));

    public static readonly Gen<(SolutionType, OfferKind)> TypeAndKind = Gen.Int[0, 4].SelectMany(i => i == 0
        ? Gen.OneOfConst(OfferKind.Consulting, OfferKind.ManagedService).Select(k => (SolutionType.Services, k))
        : Gen.OneOfConst(
            OfferKind.SaaS, OfferKind.AzureApplication, OfferKind.VirtualMachine, OfferKind.Container,
            OfferKind.IoTEdgeModule, OfferKind.DynamicsApp, OfferKind.PowerPlatformApp).Select(k => (SolutionType.IpSolution, k)));

    public static readonly Gen<DocState> Doc = Gen.Int[0, 5].Select(i => i switch
    {
        0 => DocState.Missing,
        1 => DocState.Unvalidated,
        2 => DocState.Rejected,
        _ => DocState.Valid,
    });

    public static readonly Gen<string?> Url = Gen.OneOfConst<string?>(
        null, "https://www.contoso.com/analytics", "https://www.linkedin.com/company/contoso", "https://contoso.com/a?b=c",
        "http://www.contoso.com", "www.contoso.com", "https://");

    private static readonly Gen<(bool, bool, bool, bool, bool, decimal)> OfferFlags =
        Gen.Select(Gen.Bool, Gen.Bool, MostlyTrue, MostlyTrue, MostlyTrue, Share);

    private static readonly Gen<(bool[], bool[], bool)> Coverage =
        Gen.Select(MostlyTrue.Array[5], MostlyTrue.Array[5], Gen.Int[0, 4].Select(i => i == 0));

    private static readonly Gen<(DocState, DocState, DocState, string?, string?)> Materials =
        Gen.Select(Doc, Doc, Doc, Url, Url);

    private static readonly Gen<(string?, decimal, (decimal, bool)[], bool, bool)> Organisation =
        Gen.Select(
            Gen.Int[0, 9].Select(i => i == 0 ? null : "2026-10"),
            Usd,
            Gen.Select(Cents(8_000_000), MostlyTrue).Array[0, 4],
            Gen.Int[0, 3].Select(i => i == 0),
            MostlyTrue);

    public static readonly Gen<Scenario> Scenario = Gen.Select(TypeAndKind, OfferFlags, Coverage, Materials, Organisation,
        (tk, flags, coverage, materials, org) => new Scenario(
            tk.Item1, tk.Item2,
            flags.Item1, flags.Item2, flags.Item3, flags.Item4, flags.Item5, flags.Item6,
            coverage.Item1, coverage.Item2, coverage.Item3,
            materials.Item1, materials.Item2, materials.Item3, materials.Item4, materials.Item5,
            org.Item1, org.Item2, org.Item3, org.Item4, org.Item5));
}
