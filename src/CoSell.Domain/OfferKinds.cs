namespace CoSell.Domain;

/// <summary>What each <see cref="OfferKind"/> means for the rules.</summary>
public static class OfferKinds
{
    /// <summary>True for the services kinds (Consulting, ManagedService); every other kind is an IP solution kind.</summary>
    public static bool IsServices(OfferKind kind) => kind is OfferKind.Consulting or OfferKind.ManagedService;

    /// <summary>True when <paramref name="kind"/> agrees with <paramref name="type"/>: Services offers are Consulting or ManagedService, IP solutions are anything else.</summary>
    public static bool Matches(SolutionType type, OfferKind kind) => (type == SolutionType.Services) == IsServices(kind);

    /// <summary>
    /// True for the kinds the benefits call "SaaS and IaaS": <see cref="OfferKind.SaaS"/> and the infrastructure
    /// kinds deployed into the customer's Azure subscription — <see cref="OfferKind.VirtualMachine"/>,
    /// <see cref="OfferKind.Container"/> and <see cref="OfferKind.AzureApplication"/> (solution templates and managed
    /// applications). IoT Edge modules, Dynamics and Power Platform apps and services are not SaaS/IaaS.
    /// </summary>
    public static bool IsSaasOrIaas(OfferKind kind)
        => kind is OfferKind.SaaS or OfferKind.VirtualMachine or OfferKind.Container or OfferKind.AzureApplication;
}
