namespace CoSell.Domain;

/// <summary>The two solution types of the co-sell programme.</summary>
public enum SolutionType
{
    /// <summary>Repeatable, packaged software (SaaS, Azure application, VM, container, ...).</summary>
    IpSolution,

    /// <summary>Consulting or managed services built on Microsoft technology.</summary>
    Services,
}

/// <summary>What kind of marketplace offer this is.</summary>
public enum OfferKind
{
    SaaS,
    AzureApplication,
    VirtualMachine,
    Container,
    IoTEdgeModule,
    DynamicsApp,
    PowerPlatformApp,
    Consulting,
    ManagedService,
}

/// <summary>The co-sell status of an offer; everything else serves this value.</summary>
public enum CoSellStatus
{
    NotReady,
    CoSellReady,
    CoSellIncentivized,
}

/// <summary>The step-4 incentive tracks.</summary>
public enum IncentiveTrack
{
    AzureIp,
    BusinessApplications,
}

/// <summary>Co-sell collateral documents (Documents section of the offer).</summary>
public enum DocumentType
{
    /// <summary>Required: the customer one-pager (at most 10 pages).</summary>
    OnePager,

    /// <summary>Optional: the customer presentation / pitch deck.</summary>
    Presentation,

    /// <summary>Optional: reference-architecture diagram (IP solutions).</summary>
    ReferenceArchitecture,

    /// <summary>Evidence such as a case study; satisfies "social-media URL or other evidence".</summary>
    CaseStudy,
}
